"""The data layer: SQLite pragmas and transaction mode, and timezone-aware timestamps."""

import sqlite3
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

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
            assert connection.execute(text("PRAGMA mmap_size")).scalar() == 0
            assert connection.execute(text("PRAGMA journal_size_limit")).scalar() == 64 * 1024 * 1024
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


def _sqlite_app_with_token(base_config, path, role: str):
    """An app on its own SQLite file in IMMEDIATE mode with a short busy timeout, and a token of ``role``."""
    from boutique.auth.services import create_token, create_user
    from boutique.core.roles import Role

    app = create_app({**base_config, "DATABASE_URL": f"sqlite:///{path}",
                      "SQLITE_BEGIN_MODE": "IMMEDIATE", "SQLITE_BUSY_TIMEOUT_MS": 200})
    with app.app_context():
        db.create_all()
        user = create_user(db.session, username=f"{role}-1", role=Role(role), password="long enough pw")
        token = create_token(db.session, user)
        db.session.commit()
    return app, path, token


@contextmanager
def _write_lock_held_elsewhere(app, path):
    """Another writer (a checkout at another till) holds SQLite's write lock for the block; afterwards
    the app's connections are closed."""
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()
        with app.app_context():
            db.engine.dispose()


def test_api_reads_do_not_wait_for_the_write_lock_but_writes_do(base_config, tmp_path):
    app, path, token = _sqlite_app_with_token(base_config, tmp_path / "lock.sqlite3", "admin")
    # Requests outside the setup's app context: each gets its own context and session, as in production.
    with _write_lock_held_elsewhere(app, path):
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/locations", headers=headers).status_code == 200
        write = client.post("/api/v1/users", headers=headers,
                            json={"username": "new", "role": "student", "password": "long enough pw"})
        assert write.status_code == 503 and write.json["error"]["code"] == "try_again"


def test_a_report_page_reads_while_a_till_holds_the_write_lock(base_config, tmp_path):
    """A report over a year of sales takes seconds: it must not hold (or wait for) the one write lock."""
    app, path, _token = _sqlite_app_with_token(base_config, tmp_path / "report.sqlite3", "supervisor")
    client = app.test_client()
    assert client.post("/login", data={"username": "supervisor-1", "password": "long enough pw"}).status_code == 302
    with _write_lock_held_elsewhere(app, path):
        for page in ("/reports/sales", "/reports/pipeline", "/reports/till"):
            response = client.get(page)
            assert response.status_code == 200, page


def test_a_checkout_reads_without_the_write_lock_while_another_till_holds_it(base_config, tmp_path):
    """POST /api/v1/sales is marked lock_at_first_write: its reads (token, till, day, items) run outside
    a transaction, so they go ahead while another writer holds SQLite's lock; only a write would wait."""
    app, path, token = _sqlite_app_with_token(base_config, tmp_path / "till.sqlite3", "participant")
    statements: list[tuple[str, bool]] = []

    def watch(connection, cursor, statement, parameters, context, executemany):
        statements.append((statement.split()[0].upper(), connection.connection.dbapi_connection.in_transaction))

    with app.app_context():
        from sqlalchemy import event

        event.listen(db.engine, "before_cursor_execute", watch)
    with _write_lock_held_elsewhere(app, path):
        answer = app.test_client().post(
            "/api/v1/sales", headers={"Authorization": f"Bearer {token}"},
            json={"till": "NOPE-1", "lines": [{"code": "2900000000017"}],
                  "payments": [{"method": "cash", "amount_ore": 100}]})
    # The reads ran outside a transaction, despite the held lock, and answered: no such till.
    assert answer.status_code == 404 and answer.json["error"]["code"] == "till_not_found"
    assert statements and all(kind == "SELECT" and not in_transaction for kind, in_transaction in statements)


def test_writers_take_turns_on_the_writer_queue_and_a_thread_never_waits_for_itself(base_config, tmp_path):
    import threading
    import time

    from sqlalchemy.exc import OperationalError

    path = tmp_path / "queue.sqlite3"
    app = create_app({**base_config, "DATABASE_URL": f"sqlite:///{path}",
                      "SQLITE_BEGIN_MODE": "IMMEDIATE", "SQLITE_BUSY_TIMEOUT_MS": 300})
    with app.app_context():
        db.create_all()
        engine = db.engine
        first = engine.connect()
        first.execute(text("CREATE TABLE tally (n INTEGER)"))  # BEGIN IMMEDIATE: first holds the turn
        assert (tmp_path / "queue.sqlite3-writers").exists()
        # The same thread opening a second writer falls back to SQLite's busy timeout instead of
        # waiting for itself forever.
        second = engine.connect()
        started = time.monotonic()
        with pytest.raises(OperationalError, match="locked"):
            second.execute(text("INSERT INTO tally VALUES (2)"))
        assert time.monotonic() - started < 5
        second.rollback()
        second.close()
        # Another thread queues (well past SQLite's 300 ms busy timeout) and writes once the turn is free.
        done = threading.Event()

        def other_till():
            with app.app_context(), engine.begin() as connection:
                connection.execute(text("INSERT INTO tally VALUES (3)"))
            done.set()

        thread = threading.Thread(target=other_till)
        thread.start()
        assert not done.wait(0.8)
        first.execute(text("INSERT INTO tally VALUES (1)"))
        first.commit()
        assert done.wait(5)
        thread.join()
        first.close()
        with engine.connect() as connection:
            assert sorted(connection.execute(text("SELECT n FROM tally")).scalars()) == [1, 3]
        engine.dispose()


