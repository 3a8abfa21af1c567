"""What the bookkeeping was given: each closed till day's voucher identity and when it was exported."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, UTCDateTime, intpk

if TYPE_CHECKING:
    from boutique.auth.models import User


class SieVoucher(Base):
    """A Z-report as a voucher in the books. Its series and number are fixed when the day is first
    exported, so the same day exported again carries the same identity and a day imported twice can be
    told; the first and the last export (when, by whom) and how many there were are kept."""

    __tablename__ = "sie_vouchers"
    __table_args__ = (UniqueConstraint("series", "number"),)

    id: Mapped[intpk]
    z_report_id: Mapped[int] = mapped_column(ForeignKey("z_reports.id"), unique=True)
    series: Mapped[str] = mapped_column(String(10))
    number: Mapped[int]
    first_exported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    first_exported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    last_exported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_exported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    exports_count: Mapped[int] = mapped_column(default=1)

    first_exported_by: Mapped["User | None"] = relationship(foreign_keys=[first_exported_by_id])
