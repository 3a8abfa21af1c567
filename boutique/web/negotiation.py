"""Whether a request is answered in JSON, decided here once. The API always is; a page answers JSON when
its own script asks for it (the till and the back room send each scan with ``Accept: application/json``
and show the answer in place); errors answer JSON for the API and a page otherwise, since the pages'
scripts read the page routes' own answers, not the error body."""

from flask import request


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def wants_json() -> bool:
    """A page request whose script asks for JSON (or sends it)."""
    return request.accept_mimetypes.best == "application/json" or request.is_json
