"""Wash loads and bulk weigh-outs: the pipeline's own records beside each item's history."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, SmallInteger, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, UTCDateTime, intpk, str_enum, utcnow
from boutique.items.models import Item

if TYPE_CHECKING:
    from boutique.auth.models import User
    from boutique.places.models import Location

wash_load_items = Table(
    "wash_load_items", Base.metadata,
    Column("wash_load_id", ForeignKey("wash_loads.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class WashLoad(Base):
    """One machine load: which items, which program and temperature, when and who."""

    __tablename__ = "wash_loads"
    __table_args__ = (
        CheckConstraint("temperature_c IS NULL OR (temperature_c BETWEEN 0 AND 95)", name="temperature_range"),
    )

    id: Mapped[intpk]
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    program: Mapped[str] = mapped_column(String(80))
    temperature_c: Mapped[int | None] = mapped_column(SmallInteger)
    washed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(String(300))

    location: Mapped["Location"] = relationship()
    by_user: Mapped["User | None"] = relationship()
    items: Mapped[list[Item]] = relationship(secondary=wash_load_items, order_by=Item.id)


class WeighOutGrade(enum.StrEnum):
    recycle = "recycle"
    discard = "discard"


class BulkWeighOut(Base):
    """Recycled or discarded goods weighed out by the kilo, because nobody registers every rag."""

    __tablename__ = "bulk_weigh_outs"
    __table_args__ = (
        CheckConstraint("grams > 0", name="grams_positive"),
        Index("ix_bulk_weigh_outs_at", "at"),
    )

    id: Mapped[intpk]
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    grade: Mapped[WeighOutGrade] = mapped_column(str_enum(WeighOutGrade))
    fibre: Mapped[str | None] = mapped_column(String(80))
    grams: Mapped[int]
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(String(300))

    location: Mapped["Location"] = relationship()
    by_user: Mapped["User | None"] = relationship()
