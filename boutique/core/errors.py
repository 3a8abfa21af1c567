"""Domain errors: raised by services, turned into form errors, flashes or JSON by the edges."""

from flask_babel import lazy_gettext as _l


class DomainError(Exception):
    """A rule of the boutique said no. ``code`` is stable for API clients; ``message`` is for people."""

    status = 422
    code = "invalid"

    def __init__(self, message=None, *, code: str | None = None, status: int | None = None,
                 details: dict | None = None):
        self.message = message if message is not None else _l("That cannot be done.")
        if code:
            self.code = code
        if status:
            self.status = status
        self.details = details or {}
        super().__init__(self.message)


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    """The request is fine but the current state forbids it (already sold, till closed...)."""

    status = 409
    code = "conflict"


class InvalidInput(DomainError):
    status = 422
    code = "invalid"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
