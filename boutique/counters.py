"""Gap-free number series (item serials, receipt numbers, Z-numbers) kept in one table."""

from sqlalchemy import String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from boutique.db import Base


class Counter(Base):
    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


def take(session: Session, name: str, count: int = 1) -> int:
    """Reserve ``count`` numbers and return the first. The row lock serialises concurrent callers,
    and because it is part of the caller's transaction, a rollback gives the numbers back: a failed
    sale leaves no hole in the receipt series."""
    bumped = session.execute(
        update(Counter).where(Counter.name == name).values(value=Counter.value + count)
        .returning(Counter.value)
    ).scalar_one_or_none()
    if bumped is None:
        session.add(Counter(name=name, value=count))
        session.flush()
        bumped = count
    return bumped - count + 1


def peek(session: Session, name: str) -> int:
    """The last number taken in a series (0 when none)."""
    return session.scalar(select(Counter.value).where(Counter.name == name)) or 0
