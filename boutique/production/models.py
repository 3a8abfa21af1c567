"""A production lot: a piece of redesign work with a concept, a team, materials and products."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.db import Base, UTCDateTime, intpk, utcnow
from boutique.items.models import str_enum


class LotStatus(enum.StrEnum):
    planned = "planned"
    in_production = "in_production"
    done = "done"


class ProductionLot(Base):
    __tablename__ = "production_lots"

    id: Mapped[intpk]
    title: Mapped[str] = mapped_column(String(200))
    concept: Mapped[str | None] = mapped_column(String(4000))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    status: Mapped[LotStatus] = mapped_column(str_enum(LotStatus), default=LotStatus.planned)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    location = relationship("Location")


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

    lot: Mapped[ProductionLot] = relationship()
    user = relationship("User")


class ProductMaker(Base):
    """A person credited (by display name) as a maker of a lot's product."""

    __tablename__ = "product_makers"
    __table_args__ = (UniqueConstraint("item_id", "user_id"),)

    id: Mapped[intpk]
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)

    user = relationship("User")


class ProductMaterial(Base):
    """Provenance: a consumed material item that went into a product."""

    __tablename__ = "product_materials"
    __table_args__ = (UniqueConstraint("product_id", "material_id"),)

    id: Mapped[intpk]
    product_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
