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


def test_api_reads_do_not_wait_for_the_write_lock_but_writes_do(base_config, tmp_path):
    import sqlite3

    from boutique.auth.models import Role
    from boutique.auth.services import create_token, create_user

    path = tmp_path / "lock.sqlite3"
    app = create_app({**base_config, "DATABASE_URL": f"sqlite:///{path}",
                      "SQLITE_BEGIN_MODE": "IMMEDIATE", "SQLITE_BUSY_TIMEOUT_MS": 200})
    with app.app_context():
        db.create_all()
        user = create_user(db.session, username="karin", role=Role.admin, password="long enough pw")
        token = create_token(db.session, user)
        db.session.commit()
    # Requests outside the setup's app context: each gets its own context and session, as in production.
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # a long checkout elsewhere holds the write lock
    try:
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/locations", headers=headers).status_code == 200
        write = client.post("/api/v1/users", headers=headers,
                            json={"username": "new", "role": "student", "password": "long enough pw"})
        assert write.status_code == 503 and write.json["error"]["code"] == "try_again"
    finally:
        holder.rollback()
        holder.close()
        with app.app_context():
            db.engine.dispose()