def test_the_log_is_checkpointed_every_n_commits_after_the_writers_turn_not_inside_a_commit(
        base_config, tmp_path, monkeypatch):
    from boutique.core import sqlite as boutique_db

    monkeypatch.setattr(boutique_db, "CHECKPOINT_EVERY", 3)
    path = tmp_path / "log.sqlite3"
    app = create_app({**base_config, "DATABASE_URL": f"sqlite:///{path}", "SQLITE_BEGIN_MODE": "IMMEDIATE"})

    def rows_in_the_database_file() -> int:
        # immutable=1 reads the main file alone, without the write-ahead log: what a checkpoint copied.
        with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as reader:
            return reader.execute("SELECT count(*) FROM tally").fetchone()[0]

    with app.app_context():
        with db.engine.begin() as connection:
            assert connection.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 0
            connection.execute(text("CREATE TABLE tally (n INTEGER)"))
        with sqlite3.connect(path) as other:
            other.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # start from an empty log
        written = []
        with db.engine.connect() as connection:
            for n in range(1, 8):
                connection.execute(text("INSERT INTO tally VALUES (:n)"), {"n": n})
                connection.commit()
                written.append(rows_in_the_database_file())
        # The create was commit 1 of this connection; checkpoints follow commits 3 and 6 (inserts 2 and 5).
        assert written == [0, 2, 2, 2, 5, 5, 5]
        db.engine.dispose()


def test_a_long_log_is_checkpointed_inside_the_writers_turn_so_the_next_writer_starts_it_over(
        base_config, tmp_path, monkeypatch):
    """Under steady checkouts the next writer is always in before a checkpoint after the turn is done,
    and SQLite starts the log over only for a writer that begins with all of it copied: the log only
    grew. Here a reader's open snapshot plays the part of the writers that never let it be copied."""
    import fcntl
    import os

    from boutique.core import sqlite as boutique_db

    monkeypatch.setattr(boutique_db, "CHECKPOINT_EVERY", 1)
    monkeypatch.setattr(boutique_db, "LONG_LOG_PAGES", 4)
    path = tmp_path / "log.sqlite3"
    app = create_app({**base_config, "DATABASE_URL": f"sqlite:///{path}", "SQLITE_BEGIN_MODE": "IMMEDIATE"})
    in_turn: list[bool] = []
    checkpoint = boutique_db._checkpoint

    def noting_whose_turn(info, dbapi_connection):
        # Another open file of the writers' queue: flock refuses it while a writer holds the turn.
        fd = os.open(f"{path}-writers", os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            in_turn.append(False)
        except BlockingIOError:
            in_turn.append(True)
        finally:
            os.close(fd)
        checkpoint(info, dbapi_connection)

    monkeypatch.setattr(boutique_db, "_checkpoint", noting_whose_turn)

    def pages_in_log() -> int:
        with sqlite3.connect(path) as other:
            return other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]

    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(text("CREATE TABLE tally (n INTEGER, filler TEXT)"))
        reader = sqlite3.connect(path, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM tally").fetchone()  # holds its snapshot: nothing later is copied
        in_turn.clear()

        def sell(n: int) -> None:
            with db.engine.begin() as connection:
                connection.execute(text("INSERT INTO tally VALUES (:n, :filler)"), {"n": n, "filler": "x" * 3000})

        for n in range(6):
            sell(n)
        long_log = pages_in_log()
        assert long_log > 4
        # The first checkpoints ran after the turn was passed on; once one found the log long, the
        # next ones ran inside it.
        assert in_turn[0] is False and in_turn[-1] is True
        reader.execute("COMMIT")
        reader.close()
        sell(6)  # its checkpoint, in the turn, copies the whole log
        sell(7)  # so this writer starts the log over
        assert pages_in_log() < long_log
        sell(8)
        sell(9)
        assert in_turn[-1] is False  # a short log again: checkpoints after the turn
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM tally")).scalar() == 10
        db.engine.dispose()


def _backend_pid(session) -> int:
    pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    session.commit()
    session.close()  # the connection goes back to the pool
    return pid


@pytest.fixture
def counted_pings(monkeypatch) -> list[int]:
    import boutique.core.pings as data_layer

    pings: list[int] = []
    ping = data_layer.ping

    def counting(dbapi_connection):
        pings.append(1)
        ping(dbapi_connection)

    monkeypatch.setattr(data_layer, "ping", counting)
    return pings


def test_a_server_connection_lost_while_idle_is_replaced_before_a_request_sees_it(session, counted_pings,
                                                                                   monkeypatch):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a database file has no server connection to lose")
    import boutique.core.pings as data_layer

    pid = _backend_pid(session)
    killer = create_engine(db.engine.url, poolclass=NullPool)  # as a server restart would
    with killer.connect() as connection:
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar_one()
    killer.dispose()
    monkeypatch.setattr(data_layer, "PING_AFTER_IDLE_SECONDS", 0.0)  # as if it sat idle for a while

    assert session.execute(text("SELECT pg_backend_pid()")).scalar_one() != pid  # no error: a new connection
    assert counted_pings


def test_a_connection_used_a_moment_ago_is_not_pinged_one_idle_for_long_is(session, counted_pings, monkeypatch):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite connections are never pinged")
    import boutique.core.pings as data_layer

    for _ in range(3):
        _backend_pid(session)
    assert counted_pings == []  # three requests' worth of checkouts, no extra round trip
    monkeypatch.setattr(data_layer, "PING_AFTER_IDLE_SECONDS", 0.0)
    _backend_pid(session)
    assert counted_pings == [1]
