"""Declarative base, shared column types, and the engine's rules installed per app (core/sqlite.py for
SQLite files, core/pings.py for database servers)."""

import enum
from datetime import UTC, datetime
from typing import Annotated

from sqlalchemy import BigInteger, DateTime, Enum, Integer, MetaData, String, TypeDecorator
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, mapped_column

from boutique.core import pings, sqlite

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


def str_enum(enum_class: type[enum.Enum], length: int = 20) -> Enum:
    """An Enum column stored as its plain string value (portable, readable in SQL)."""
    return Enum(enum_class, native_enum=False, length=length, validate_strings=True,
                values_callable=lambda e: [m.value for m in e])


def install_engine_rules(engine: Engine, *, sqlite_busy_timeout_ms: int = 5000) -> None:
    """The rules every connection of this app's engine follows, as listeners on that engine alone."""
    if engine.dialect.name == "sqlite":
        sqlite.install(engine, busy_timeout_ms=sqlite_busy_timeout_ms)
    else:
        pings.install(engine)
