"""Sign-in, sessions, passwords and API tokens. Functions flush, never commit."""

import hashlib
import re
import secrets
from datetime import timedelta

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from boutique.auth import throttle
from boutique.auth.models import ApiToken, LoginFailure, User
from boutique.core import clock
from boutique.core.digits import ascii_digits
from boutique.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from boutique.core.roles import Role

MIN_PASSWORD_LENGTH = 8
# Usernames an erasure gives (privacy/erasure.py): nobody else may take one.
ERASED_PREFIX = "erased-"
# Checked when the account does not exist, so that "no such user" takes as long as "wrong password".
_DUMMY_HASH = generate_password_hash("not a real password")


class SignInRefused(Exception):
    """Sign-in failed; the reason is deliberately not told to the person (no user enumeration)."""

    def __init__(self, throttled: bool = False):
        self.throttled = throttled
        super().__init__("throttled" if throttled else "refused")


def hash_password(password: str) -> str:
    # The method is configurable so the test suite can use cheaper scrypt parameters.
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
    return generate_password_hash(password, method=method)


def normalise_username(username: str) -> str:
    return username.strip().casefold()


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(_l("The password must have at least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
                           code="weak_password")
    if len(password) > 256:
        raise InvalidInput(_l("The password is too long."), code="weak_password")


def create_user(session: Session, *, username: str, role: Role | str, password: str,
                display_name: str | None = None, language: str = "sv",
                contact: str | None = None) -> User:
    """Create a person with a hashed password."""
    username = normalise_username(username)
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise InvalidInput(_l("A username is 1–64 characters without spaces."), code="invalid_username")
    if username.startswith(ERASED_PREFIX):
        raise InvalidInput(_l("Usernames starting with %(prefix)s are kept for erased accounts.",
                              prefix=ERASED_PREFIX), code="invalid_username")
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(_l("Unknown role."), code="invalid_role") from None
    check_password_rules(password)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict(_l("That username is taken."), code="username_taken")
    display_name = (display_name or username).strip()[:120]
    user = User(username=username, role=role, display_name=display_name, language=language,
                contact=contact, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        raise NotFound(_l("No such user."), code="user_not_found")
    return user


def _check_attempts(session: Session, *, account: str, address: str, window_seconds: int, max_per_account: int,
                    max_per_address: int) -> None:
    """Count and decide as one step (throttle.hold_attempts), forgetting failures past the window."""
    window = timedelta(seconds=window_seconds)
    throttle.hold_attempts(session, account, address)
    throttle.forget_old_failures(session, window=window)
    per_account, per_address = throttle.recent_failures(session, username=account, address=address, window=window)
    if per_account >= max_per_account or per_address >= max_per_address:
        raise SignInRefused(throttled=True)


def authenticate(session: Session, *, username: str, password: str, address: str,
                 window_seconds: int, max_per_account: int, max_per_address: int) -> User:
    """Check a password, counting failures in the database so the limit holds across workers."""
    username = normalise_username(username)[:64]
    address = (address or "unknown")[:64]
    _check_attempts(session, account=username, address=address, window_seconds=window_seconds,
                    max_per_account=max_per_account, max_per_address=max_per_address)
    user = session.scalar(select(User).where(User.username == username))
    password_ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not password_ok or not user.active:
        session.add(LoginFailure(username=username, address=address))
        session.flush()
        raise SignInRefused()
    return user


def end_sessions(user: User) -> None:
    """Invalidate every session cookie this user holds (all browsers, all tills)."""
    user.session_token = secrets.token_urlsafe(24)


def change_password(session: Session, user: User, *, new_password: str) -> None:
    check_password_rules(new_password)
    user.password_hash = hash_password(new_password)
    end_sessions(user)
    session.flush()


def set_active(session: Session, user: User, *, active: bool) -> None:
    if active and user.erased_at is not None:
        raise Conflict(_l("This person's data is erased: the account cannot sign in again."), code="already_erased")
    user.active = active
    if not active:
        end_sessions(user)
        for token in user.tokens:
            token.revoked_at = token.revoked_at or clock.now()
    session.flush()


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, user: User) -> str:
    """A new API token; only its hash is stored, so it is shown once."""
    token = "nf_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user=user, token_hash=_hash_token(token), prefix=token[:10]))
    session.flush()
    return token


def revoke_token(session: Session, token: str) -> None:
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash_token(token)))
    if row is None:
        raise NotFound(_l("No such token."), code="token_not_found")
    row.revoked_at = row.revoked_at or clock.now()
    session.flush()


