"""Gift vouchers (presentkort): the voucher with its balance, and every change of that balance.

A voucher is a multi-purpose voucher: selling one is no sale of goods (no VAT) but a debt to its
holder (BAS 2421 by default) until it is spent. Its balance only goes down after it is issued, by one
conditional UPDATE per redemption (``balance_ore >= amount``); the CHECK below is the backstop.
"""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, UTCDateTime, intpk, str_enum, utcnow


class VoucherOrigin(enum.StrEnum):
    sold = "sold"  # bought at the till
    refund = "refund"  # a return of goods paid with a voucher


class VoucherEventKind(enum.StrEnum):
    issued = "issued"
    redeemed = "redeemed"


class GiftVoucher(Base):
    """One voucher: its code (EAN-13, prefix 27), the amount it was issued for, what is left, and the
    last day it can be used."""

    __tablename__ = "gift_vouchers"
    __table_args__ = (
        CheckConstraint("balance_ore >= 0", name="balance_not_negative"),
        CheckConstraint("balance_ore <= amount_ore", name="balance_within_amount"),
    )

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(13), unique=True)
    origin: Mapped[VoucherOrigin] = mapped_column(str_enum(VoucherOrigin))
    amount_ore: Mapped[int]
    balance_ore: Mapped[int]
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    valid_until: Mapped[date] = mapped_column(Date)  # the last Stockholm day it can be used
    # The receipt that issued it (a sale, or the return that refunded to it).
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    # Left untyped: sales imports vouchers, so naming Sale here (even only for type checking) would
    # close a package cycle; the receipt is read through it (vouchers/queries.py, vouchers/views.py).
    sale = relationship("Sale")
    events: Mapped[list["VoucherEvent"]] = relationship(back_populates="voucher", order_by="VoucherEvent.id")


class VoucherEvent(Base):
    """A change of a voucher's balance, on the receipt that made it: issued (+) or redeemed (−), and
    the balance after it (what that receipt printed)."""

    __tablename__ = "voucher_events"

    id: Mapped[intpk]
    voucher_id: Mapped[int] = mapped_column(ForeignKey("gift_vouchers.id"), index=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    kind: Mapped[VoucherEventKind] = mapped_column(str_enum(VoucherEventKind))
    amount_ore: Mapped[int]
    balance_after_ore: Mapped[int]
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    voucher: Mapped[GiftVoucher] = relationship(back_populates="events")
    sale = relationship("Sale")  # untyped, as GiftVoucher.sale above
