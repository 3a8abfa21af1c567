"""Who is at the till: a personal badge scanned and a short PIN typed switch the cashier (or
approve a large discount). Wrong PINs are counted and throttled like sign-ins."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from boutique.auth.badges import user_id_from_badge
from boutique.auth.models import User
from boutique.auth.services import SignInRefused, verify_pin
from boutique.core.errors import DomainError, Forbidden, InvalidInput
from boutique.core.roles import Role

SELLERS = frozenset({Role.participant, Role.supervisor, Role.admin})


class PinRefused(DomainError):
    """A wrong badge/PIN. The failure row is already flushed: the caller commits it, then answers."""

    status = 403
    code = "wrong_pin"


def may_sell(user: User) -> bool:
    return user.active and user.role in SELLERS


def user_by_badge(session: Session, *, badge: str, pin: str, address: str) -> User:
    """The person whose badge was scanned, if the PIN is theirs; PinRefused otherwise."""
    user_id = user_id_from_badge(badge)
    if user_id is None:
        raise InvalidInput(_l("That is not a personal badge. Scan the badge's barcode."), code="invalid_badge")
    config = current_app.config
    try:
        user = verify_pin(session, user_id=user_id, pin=(pin or "").strip(), address=address,
                          window_seconds=config["LOGIN_WINDOW_SECONDS"],
                          max_per_account=config["LOGIN_MAX_FAILURES_PER_ACCOUNT"],
                          max_per_address=config["LOGIN_MAX_FAILURES_PER_ADDRESS"])
    except SignInRefused as refused:
        if refused.throttled:
            raise PinRefused(_l("Too many wrong PINs. Wait 15 minutes or ask a supervisor."),
                             code="too_many_attempts", status=429) from None
        raise PinRefused(_l("Wrong badge or PIN.")) from None
    if not may_sell(user):
        raise Forbidden(_l("%(name)s may not work at the till.", name=user.display_name), code="not_a_cashier")
    return user


def approver_by_badge(session: Session, *, badge: str, pin: str, address: str) -> User:
    user = user_by_badge(session, badge=badge, pin=pin, address=address)
    if not user.is_manager:
        raise Forbidden(_l("Only a supervisor can approve this."), code="approval_required")
    return user
