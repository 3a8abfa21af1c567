"""SQLite's connection rules: WAL, a writers' queue on an OS file lock, BEGIN IMMEDIATE (or as the
caller declared, core/transactions.py), and checkpoints after the writers' turn. Installed on the app's
own engine by core/db.py. Each rule was measured under the till benchmark (bench/README.md)."""

import fcntl
import logging
import os
import sqlite3
import threading

from sqlalchemy import event
from sqlalchemy.engine import Engine

from boutique.core.transactions import Begin, declared_begin

logger = logging.getLogger(__name__)
_BUSY_MS = "sqlite_busy_timeout_ms"


def install(engine: Engine, *, busy_timeout_ms: int) -> None:
    """The rules below as listeners on this engine (and its pool) only."""

    def remember_busy_timeout(dbapi_connection, connection_record):
        connection_record.info[_BUSY_MS] = busy_timeout_ms

    for name, listener in (("connect", remember_busy_timeout), ("connect", _sqlite_on_connect),
                           ("connect", _sqlite_writer_queue), ("close", _sqlite_close_writer_queue),
                           ("checkin", _sqlite_release_writer_queue), ("begin", _sqlite_begin_immediate),
                           ("before_cursor_execute", _sqlite_begin_at_first_write), ("commit", _sqlite_commit),
                           ("rollback", _sqlite_rollback)):
        event.listen(engine, name, listener)


def _sqlite_on_connect(dbapi_connection, connection_record):
    # Take transaction control from pysqlite: it would otherwise start transactions late (at the
    # first write), leaving a read-then-write unisolated. The "begin" hook below issues
    # BEGIN IMMEDIATE, so two tills cannot both read "for sale" and both sell.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(connection_record.info.get(_BUSY_MS, 5000))}")
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


def _sqlite_writer_queue(dbapi_connection, connection_record):
    path = dbapi_connection.execute("PRAGMA database_list").fetchone()[2]
    if path:  # not for in-memory databases
        connection_record.info[_QUEUE] = WriterQueue(path)


def _sqlite_close_writer_queue(dbapi_connection, connection_record):
    queue = connection_record.info.pop(_QUEUE, None)
    if queue is not None:
        queue.close()


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


def _sqlite_begin_immediate(connection):
    connection.info.pop(_PENDING_BEGIN, None)
    # IMMEDIATE unless the app says otherwise (the test process, a pure reader beside live
    # servers, uses DEFERRED so its reads never hold the write lock the servers need).
    mode = getattr(connection.engine, "sqlite_begin_mode", "IMMEDIATE")
    begins = declared_begin()
    if begins is Begin.autocommit or (mode == "IMMEDIATE" and begins is Begin.at_first_write):
        connection.info[_PENDING_BEGIN] = True  # no transaction; BEGIN IMMEDIATE comes with a first write
        return
    if mode == "IMMEDIATE" and begins is Begin.reads_only:
        # A request that only reads: in WAL mode it needs no write lock, so scans and reports don't
        # queue behind checkouts, nor checkouts behind them. Every request that may write still
        # begins IMMEDIATE.
        mode = "DEFERRED"
    if mode == "IMMEDIATE":
        _begin_writing(connection, connection.exec_driver_sql)
    else:
        connection.exec_driver_sql(f"BEGIN {mode}")


_PENDING_BEGIN = "sqlite_begin_at_first_write"


def _sqlite_begin_at_first_write(connection, cursor, statement, parameters, context, executemany):
    if connection.info.get(_PENDING_BEGIN) and statement.lstrip()[:6].upper() != "SELECT":
        del connection.info[_PENDING_BEGIN]
        _begin_writing(connection, cursor.execute)


def _sqlite_commit(connection):
    _sqlite_end(connection, "commit")


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
