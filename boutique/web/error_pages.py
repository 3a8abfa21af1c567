"""Errors become pages in the person's language, or JSON under /api/; never a traceback."""

import logging
from contextlib import nullcontext

from flask import Flask, g, jsonify, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy import inspect
from sqlalchemy.exc import DataError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from boutique.core.errors import DomainError
from boutique.extensions import db, login_manager
from boutique.web.negotiation import is_api_request

log = logging.getLogger(__name__)

_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "invalid", 429: "too_many_requests", 500: "internal_error", 503: "try_again",
}


def _messages() -> dict[int, str]:
    return {
        400: _("The request could not be understood."),
        401: _("Please sign in."),
        403: _("You do not have access to this."),
        404: _("That page or thing does not exist."),
        405: _("That method is not allowed here."),
        409: _("That conflicts with the current state."),
        413: _("That is too large."),
        415: _("That type of content is not accepted."),
        422: _("That input is not valid."),
        429: _("Too many attempts. Wait a while and try again."),
        500: _("Something went wrong on our side. Nothing was saved."),
        503: _("The system is busy. Please try again in a moment."),
    }


def json_error(status: int, code: str | None = None, message: str | None = None, /, **extra):
    body = {"code": code or _CODES.get(status, "error"), "message": str(message or _messages().get(status, ""))}
    body.update(extra)
    response = jsonify({"error": body})
    response.status_code = status
    return response


def _page(status: int, message: str | None = None):
    message = message or _messages().get(status, _messages()[500])
    return render_template("errors/error.html", status=status, message=message), status


def handle_http_exception(error: HTTPException):
    status = error.code or 500
    if isinstance(error, CSRFError):
        message = _("The form had expired or was sent from elsewhere. Reload the page and try again.")
        return json_error(400, "csrf_failed", message) if is_api_request() else _page(400, message)
    if is_api_request():
        response = json_error(status)
        if status == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response
    if status == 405:
        return _page(405)
    return _page(status)


def handle_domain_error(error: DomainError):
    if is_api_request():
        return json_error(error.status, error.code, str(error.message), **error.details)
    return _page(error.status, str(error.message))


def _language_already_loaded() -> str | None:
    """The signed-in person's language if it is in memory already (reading it must not query)."""
    user = g.get("_login_user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return inspect(user).dict.get("language")


def handle_operational_error(error: OperationalError):
    busy = "locked" in str(error.orig).lower() or "busy" in str(error.orig).lower()
    language = _language_already_loaded() if busy else None
    db.session.rollback()
    if busy:
        log.warning("database busy: %s", error.orig)
        # Answer without the database, which is still locked: the person (not loaded yet, or expired by
        # the rollback) would otherwise be read again to pick the language and draw the menu.
        g._login_user = login_manager.anonymous_user()
        with force_locale(language) if language else nullcontext():
            return handle_http_exception(ServiceUnavailable())
    log.exception("database error")
    return handle_http_exception(InternalServerError())


def handle_data_error(error: DataError):
    """A value the database refuses (out of range, bad encoding) is the client's input: 422."""
    db.session.rollback()
    log.warning("database refused a value: %s", error.orig)
    return handle_domain_error(DomainError(_("That input is not valid."), code="invalid_value"))


def handle_unexpected(error: Exception):
    db.session.rollback()
    log.exception("unhandled error")
    return handle_http_exception(InternalServerError())


def register_errorhandlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(OperationalError, handle_operational_error)
    app.register_error_handler(DataError, handle_data_error)
    app.register_error_handler(Exception, handle_unexpected)
