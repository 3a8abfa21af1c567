"""Gap-free number series: one statement creates or bumps a series, even for two first callers at once."""

import threading

from sqlalchemy import text

from boutique.core import counters
from boutique.extensions import db


def test_a_new_series_starts_at_one_and_counts_on(session):
    assert counters.take(session, "test:series") == 1
    assert counters.take(session, "test:series", 40) == 2
    assert counters.take(session, "test:series") == 42
    assert counters.peek(session, "test:series") == 42


def test_a_rolled_back_take_gives_its_numbers_back(session):
    counters.take(session, "test:rollback", 5)
    session.commit()
    counters.take(session, "test:rollback", 3)
    session.rollback()
    assert counters.take(session, "test:rollback") == 6


def test_first_callers_at_once_all_get_numbers_without_overlap(app):
    """Before the upsert, two workers unpacking their first batch could both insert the new series and
    one failed (PostgreSQL answered 500). Six callers start each new series together, five times."""
    from sqlalchemy.orm import Session

    callers, rounds = 6, 5
    taken: dict[int, list[int]] = {n: [] for n in range(rounds)}
    errors = []
    together = threading.Barrier(callers, timeout=20)

    def caller():
        with app.app_context(), db.engine.connect() as connection, Session(bind=connection) as session:
            for n in range(rounds):
                together.wait()
                try:
                    taken[n].append(counters.take(session, f"test:race:{n}", 10))
                    session.commit()
                except Exception as error:
                    session.rollback()
                    errors.append(error)

    threads = [threading.Thread(target=caller) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    for n in range(rounds):
        assert sorted(taken[n]) == [1 + 10 * k for k in range(callers)]
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM counters WHERE name = 'test:race:4'")).scalar() == 60
