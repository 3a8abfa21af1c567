"""Printed labels: one row per label printed for an item at a price. The print queue is derived from
these rows (items for sale with no label at their current price), so pricing needs no hooks."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from boutique.core.db import Base, UTCDateTime, intpk, ore, utcnow


class LabelPrint(Base):
    __tablename__ = "label_prints"
    __table_args__ = (Index("ix_label_prints_item_id_price_ore", "item_id", "price_ore"),)

    id: Mapped[intpk]
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    price_ore: Mapped[ore]
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
