"""Gap-free number series (item serials, receipt numbers, Z-numbers) kept in one table."""

from sqlalchemy import String, bindparam, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from boutique.db import Base


class Counter(Base):
    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


_COUNTERS = Counter.__table__
# Core, built once: the till takes a receipt number on every sale.
_BUMP = (_COUNTERS.update().where(_COUNTERS.c.name == bindparam("series"))
         .values(value=_COUNTERS.c.value + bindparam("step")).returning(_COUNTERS.c.value))


def take(session: Session, name: str, count: int = 1) -> int:
    """Reserve ``count`` numbers and return the first. The row lock serialises concurrent callers,
    and because it is part of the caller's transaction, a rollback gives the numbers back: a failed
    sale leaves no hole in the receipt series."""
    connection = session.connection()
    bumped = connection.execute(_BUMP, {"series": name, "step": count}).scalar_one_or_none()
    if bumped is None:
        connection.execute(_COUNTERS.insert(), {"name": name, "value": count})
        bumped = count
    return bumped - count + 1


def peek(session: Session, name: str) -> int:
    """The last number taken in a series (0 when none)."""
    return session.scalar(select(Counter.value).where(Counter.name == name)) or 0
