"""Declarative base, shared column types, the SQLite connection rules and server pings.
Which views begin their transactions how: boutique/web/view_transactions.py."""

import enum
import fcntl
import logging
import os
import sqlite3
import threading
import time
from datetime import UTC, datetime
from typing import Annotated

from flask import current_app, has_app_context
from sqlalchemy import BigInteger, DateTime, Enum, Integer, MetaData, String, TypeDecorator, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, mapped_column
from sqlalchemy.pool import Pool

from boutique.web.view_transactions import request_locks_at_first_write, request_reads_in_autocommit, request_reads_only

logger = logging.getLogger(__name__)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A UTC timestamp that comes back timezone-aware on every database (SQLite drops offsets)."""

    impl = DateTime
    cache_ok = True

    def __init__(self, timezone: bool = True):
        super().__init__(timezone=True)

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


intpk = Annotated[int, mapped_column(Integer, primary_key=True)]
code_str = Annotated[str, mapped_column(String(32))]
name_str = Annotated[str, mapped_column(String(120))]
text_str = Annotated[str, mapped_column(String(2000))]
utc_datetime = Annotated[datetime, mapped_column(UTCDateTime())]
# Öre amounts fit PostgreSQL's int4 by API contract (0 <= x <= 2 147 483 647).
ore = Annotated[int, mapped_column(Integer)]
# A sum of such amounts over a till's day or longer: two sales inside the contract already pass int4.
ore_sum = Annotated[int, mapped_column(BigInteger)]


def utcnow() -> datetime:
    return datetime.now(UTC)


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Take transaction control from pysqlite: it would otherwise start transactions late (at the
    # first write), leaving a read-then-write unisolated. The "begin" hook below issues
    # BEGIN IMMEDIATE, so two tills cannot both read "for sale" and both sell.
    dbapi_connection.isolation_level = None
    busy_ms = current_app.config["SQLITE_BUSY_TIMEOUT_MS"] if has_app_context() else 5000
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Checkpoints are run by _sqlite_end (see _checkpoint), not inside a commit.
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    # When the log starts over, a file that grew past this (a report held its snapshot through a busy
    # hour) is cut back to it.
    cursor.execute(f"PRAGMA journal_size_limit={LOG_FILE_LIMIT_BYTES}")
    # No memory map, whatever the build's default: when another connection has written, SQLite drops
    # its whole map along with its page cache, so with several workers each checkout unmapped and
    # remapped the file and took a page fault per page it touched, which cost more than reading them.
    cursor.execute("PRAGMA mmap_size=0")
    cursor.close()


class WriterQueue:
    """Writers of one SQLite file wait their turn on an OS file lock before BEGIN IMMEDIATE.

    SQLite lets one connection write at a time, and a waiting writer polls in SQLite's busy handler,
    sleeping up to 100 ms between tries while the lock may long have been free: with many tills
    checking out at once, writers spent more time asleep than writing. Waiting on ``flock`` instead,
    the kernel wakes the next writer the moment the lock is released, and a worker that dies releases
    it with its file. A thread never queues behind a connection of its own (that would wait forever):
    it then falls back to SQLite's busy handler, as do writers that don't queue (other programs)."""

    _held_by_thread = threading.local()

    def __init__(self, database_path: str):
        self.fd = os.open(f"{database_path}-writers", os.O_RDWR | os.O_CREAT, 0o600)
        self.held = False

    def acquire(self) -> None:
        if self.held or getattr(self._held_by_thread, "count", 0):
            return
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        self.held = True
        self._held_by_thread.count = 1

    def release(self) -> None:
        if self.held:
            self.held = False
            self._held_by_thread.count = 0
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def close(self) -> None:
        self.release()
        os.close(self.fd)


_QUEUE = "sqlite_writer_queue"


def _writer_queue(connection) -> WriterQueue | None:
    return connection.info.get(_QUEUE)


@event.listens_for(Pool, "connect")
def _sqlite_writer_queue(dbapi_connection, connection_record):
    if isinstance(dbapi_connection, sqlite3.Connection):
        path = dbapi_connection.execute("PRAGMA database_list").fetchone()[2]
        if path:  # not for in-memory databases
            connection_record.info[_QUEUE] = WriterQueue(path)


@event.listens_for(Pool, "close")
def _sqlite_close_writer_queue(dbapi_connection, connection_record):
    queue = connection_record.info.pop(_QUEUE, None)
    if queue is not None:
        queue.close()


# A server's connection is pinged when it comes out of the pool after this long unused: a restarted
# or restarting PostgreSQL has dropped it, and the pool then hands out a new one (the request never
# sees the dead one). Pinging on every checkout, as pool_pre_ping does, cost a round trip per request;
# a connection used a moment ago is alive, or its server went down mid-traffic, when a ping would not
# save the requests already running either (those answer 503 "try again", and the pool reconnects).
PING_AFTER_IDLE_SECONDS = 5.0
_IDLE_SINCE = "idle_since"


@event.listens_for(Pool, "checkout")
def _ping_after_idle(dbapi_connection, connection_record, connection_proxy):
    if isinstance(dbapi_connection, sqlite3.Connection):  # a file has no server to lose
        return
    idle_since = connection_record.info.get(_IDLE_SINCE)
    if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
        return  # just connected, or just used
    try:
        ping(dbapi_connection)
    except Exception as error:  # whatever the driver raises for a dead connection
        raise DisconnectionError("the database connection was lost while idle") from error


def ping(dbapi_connection) -> None:
    """One round trip outside any transaction (as SQLAlchemy's own ping does for psycopg)."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.execute("SELECT 1")
    finally:
        if not dbapi_connection.closed:
            dbapi_connection.autocommit = autocommit


@event.listens_for(Pool, "checkin")
def _note_idle_since(dbapi_connection, connection_record):
    if connection_record is not None:
        connection_record.info[_IDLE_SINCE] = time.monotonic()


@event.listens_for(Pool, "checkin")
def _sqlite_release_writer_queue(dbapi_connection, connection_record):
    queue = connection_record.info.get(_QUEUE) if connection_record is not None else None
    if queue is not None:
        queue.release()  # a connection never goes back to the pool holding the writers' turn


def _begin_writing(connection, execute) -> None:
    queue = _writer_queue(connection)
    if queue is not None:
        queue.acquire()
    try:
        execute("BEGIN IMMEDIATE")
    except BaseException:
        if queue is not None:
            queue.release()
        raise


@event.listens_for(Engine, "begin")
def _sqlite_begin_immediate(connection):
    if connection.dialect.name == "sqlite":
        connection.info.pop(_PENDING_BEGIN, None)
        # IMMEDIATE unless the app says otherwise (the test process, a pure reader beside live
        # servers, uses DEFERRED so its reads never hold the write lock the servers need).
        mode = getattr(connection.engine, "sqlite_begin_mode", "IMMEDIATE")
        if request_reads_in_autocommit() or (mode == "IMMEDIATE" and request_locks_at_first_write()):
            connection.info[_PENDING_BEGIN] = True  # no transaction; BEGIN IMMEDIATE comes with a first write
            return
        if mode == "IMMEDIATE" and request_reads_only():
            # A GET to the API or a report only reads: in WAL mode it needs no write lock, so scans
            # and reports don't queue behind checkouts, nor checkouts behind them. Every request that
            # may write still begins IMMEDIATE.
            mode = "DEFERRED"
        if mode == "IMMEDIATE":
            _begin_writing(connection, connection.exec_driver_sql)
        else:
            connection.exec_driver_sql(f"BEGIN {mode}")


_PENDING_BEGIN = "sqlite_begin_at_first_write"


@event.listens_for(Engine, "before_cursor_execute")
def _sqlite_begin_at_first_write(connection, cursor, statement, parameters, context, executemany):
    if connection.info.get(_PENDING_BEGIN) and statement.lstrip()[:6].upper() != "SELECT":
        del connection.info[_PENDING_BEGIN]
        _begin_writing(connection, cursor.execute)


@event.listens_for(Engine, "commit")
def _sqlite_commit(connection):
    _sqlite_end(connection, "commit")


@event.listens_for(Engine, "rollback")
def _sqlite_rollback(connection):
    _sqlite_end(connection, "rollback")


CHECKPOINT_EVERY = 50  # written transactions of one connection (a checkout writes ~25 pages)
# A log longer than this (in pages) is started over: see _checkpoint.
LONG_LOG_PAGES = 4096
LOG_FILE_LIMIT_BYTES = 64 * 1024 * 1024
_SINCE_CHECKPOINT = "sqlite_commits_since_checkpoint"
_LOG_LONG = "sqlite_log_long"


def _sqlite_end(connection, how: str) -> None:
    connection.info.pop(_PENDING_BEGIN, None)
    queue = _writer_queue(connection)
    if queue is not None and queue.held:
        # These events come before SQLAlchemy's own COMMIT/ROLLBACK: end the transaction here, so
        # the next writer is let in only once it is over (SQLAlchemy's call then finds none open).
        dbapi_connection = connection.connection.dbapi_connection
        checkpoint_after_turn = False
        try:
            getattr(dbapi_connection, how)()
            if how == "commit" and _checkpoint_due(connection.info):
                if connection.info.get(_LOG_LONG):
                    _checkpoint(connection.info, dbapi_connection)  # still in the turn: see _checkpoint
                else:
                    checkpoint_after_turn = True
        finally:
            queue.release()
        if checkpoint_after_turn:
            _checkpoint(connection.info, dbapi_connection)


def _checkpoint_due(info: dict) -> bool:
    info[_SINCE_CHECKPOINT] = info.get(_SINCE_CHECKPOINT, 0) + 1
    if info[_SINCE_CHECKPOINT] < CHECKPOINT_EVERY:
        return False
    info[_SINCE_CHECKPOINT] = 0
    return True


def _checkpoint(info: dict, dbapi_connection) -> None:
    """Copy the write-ahead log back into the database, every CHECKPOINT_EVERY commits of a connection.

    Normally after the writers' turn has passed on: SQLite's automatic checkpoint would run inside the
    commit, with the next till's checkout waiting behind its page copies and fsync. PASSIVE never waits
    for readers or writers; pages it cannot copy now are copied by a later checkpoint.

    But SQLite starts the log over from its beginning only when a writer begins with every page of it
    copied, and under steady checkouts the next writer is always in before the checkpoint is done: the
    log then only grew (1 GB in 16 seconds of 20 tills). So when a checkpoint finds the log long, the
    connection's next one runs before the turn is passed on, and the next writer starts the log over."""
    try:
        _busy, log_pages, _copied = dbapi_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    except sqlite3.Error:
        # The transaction is committed; a checkpoint that failed (a full disk) is retried by the next.
        logger.warning("SQLite checkpoint failed", exc_info=True)
        return
    info[_LOG_LONG] = log_pages > LONG_LOG_PAGES


def str_enum(enum_class: type[enum.Enum], length: int = 20) -> Enum:
    """An Enum column stored as its plain string value (portable, readable in SQL)."""
    return Enum(enum_class, native_enum=False, length=length, validate_strings=True,
                values_callable=lambda e: [m.value for m in e])
