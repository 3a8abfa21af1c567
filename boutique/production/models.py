"""A production lot: a piece of redesign work with a concept, a team, materials and products."""

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, UTCDateTime, intpk, str_enum, utcnow

if TYPE_CHECKING:
    from boutique.auth.models import User
    from boutique.items.models import Item
    from boutique.places.models import Location


class LotStatus(enum.StrEnum):
    planned = "planned"
    in_production = "in_production"
    done = "done"


class ProductionLot(Base):
    __tablename__ = "production_lots"
    __table_args__ = (
        CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="dates_in_order"),
    )

    id: Mapped[intpk]
    title: Mapped[str] = mapped_column(String(200))
    concept: Mapped[str | None] = mapped_column(String(4000))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    status: Mapped[LotStatus] = mapped_column(str_enum(LotStatus), default=LotStatus.planned)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The story: the motif, tradition, colours or symbols that inspired the work (free text + tags).
    inspiration: Mapped[str | None] = mapped_column(String(4000))
    # Planned dates (Stockholm calendar dates) and when the work really started and finished.
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    location: Mapped["Location"] = relationship()
    members: Mapped[list["LotMember"]] = relationship(back_populates="lot", order_by="LotMember.id",
                                                      cascade="all, delete-orphan", passive_deletes=True)
    tags: Mapped[list["LotTag"]] = relationship(back_populates="lot", order_by="LotTag.tag",
                                                cascade="all, delete-orphan", passive_deletes=True)


class LotRole(enum.StrEnum):
    participant = "participant"
    student = "student"
    supervisor = "supervisor"


class LotMember(Base):
    """A person in a lot's team, with their role in that lot."""

    __tablename__ = "lot_members"
    __table_args__ = (UniqueConstraint("lot_id", "user_id"),)

    id: Mapped[intpk]
    lot_id: Mapped[int] = mapped_column(ForeignKey("production_lots.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[LotRole] = mapped_column(str_enum(LotRole))

    lot: Mapped[ProductionLot] = relationship(back_populates="members")
    user: Mapped["User"] = relationship()


class LotTag(Base):
    """A tag of a lot's inspiration (``tilet``, ``embroidery``, ``indigo``), lower case."""

    __tablename__ = "lot_tags"
    __table_args__ = (UniqueConstraint("lot_id", "tag"), Index("ix_lot_tags_tag", "tag"))

    id: Mapped[intpk]
    lot_id: Mapped[int] = mapped_column(ForeignKey("production_lots.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(40))

    lot: Mapped[ProductionLot] = relationship(back_populates="tags")


class LotMaterial(Base):
    """A material item consumed by a lot. ``item_id`` is unique: a garment is consumed once, ever."""

    __tablename__ = "lot_materials"

    id: Mapped[intpk]
    lot_id: Mapped[int] = mapped_column(ForeignKey("production_lots.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item: Mapped["Item"] = relationship()


class BulkMaterial(Base):
    """Material used by weight rather than as a scanned garment (yarn, offcuts, a bag of denim)."""

    __tablename__ = "lot_bulk_materials"
    __table_args__ = (CheckConstraint("weight_grams > 0", name="weight_positive"),)

    id: Mapped[intpk]
    lot_id: Mapped[int] = mapped_column(ForeignKey("production_lots.id", ondelete="CASCADE"), index=True)
    fibre: Mapped[str] = mapped_column(String(80))
    weight_grams: Mapped[int]
    description: Mapped[str | None] = mapped_column(String(300))
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class LotHours(Base):
    """Time a member spent on a lot on one (Stockholm) day; one row per person and day."""

    __tablename__ = "lot_hours"
    __table_args__ = (
        UniqueConstraint("lot_id", "user_id", "day"),
        CheckConstraint("minutes > 0 AND minutes <= 1440", name="minutes_in_a_day"),
    )

    id: Mapped[intpk]
    lot_id: Mapped[int] = mapped_column(ForeignKey("production_lots.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    day: Mapped[date]
    minutes: Mapped[int]
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped["User"] = relationship(foreign_keys=[user_id])


class InstructionStep(Base):
    """One step of a lot's instructions (the seed of the redesign cookbook); photos attach to it."""

    __tablename__ = "lot_instruction_steps"

    id: Mapped[intpk]
    lot_id: Mapped[int] = mapped_column(ForeignKey("production_lots.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(4000))
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ProductMaker(Base):
    """A person credited (by display name) as a maker of a lot's product."""

    __tablename__ = "product_makers"
    __table_args__ = (UniqueConstraint("item_id", "user_id"),)

    id: Mapped[intpk]
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)

    user: Mapped["User"] = relationship()


class ProductMaterial(Base):
    """Provenance: a consumed material item that went into a product."""

    __tablename__ = "product_materials"
    __table_args__ = (UniqueConstraint("product_id", "material_id"),)

    id: Mapped[intpk]
    product_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
