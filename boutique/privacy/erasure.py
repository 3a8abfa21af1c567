"""Erasing a person's data by anonymisation (GDPR art. 17).

The person's row stays, because sales, receipts, Z-reports, item histories, hours and lots point at it
and the books must be kept for seven years (Bokföringslagen 7 kap. 2 §). Everything in it that names or
reaches the person goes: the username and display name become "Tidigare deltagare 12" (numbered, in
the shop's language), contact, PIN, password, API tokens, language, failed sign-ins and their
supervisor are removed, and the account can never sign in again. Every record that showed their name
now shows the new one, receipt copies included: a copy must repeat the receipt's required particulars
(SKVFS 2014:9), and who served at the till is not among them."""

import secrets

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from boutique.auth.models import ApiToken, LoginFailure, User
from boutique.auth.services import ERASED_PREFIX, check_may_manage_person, end_sessions, hash_password
from boutique.core import clock, counters
from boutique.core.errors import Conflict, Forbidden
from boutique.core.roles import Role
from boutique.sales.cart_models import Cart
from boutique.sales.models import IdempotencyRecord, Sale

FORMER = {
    Role.participant: _l("Former participant %(number)d"),
    Role.student: _l("Former design student %(number)d"),
    Role.supervisor: _l("Former supervisor %(number)d"),
    Role.admin: _l("Former administrator %(number)d"),
}


def check_may_erase(actor: User | None, person: User) -> None:
    """Their own supervisor (for participants and students) or an admin, never one's own account (an
    admin's last account would lock the shop out), and only once. ``actor`` None: the command line,
    whose operator runs the server and may erase anyone."""
    if person.erased_at is not None:
        raise Conflict(_l("This person's data is already erased."), code="already_erased")
    if actor is None:
        return
    if person.id == actor.id:
        raise Forbidden(_l("You cannot erase your own account. Ask an admin."), code="not_your_person")
    check_may_manage_person(actor, person)


def erase_person(session: Session, *, person: User, by_user: User | None) -> User:
    """Anonymise ``person`` (see the module's docstring); flushes, the caller commits."""
    check_may_erase(by_user, person)
    number = counters.take(session, "erased-people")
    old_username = person.username
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        person.display_name = str(FORMER[person.role] % {"number": number})
    person.username = f"{ERASED_PREFIX}{number}"
    person.contact = person.pin_hash = person.supervisor_id = None
    person.password_hash = hash_password(secrets.token_urlsafe(32))  # a password nobody knows
    person.language = current_app.config["BABEL_DEFAULT_LOCALE"]
    person.active = False
    person.erased_at = clock.now()
    end_sessions(person)
    session.execute(delete(ApiToken).where(ApiToken.user_id == person.id))
    session.execute(delete(LoginFailure).where(LoginFailure.username.in_([old_username, f"pin:{person.id}"])))
    session.execute(update(User).where(User.supervisor_id == person.id).values(supervisor_id=None))
    session.execute(update(Cart).where(Cart.cashier_id == person.id).values(cashier_id=None))
    _rename_in_stored_answers(session, person)
    session.flush()
    return person


def _rename_in_stored_answers(session: Session, person: User) -> None:
    """A sale's answer is kept under its Idempotency-Key to be sent again on a retry; it names the
    cashier, so it names the new one."""
    records = session.scalars(select(IdempotencyRecord).join(Sale, Sale.id == IdempotencyRecord.sale_id)
                              .where(Sale.cashier_id == person.id, IdempotencyRecord.response.is_not(None)))
    for record in records:
        if "cashier" in record.response:
            record.response = {**record.response, "cashier": person.display_name}
