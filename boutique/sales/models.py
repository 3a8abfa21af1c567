"""The till's records: till days, sales and returns (receipts), their lines, payments and VAT,
Z-reports, the carts of open tills and idempotency keys.

Receipts are never edited: a mistake is corrected with a return receipt and a new sale. The only
later change to a sale line is ``returned`` (set once, by the return that took the item back).
"""

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, UTCDateTime, intpk, str_enum, utcnow

if TYPE_CHECKING:  # day_models imports PaymentMethod from here at run time
    from boutique.auth.models import User
    from boutique.catalog.models import Category
    from boutique.items.models import Item
    from boutique.places.models import Till
    from boutique.sales.day_models import TillDay
    from boutique.vouchers.models import GiftVoucher, VoucherEvent


class PaymentMethod(enum.StrEnum):
    cash = "cash"
    card = "card"
    swish = "swish"
    voucher = "voucher"  # a gift voucher (boutique.vouchers): its code is the payment's reference


class Sale(Base):
    """One receipt: a sale, or a return (``is_return``, negative amounts). Training receipts (ÖVNING)
    have their own number series and never touch items or totals."""

    __tablename__ = "sales"
    __table_args__ = (
        UniqueConstraint("till_id", "training", "receipt_number"),
        Index("ix_sales_sales_day_till_id", "sales_day", "till_id"),
    )

    id: Mapped[intpk]
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"))
    till_day_id: Mapped[int] = mapped_column(ForeignKey("till_days.id"), index=True)
    receipt_number: Mapped[int]
    training: Mapped[bool] = mapped_column(default=False)
    is_return: Mapped[bool] = mapped_column(default=False)
    original_sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"), index=True)
    cashier_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The Stockholm date of ``created_at``: what "sales of a day" means in every report.
    sales_day: Mapped[date] = mapped_column(Date)
    # Sum of the lines (negative on a return); what was paid is total + rounding.
    total_ore: Mapped[int]
    rounding_ore: Mapped[int] = mapped_column(default=0)
    change_ore: Mapped[int] = mapped_column(default=0)
    discount_ore: Mapped[int] = mapped_column(default=0)

    till: Mapped["Till"] = relationship()
    till_day: Mapped["TillDay"] = relationship()
    cashier: Mapped["User"] = relationship()
    original: Mapped["Sale | None"] = relationship(remote_side="Sale.id")
    lines: Mapped[list["SaleLine"]] = relationship(
        back_populates="sale", order_by="SaleLine.position", foreign_keys="SaleLine.sale_id")
    payments: Mapped[list["Payment"]] = relationship(back_populates="sale", order_by="Payment.id")
    vat_rows: Mapped[list["SaleVat"]] = relationship(back_populates="sale", order_by="SaleVat.rate_percent")
    copy: Mapped["ReceiptCopy | None"] = relationship()
    # The gift vouchers this receipt issued or spent (boutique.vouchers), as the receipt printed them.
    voucher_events: Mapped[list["VoucherEvent"]] = relationship(viewonly=True, order_by="VoucherEvent.id")


class SaleLine(Base):
    """A line of a receipt: an item (``item_id``), a manual line (description + category + price) or a
    gift voucher sold (``voucher_id``; no category, no VAT: a debt, not a sale of goods)."""

    __tablename__ = "sale_lines"
    __table_args__ = (
        # The backstop behind the till's conditional claim: an item has at most one active sale line
        # (not returned, not itself a return, not training), whatever the application does.
        Index("uq_sale_lines_active_item", "item_id", unique=True,
              sqlite_where=text("item_id IS NOT NULL AND returned = 0 AND is_return = 0 AND training = 0"),
              postgresql_where=text("item_id IS NOT NULL AND NOT returned AND NOT is_return AND NOT training")),
        Index("ix_sale_lines_item_id", "item_id"),
        CheckConstraint("discount_ore >= 0", name="discount_not_negative"),
    )

    id: Mapped[intpk]
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    position: Mapped[int]
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"))
    description: Mapped[str] = mapped_column(String(300))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    voucher_id: Mapped[int | None] = mapped_column(ForeignKey("gift_vouchers.id"), index=True)
    vat_rate_percent: Mapped[int] = mapped_column(default=0)
    # The asking price, the markdown applied and the shelf price charged before any discount.
    asking_ore: Mapped[int]
    markdown_percent: Mapped[int] = mapped_column(default=0)
    price_ore: Mapped[int]
    discount_ore: Mapped[int] = mapped_column(default=0)
    discount_reason: Mapped[str | None] = mapped_column(String(200))
    discount_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # price - discount; negative on a return line.
    amount_ore: Mapped[int]
    is_return: Mapped[bool] = mapped_column(default=False)
    training: Mapped[bool] = mapped_column(default=False)
    returned: Mapped[bool] = mapped_column(default=False)
    original_line_id: Mapped[int | None] = mapped_column(ForeignKey("sale_lines.id"))

    sale: Mapped[Sale] = relationship(back_populates="lines", foreign_keys=[sale_id])
    item: Mapped["Item | None"] = relationship()
    category: Mapped["Category | None"] = relationship()
    voucher: Mapped["GiftVoucher | None"] = relationship()


class Payment(Base):
    """What was paid (or refunded, negative) by one method. Cash keeps the rounded amount; the
    amount handed over and the change are kept beside it."""

    __tablename__ = "payments"

    id: Mapped[intpk]
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod))
    amount_ore: Mapped[int]
    tendered_ore: Mapped[int | None]
    change_ore: Mapped[int] = mapped_column(default=0)
    # A Swish payment's message, as its QR code showed it: how the bank's line finds this receipt; for a
    # gift voucher, the voucher's code.
    reference: Mapped[str | None] = mapped_column(String(50))

    sale: Mapped[Sale] = relationship(back_populates="payments")


class SaleVat(Base):
    """A receipt's amount and VAT per rate (0 = outside VAT), computed once by ``sales.vat``."""

    __tablename__ = "sale_vat"
    __table_args__ = (UniqueConstraint("sale_id", "rate_percent"),)

    id: Mapped[intpk]
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"))
    rate_percent: Mapped[int]
    gross_ore: Mapped[int]
    vat_ore: Mapped[int]

    sale: Mapped[Sale] = relationship(back_populates="vat_rows")


class ReceiptCopy(Base):
    """The one copy (KOPIA) a receipt may have; counted in the Z-report of the day it was printed."""

    __tablename__ = "receipt_copies"

    id: Mapped[intpk]
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), unique=True)
    till_day_id: Mapped[int | None] = mapped_column(ForeignKey("till_days.id"), index=True)
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    printed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class IdempotencyRecord(Base):
    """A request made with an Idempotency-Key: its body's hash and the answer given. Written in
    the same transaction as the sale, so two identical concurrent requests cannot both sell."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[intpk]
    scope: Mapped[str] = mapped_column(String(40))  # "user:<id>" or "till:<code>"
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"))
    status_code: Mapped[int | None]
    response: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
