"""A donation: one collection run, drop-off or pickup, later unpacked into items."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, UTCDateTime, intpk, str_enum, utcnow

if TYPE_CHECKING:
    from boutique.auth.models import User
    from boutique.items.models import Item
    from boutique.places.models import Location


class DonationSource(enum.StrEnum):
    collection = "collection"
    drop_off = "drop_off"
    pickup = "pickup"


class Donation(Base):
    __tablename__ = "donations"

    id: Mapped[intpk]
    source: Mapped[DonationSource] = mapped_column(str_enum(DonationSource))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    received_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    weight_grams: Mapped[int | None]
    bags: Mapped[int | None]
    # Anonymous unless the donor asks to be noted; never required.
    donor_note: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when the last bag is opened; until then the donation shows as still to unpack.
    unpacked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    location: Mapped["Location"] = relationship()
    received_by: Mapped["User | None"] = relationship()
    items: Mapped[list["Item"]] = relationship(order_by="Item.id", viewonly=True)
