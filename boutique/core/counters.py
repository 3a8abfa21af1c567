"""Gap-free number series (item serials, receipt numbers, Z-numbers) kept in one table."""

import functools

from sqlalchemy import String, bindparam, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from boutique.core.db import Base


class Counter(Base):
    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


_COUNTERS = Counter.__table__


@functools.cache  # built once per dialect, not on every receipt
def _bump(dialect: str):
    """One statement: create the series at ``step`` or add ``step`` to it, and say where it now stands.
    (An UPDATE, then an INSERT when the series was new, let two first callers both insert: on
    PostgreSQL one of them failed.)"""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(_COUNTERS).values(name=bindparam("series"), value=bindparam("step"))
    return statement.on_conflict_do_update(
        index_elements=[_COUNTERS.c.name], set_={"value": _COUNTERS.c.value + statement.excluded.value}
    ).returning(_COUNTERS.c.value)


def take(session: Session, name: str, count: int = 1) -> int:
    """Reserve ``count`` numbers and return the first. The row lock serialises concurrent callers,
    and because it is part of the caller's transaction, a rollback gives the numbers back: a failed
    sale leaves no hole in the receipt series."""
    statement = _bump(session.connection().dialect.name)
    bumped = session.connection().execute(statement, {"series": name, "step": count}).scalar_one()
    return bumped - count + 1


def peek(session: Session, name: str) -> int:
    """The last number taken in a series (0 when none)."""
    return session.scalar(select(Counter.value).where(Counter.name == name)) or 0
