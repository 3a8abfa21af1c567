"""The data layer: SQLite pragmas and transaction mode, and timezone-aware timestamps."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from boutique import create_app
from boutique.extensions import db


def test_sqlite_connections_use_wal_foreign_keys_busy_timeout_and_begin_immediate(base_config, tmp_path):
    app = create_app({**base_config, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
                      "SQLITE_BEGIN_MODE": "IMMEDIATE", "SQLITE_BUSY_TIMEOUT_MS": 1234})
    with app.app_context():
        db.create_all()
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 1234
        assert db.engine.sqlite_begin_mode == "IMMEDIATE"
        # A second connection cannot start a transaction while the first holds one: IMMEDIATE took
        # the write lock at BEGIN, before any write (so a read-then-write cannot interleave).
        first = db.engine.connect()
        first.execute(text("SELECT 1"))
        raw = db.engine.raw_connection()
        raw.driver_connection.execute("PRAGMA busy_timeout=0")
        with pytest.raises(Exception, match="locked"):
            raw.driver_connection.execute("BEGIN IMMEDIATE")
        first.rollback()
        first.close()
        raw.close()
        db.engine.dispose()


def test_default_config_uses_begin_immediate():
    from boutique import config

    assert config.SQLITE_BEGIN_MODE == "IMMEDIATE"


def test_timestamps_come_back_aware_in_utc(session, make_user):
    user = make_user()
    stockholm_time = datetime(2026, 3, 29, 2, 30, tzinfo=timezone(timedelta(hours=1)))
    user.created_at = stockholm_time
    session.commit()
    session.expire_all()
    assert user.created_at == stockholm_time
    assert user.created_at.tzinfo is not None and user.created_at.utcoffset() == timedelta(0)
    assert user.created_at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_naive_datetimes_are_refused(session, make_user):
    user = make_user()
    user.created_at = datetime(2026, 1, 1, 12, 0)
    with pytest.raises(Exception, match="naive"):
        session.commit()
    session.rollback()
