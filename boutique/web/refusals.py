"""A domain error in a view: roll the request back and tell the person, in one small helper.

    with refused(into=form.title.errors) as attempt:      # or into=problems (a list), or flash="error"
        lot = services.create_lot(db.session, ...)
    if attempt.ok:
        db.session.commit(); flash(...); return redirect(...)
    return render_template(..., form=form), attempt.status

A ``DomainError`` raised inside the block rolls the session back (nothing half-written is committed
later), puts its message where it was told and is kept on ``attempt``; any other error propagates.
"""

from flask import flash as flash_message

from boutique.core.errors import DomainError
from boutique.extensions import db


class refused:  # lower case: it reads as a phrase, ``with refused(...) as attempt``
    """The context manager of the module's docstring; ``attempt.ok`` is True when no rule said no."""

    def __init__(self, *, into: list | None = None, flash: str | None = None):
        self.into, self.flash = into, flash
        self.error: DomainError | None = None

    def __enter__(self) -> "refused":
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if not isinstance(error, DomainError):
            return False
        db.session.rollback()
        self.error = error
        if self.into is not None:
            self.into.append(self.message)
        if self.flash:
            flash_message(self.message, self.flash)
        return True

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def message(self) -> str:
        return str(self.error.message) if self.error else ""

    @property
    def status(self) -> int:
        """The answer's status: 200 when it went through, else the error's (404, 409, 422...)."""
        return self.error.status if self.error else 200
