"""Stocktakes (inventering) and transfers between places: what was counted or moved, line by line."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, UTCDateTime, intpk, str_enum, utcnow
from boutique.items.models import ItemStatus

if TYPE_CHECKING:
    from boutique.auth.models import User
    from boutique.catalog.models import Category
    from boutique.items.models import Item
    from boutique.places.models import Location


class CountStatus(enum.StrEnum):
    counting = "counting"
    paused = "paused"
    finished = "finished"


class TransferStatus(enum.StrEnum):
    packing = "packing"  # scanning out at the sending place
    sent = "sent"  # on its way; the receiving place scans in
    received = "received"  # scanning in is over; differences are settled


class Settlement(enum.StrEnum):
    """How one difference was settled (one label each in stock/findings.py)."""

    lost = "lost"
    found = "found"  # a missing item turned up after all: it stays where it is
    moved_here = "moved_here"
    back_to_step = "back_to_step"
    returned = "returned"  # a transfer's missing item went back to the sending place


class Stocktake(Base):
    """One count of a place, or of a part of it (a zone such as a rail or shelf, or a category)."""

    __tablename__ = "stocktakes"
    __table_args__ = (Index("ix_stocktakes_location_id_started_at", "location_id", "started_at"),)

    id: Mapped[intpk]
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    zone: Mapped[str | None] = mapped_column(String(80))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    status: Mapped[CountStatus] = mapped_column(str_enum(CountStatus), default=CountStatus.counting)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(String(300))

    location: Mapped["Location"] = relationship()
    category: Mapped["Category | None"] = relationship()
    started_by: Mapped["User"] = relationship()
    lines: Mapped[list["StocktakeLine"]] = relationship(back_populates="stocktake", order_by="StocktakeLine.id")


class StocktakeLine(Base):
    """An item the count expected (on the shelf when it started), scanned, or both."""

    __tablename__ = "stocktake_lines"
    __table_args__ = (UniqueConstraint("stocktake_id", "item_id"), Index("ix_stocktake_lines_item_id", "item_id"))

    id: Mapped[intpk]
    stocktake_id: Mapped[int] = mapped_column(ForeignKey("stocktakes.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    expected: Mapped[bool] = mapped_column(default=False)
    scanned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    scanned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # What the count found, fixed when it finished (stock.findings.Finding): an item moved on later (sold,
    # sent on a transfer) is not a new difference of this count.
    finding: Mapped[str | None] = mapped_column(String(20))
    settlement: Mapped[Settlement | None] = mapped_column(str_enum(Settlement))
    reason: Mapped[str | None] = mapped_column(String(200))
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    settled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    stocktake: Mapped[Stocktake] = relationship(back_populates="lines")
    item: Mapped["Item"] = relationship()


class Transfer(Base):
    """A list of items going from one place to another."""

    __tablename__ = "transfers"

    id: Mapped[intpk]
    from_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    to_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    status: Mapped[TransferStatus] = mapped_column(str_enum(TransferStatus), default=TransferStatus.packing)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(String(300))

    from_location: Mapped["Location"] = relationship(foreign_keys=[from_location_id])
    to_location: Mapped["Location"] = relationship(foreign_keys=[to_location_id])
    lines: Mapped[list["TransferLine"]] = relationship(back_populates="transfer", order_by="TransferLine.id")


class TransferLine(Base):
    """An item scanned out (``sent_status``: the step it was at, restored on arrival), or one scanned in
    at the receiving end that was not on the list (``sent_status`` None)."""

    __tablename__ = "transfer_lines"
    __table_args__ = (UniqueConstraint("transfer_id", "item_id"), Index("ix_transfer_lines_item_id", "item_id"))

    id: Mapped[intpk]
    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfers.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    sent_status: Mapped[ItemStatus | None] = mapped_column(str_enum(ItemStatus))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    settlement: Mapped[Settlement | None] = mapped_column(str_enum(Settlement))
    reason: Mapped[str | None] = mapped_column(String(200))
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    settled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    transfer: Mapped[Transfer] = relationship(back_populates="lines")
    item: Mapped["Item"] = relationship()