# Read on every API call: the user joined to a live token, one select.
_USER_FOR_TOKEN = (select(User).join(ApiToken, ApiToken.user_id == User.id)
                   .where(ApiToken.token_hash == bindparam("token_hash"), ApiToken.revoked_at.is_(None), User.active))


def user_for_token(session: Session, token: str) -> User | None:
    if not token or len(token) > 200:
        return None
    return session.scalars(_USER_FOR_TOKEN, {"token_hash": _hash_token(token)}).first()


def user_for_session_id(session: Session, session_id: str) -> User | None:
    """Flask-Login's loader: ``"<id>:<session_token>"``; a rotated token means signed out."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = session.get(User, int(user_id))
    if user is None or not user.active or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def assignable_roles(actor: User) -> list[Role]:
    """Admins manage everyone; supervisors manage participants and students."""
    if actor.role == Role.admin:
        return list(Role)
    if actor.role == Role.supervisor:
        return [Role.participant, Role.student]
    return []


def check_may_manage(actor: User, role: Role) -> None:
    if role not in assignable_roles(actor):
        raise Forbidden(_l("You may not manage people with that role."), code="forbidden_role")


def may_manage_person(actor: User, person: User) -> bool:
    """Who may see and change a person's details (contact, language, password, account) and their data:
    admins everyone; a supervisor the participants and students they supervise (People → Supervisor)."""
    if actor.role == Role.admin:
        return True
    return person.role in assignable_roles(actor) and person.supervisor_id == actor.id


def check_may_manage_person(actor: User, person: User) -> None:
    if not may_manage_person(actor, person):
        raise Forbidden(_l("Only their own supervisor or an admin may do this."), code="not_your_person")


# Cashier PINs: with a scanned personal badge they switch the cashier at a shared till. Failures
# are counted like sign-ins (in the database, across workers) under a "pin:" account name.
PIN_PATTERN = re.compile(r"^[0-9]{4,6}$")


def set_pin(session: Session, user: User, *, pin: str) -> None:
    """Give ``user`` a new 4–6 digit PIN (stored hashed)."""
    pin = ascii_digits(pin)
    if not isinstance(pin, str) or not PIN_PATTERN.match(pin):
        raise InvalidInput(_l("A PIN is 4 to 6 digits."), code="invalid_pin")
    user.pin_hash = hash_password(pin)
    session.flush()


def verify_pin(session: Session, *, user_id: int, pin: str, address: str, window_seconds: int,
               max_per_account: int, max_per_address: int) -> User:
    """The active user with this id and PIN, or SignInRefused (throttled like sign-ins)."""
    account = f"pin:{user_id}"[:64]
    address = f"pin:{address or 'unknown'}"[:64]
    _check_attempts(session, account=account, address=address, window_seconds=window_seconds,
                    max_per_account=max_per_account, max_per_address=max_per_address)
    user = session.get(User, user_id)
    stored = user.pin_hash if user is not None and user.pin_hash else _DUMMY_HASH
    pin = ascii_digits(pin)
    pin_ok = isinstance(pin, str) and bool(PIN_PATTERN.match(pin)) and check_password_hash(stored, pin)
    if user is None or not user.active or not user.pin_hash or not pin_ok:
        session.add(LoginFailure(username=account, address=address))
        session.flush()
        raise SignInRefused()
    return user
