"""Who may call what: every endpoint declares its roles; anything undeclared is refused."""

from collections.abc import Callable

from flask import Flask, abort, current_app, g, redirect, request, url_for
from flask_login import AnonymousUserMixin, current_user

from boutique.core.roles import Role
from boutique.extensions import csrf, db
from boutique.web.negotiation import is_api_request
from boutique.web.view_transactions import begin_autocommit_reads, register_view_transactions

EVERYONE = frozenset(Role)
STAFF = frozenset({Role.participant, Role.supervisor, Role.admin})
MANAGERS = frozenset({Role.supervisor, Role.admin})
ADMINS = frozenset({Role.admin})
PUBLIC = frozenset({"public"})

_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def allow(*roles: Role | frozenset) -> Callable:
    """Declare the roles that may call a view: ``@allow(STAFF)`` or ``@allow(Role.admin)``."""
    allowed: set = set()
    for role in roles:
        allowed |= set(role) if isinstance(role, frozenset) else {Role(role)}

    def decorate(view: Callable) -> Callable:
        view.allowed_roles = frozenset(allowed)
        return view

    return decorate


def public(view: Callable) -> Callable:
    """No sign-in needed (sign-in page, health, OpenAPI). Still CSRF-checked on POST."""
    view.allowed_roles = PUBLIC
    return view


def policy_for(app: Flask, endpoint: str) -> frozenset | None:
    if endpoint == "static" or endpoint.endswith(".static"):
        return PUBLIC
    return getattr(app.view_functions.get(endpoint), "allowed_roles", None)


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        return None
    return token.strip() if scheme.lower() == "bearer" else ""


def guard():
    """Run before every request: authenticate, then check CSRF for browser writes, then apply the policy.
    Authentication comes first: someone not signed in is told so (401, or the sign-in page), not that a
    form token they could never have had is missing."""
    # Each request authenticates and picks its language afresh. (In tests several requests can share
    # one app context, and with it ``g``, where Flask-Login and Flask-Babel cache per request.)
    g.pop("_login_user", None)
    g.pop("_flask_babel", None)
    if request.endpoint is None:
        return None  # routing will answer 404/405
    begin_autocommit_reads(db.session())  # before the first statement: the token's user is read next
    policy = policy_for(current_app, request.endpoint)
    token = _bearer_token()
    g.via_token = token is not None
    if g.via_token:
        user_for_token = current_app.extensions[_BEARER_LOOKUP]
        # A token call never uses (or sets) the session cookie.
        g._login_user = user_for_token(db.session, token) or AnonymousUserMixin()
        if not g._login_user.is_authenticated:
            abort(401)
    if policy is None:
        abort(403)  # deny by default: the endpoint declared no roles
    if policy is not PUBLIC and not current_user.is_authenticated:
        if is_api_request():
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    # The cookie is what a forged cross-site request rides on; a bearer token is never sent by itself.
    if not g.via_token and request.method not in _SAFE_METHODS and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()
    if policy is PUBLIC:
        return None
    if current_user.role not in policy:
        abort(403)
    return None


_BEARER_LOOKUP = "boutique.bearer_lookup"


def register_access(app: Flask, *, user_for_token: Callable) -> None:
    """``user_for_token(session, token)``: the active user a bearer token belongs to, or None. It is given
    by the app, not imported: web/ stands below auth, which speaks of users and tokens."""
    app.extensions[_BEARER_LOOKUP] = user_for_token
    register_view_transactions(app)  # before the guard, whose token lookup is the request's first statement
    app.before_request(guard)
