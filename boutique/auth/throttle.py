"""Failed sign-ins and till PINs: counted and decided in one step, and forgotten after the window.

Counting and then recording in two steps let attempts that arrive together all count the same few
failures: ten wrong passwords at once were checked eight times against a limit of five. Each attempt
therefore first takes a row lock that every attempt on the same account or from the same address also
needs, and holds it until its transaction ends, failure recorded. The locks are 64 fixed counter rows
chosen by a checksum of the key, so they store nothing about anyone."""

import zlib
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from boutique.auth.models import LoginFailure
from boutique.core import clock, counters

LOCKS = 64


def hold_attempts(session: Session, *keys: str) -> None:
    """Wait for, then hold until this transaction ends, the locks of ``keys`` (an account, an address).
    Taken in one order, so two attempts never wait for each other's second lock."""
    for lock in sorted({zlib.crc32(key.encode()) % LOCKS for key in keys}):
        counters.take(session, f"sign-in-lock-{lock}")


def recent_failures(session: Session, *, username: str, address: str, window: timedelta) -> tuple[int, int]:
    """Failures within the window, for the account and for the address (read after ``hold_attempts``)."""
    since = clock.now() - window

    def count(column, value) -> int:
        return session.scalar(select(func.count(LoginFailure.id)).where(column == value, LoginFailure.at >= since))

    return count(LoginFailure.username, username), count(LoginFailure.address, address)


def forget_old_failures(session: Session, *, window: timedelta) -> int:
    """Delete failures older than the window: a username and an address are personal data, kept only
    as long as they can still lock someone out. Rows another attempt is deleting are skipped (on
    PostgreSQL), so two attempts never wait for each other here."""
    old = select(LoginFailure.id).where(LoginFailure.at < clock.now() - window).with_for_update(skip_locked=True)
    return session.execute(delete(LoginFailure).where(LoginFailure.id.in_(old))).rowcount
