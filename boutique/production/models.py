"""A production lot: a piece of redesign work with a concept, a team, materials and products."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
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
