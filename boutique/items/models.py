"""The item and its history: every status change is an ``ItemEvent`` row."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.catalog.models import Category
from boutique.core.db import Base, UTCDateTime, intpk, str_enum, utcnow

if TYPE_CHECKING:
    from boutique.auth.models import User
    from boutique.places.models import Location


class ItemStatus(enum.StrEnum):
    received = "received"
    washed = "washed"
    sorted = "sorted"
    material = "material"
    recycled = "recycled"
    discarded = "discarded"
    valued = "valued"
    for_sale = "for_sale"
    sold = "sold"
    consumed = "consumed"
    in_transit = "in_transit"  # on a transfer between places (stock/transfers.py)
    lost = "lost"  # settled as lost in a stocktake or transfer; found again, it goes back


class Grade(enum.StrEnum):
    shop = "shop"
    redesign = "redesign"
    repair = "repair"
    recycle = "recycle"
    discard = "discard"


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        CheckConstraint("condition IS NULL OR (condition BETWEEN 1 AND 5)", name="condition_range"),
        CheckConstraint("price_ore IS NULL OR price_ore > 0", name="price_positive"),
        CheckConstraint("value_ore IS NULL OR value_ore >= 0", name="value_not_negative"),
        Index("ix_items_status_updated_at", "status", "updated_at"),
        Index("ix_items_lot_id", "lot_id"),
    )

    id: Mapped[intpk]
    # EAN-13, in-store prefix 29 (items/codes.py); issued once, never reused.
    code: Mapped[str] = mapped_column(String(13), unique=True)
    status: Mapped[ItemStatus] = mapped_column(str_enum(ItemStatus))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    grade: Mapped[Grade | None] = mapped_column(str_enum(Grade))
    description: Mapped[str | None] = mapped_column(String(300))
    fibre: Mapped[str | None] = mapped_column(String(80))
    colour: Mapped[str | None] = mapped_column(String(80))
    size: Mapped[str | None] = mapped_column(String(40))
    brand: Mapped[str | None] = mapped_column(String(80))
    condition: Mapped[int | None] = mapped_column(SmallInteger)
    disruptors: Mapped[str | None] = mapped_column(String(200))
    weight_grams: Mapped[int | None]
    value_ore: Mapped[int | None]
    price_ore: Mapped[int | None]
    # The asking price the item was first given (set once; reports compare it with the sold price).
    first_price_ore: Mapped[int | None]
    priced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Redesigned products may be exempt from the markdown ladder or keep a floor price.
    markdown_exempt: Mapped[bool] = mapped_column(default=False)
    floor_price_ore: Mapped[int | None]
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    donation_id: Mapped[int | None] = mapped_column(ForeignKey("donations.id"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("production_lots.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    category: Mapped[Category] = relationship()
    location: Mapped["Location"] = relationship()
    events: Mapped[list["ItemEvent"]] = relationship(back_populates="item", order_by="ItemEvent.id")


class ItemEvent(Base):
    """One step in an item's life: what happened, when, who did it, where, and the details."""

    __tablename__ = "item_events"
    __table_args__ = (
        Index("ix_item_events_item_id_id", "item_id", "id"),
        Index("ix_item_events_by_user_id_at", "by_user_id", "at"),
        Index("ix_item_events_event_at", "event", "at"),
    )

    id: Mapped[intpk]
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[ItemStatus | None] = mapped_column(str_enum(ItemStatus))
    to_status: Mapped[ItemStatus] = mapped_column(str_enum(ItemStatus))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    details: Mapped[dict | None] = mapped_column(JSON)

    item: Mapped[Item] = relationship(back_populates="events")
    by_user: Mapped["User | None"] = relationship()
