"""Declarative base, shared column types and the SQLite connection rules."""

import sqlite3
from datetime import UTC, datetime
from typing import Annotated

from sqlalchemy import DateTime, Integer, MetaData, String, TypeDecorator, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, mapped_column

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
    from flask import current_app, has_app_context

    busy_ms = current_app.config["SQLITE_BUSY_TIMEOUT_MS"] if has_app_context() else 5000
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin_immediate(connection):
    if connection.dialect.name == "sqlite":
        # IMMEDIATE unless the app says otherwise (the test process, a pure reader beside live
        # servers, uses DEFERRED so its reads never hold the write lock the servers need).
        mode = getattr(connection.engine, "sqlite_begin_mode", "IMMEDIATE")
        if mode == "IMMEDIATE" and _read_only_api_request():
            # A GET to the API only reads: in WAL mode it needs no write lock, so scans at the till
            # don't queue behind checkouts. Every request that may write still begins IMMEDIATE.
            mode = "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")


def _read_only_api_request() -> bool:
    from flask import has_request_context, request

    return has_request_context() and request.method in ("GET", "HEAD") and request.path.startswith("/api/")
