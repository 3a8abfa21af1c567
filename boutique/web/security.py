"""Response headers and cookie rules that hold for every response, HTML, JSON and static alike."""

from flask import Flask, abort, current_app, request
from flask.sessions import SecureCookieSessionInterface

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class BoutiqueSessionInterface(SecureCookieSessionInterface):
    """Marks the session cookie Secure whenever the request came over TLS, not only by config."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(self), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.path.startswith("/api/") or response.mimetype == "text/html":
        headers.setdefault("Cache-Control", "no-store")
    return response


def refuse_large_url_encoded_forms():
    """Werkzeug reads a url-encoded body whole, up to MAX_CONTENT_LENGTH (sized for photos), and applies
    MAX_FORM_MEMORY_SIZE only to multipart fields: hold url-encoded forms to the field limit too (413)."""
    limit = current_app.config.get("MAX_FORM_MEMORY_SIZE")
    if limit and request.mimetype == "application/x-www-form-urlencoded" and (request.content_length or 0) > limit:
        abort(413)


_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def reject_nul_bytes():
    """NUL never belongs in text people type, and PostgreSQL refuses it: answer 400 up front."""
    # Werkzeug parses a form only from these types; asking another body for its form costs a parser.
    sources = (request.args, request.form) if request.mimetype in _FORM_TYPES else (request.args,)
    if "\x00" in request.path or any("\x00" in value for source in sources
                                     for values in source.listvalues() for value in values):
        abort(400)
    if request.is_json and b"\\u0000" in request.get_data(cache=True):
        abort(400)


def register_security(app: Flask) -> None:
    app.session_interface = BoutiqueSessionInterface()
    app.before_request(refuse_large_url_encoded_forms)
    app.before_request(reject_nul_bytes)
    app.after_request(set_security_headers)
