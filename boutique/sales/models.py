"""The till's records: till days, sales and returns (receipts), their lines, payments and VAT,
Z-reports, the carts of open tills and idempotency keys.

Receipts are never edited: a mistake is corrected with a return receipt and a new sale. The only
later change to a sale line is ``returned`` (set once, by the return that took the item back).
"""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.db import Base, UTCDateTime, intpk, ore_sum, utcnow
from boutique.items.models import str_enum


class PaymentMethod(enum.StrEnum):
    cash = "cash"
    card = "card"
    swish = "swish"
    voucher = "voucher"  # a gift voucher (boutique.vouchers): its code is the payment's reference


class DayStatus(enum.StrEnum):
    open = "open"
    closed = "closed"


class TillDay(Base):
    """A till's sales day, from opening with a float to closing with a Z-report."""

    __tablename__ = "till_days"
    __table_args__ = (
        # One open day per till; a second open is refused by the service and, under a race, here.
        Index("uq_till_days_open_till", "till_id", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
        CheckConstraint("float_ore >= 0", name="float_not_negative"),
    )

    id: Mapped[intpk]
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"), index=True)
    status: Mapped[DayStatus] = mapped_column(str_enum(DayStatus), default=DayStatus.open)
    # The Stockholm date the day was opened on (a day closed after midnight keeps its date).
    business_date: Mapped[date] = mapped_column(Date)
    float_ore: Mapped[int]
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    till = relationship("Till")
    z_report: Mapped["ZReport | None"] = relationship(back_populates="till_day")


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

    till = relationship("Till")
    till_day: Mapped[TillDay] = relationship()
    cashier = relationship("User")
    original: Mapped["Sale | None"] = relationship(remote_side="Sale.id")
    lines: Mapped[list["SaleLine"]] = relationship(
        back_populates="sale", order_by="SaleLine.position", foreign_keys="SaleLine.sale_id")
    payments: Mapped[list["Payment"]] = relationship(back_populates="sale", order_by="Payment.id")
    vat_rows: Mapped[list["SaleVat"]] = relationship(back_populates="sale", order_by="SaleVat.rate_percent")
    copy: Mapped["ReceiptCopy | None"] = relationship()
    # The gift vouchers this receipt issued or spent (boutique.vouchers), as the receipt printed them.
    voucher_events = relationship("VoucherEvent", viewonly=True, order_by="VoucherEvent.id")


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
    item = relationship("Item")
    category = relationship("Category")
    voucher = relationship("GiftVoucher")


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


class ZReport(Base):
    """A closed till day's figures (dagrapport), numbered in the till's own Z series.

    Everything bookkeeping needs is a column here or a row in ``z_report_vat``/``z_report_payments``.
    It balances: ``cash_ore + card_ore + swish_ore + voucher payments == net_ore + rounding_ore`` and
    ``net_ore == sum(z_report_vat.gross_ore) + vouchers_sold_ore`` (a gift voucher sold is no sale of
    goods: it has no VAT row); each rate's ``gross_ore == net_ex_vat_ore + vat_ore``.
    Every amount is a sum over the day (or, for the grand totals, over the till's life): 64-bit, since
    two sales inside the API's range already pass 32 bits.
    """

    __tablename__ = "z_reports"
    __table_args__ = (UniqueConstraint("till_id", "z_number"),)

    id: Mapped[intpk]
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"))
    till_day_id: Mapped[int] = mapped_column(ForeignKey("till_days.id"), unique=True)
    z_number: Mapped[int]
    business_date: Mapped[date] = mapped_column(Date, index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    opening_float_ore: Mapped[ore_sum]
    receipts_count: Mapped[int]
    sales_ore: Mapped[ore_sum]
    returns_count: Mapped[int]
    returns_ore: Mapped[ore_sum]  # negative
    net_ore: Mapped[ore_sum]
    vat_ore: Mapped[ore_sum]
    discounts_count: Mapped[int]
    discounts_ore: Mapped[ore_sum]
    rounding_ore: Mapped[ore_sum]
    cash_ore: Mapped[ore_sum]
    card_ore: Mapped[ore_sum]
    swish_ore: Mapped[ore_sum]
    copies_count: Mapped[int]
    copies_ore: Mapped[ore_sum] = mapped_column(default=0)  # the copied receipts' totals
    # Sales begun and not paid when the day closed (the cart, emptied by the close) and their amount.
    unfinished_count: Mapped[int] = mapped_column(default=0)
    unfinished_ore: Mapped[ore_sum] = mapped_column(default=0)
    training_count: Mapped[int]
    training_ore: Mapped[ore_sum]
    # Gift vouchers sold (receipt lines) and redeemed (payments), each counted and summed; refunds to a
    # voucher are the voucher payment row's returns.
    # (A server default too: rows written in bulk by SQL that predates vouchers, e.g. bench/, stay valid.)
    vouchers_sold_count: Mapped[int] = mapped_column(default=0, server_default="0")
    vouchers_sold_ore: Mapped[ore_sum] = mapped_column(default=0, server_default="0")
    vouchers_redeemed_count: Mapped[int] = mapped_column(default=0, server_default="0")
    vouchers_redeemed_ore: Mapped[ore_sum] = mapped_column(default=0, server_default="0")
    expected_cash_ore: Mapped[ore_sum]
    counted_cash_ore: Mapped[ore_sum]
    variance_ore: Mapped[ore_sum]
    variance_note: Mapped[str | None] = mapped_column(String(500))
    # Cumulative over every Z-report of this till (grand totals).
    grand_total_sales_ore: Mapped[ore_sum]
    grand_total_returns_ore: Mapped[ore_sum]
    grand_total_net_ore: Mapped[ore_sum]

    till = relationship("Till")
    till_day: Mapped[TillDay] = relationship(back_populates="z_report")
    closed_by = relationship("User")
    vat_rows: Mapped[list["ZReportVat"]] = relationship(order_by="ZReportVat.rate_percent")
    payment_rows: Mapped[list["ZReportPayment"]] = relationship(order_by="ZReportPayment.method")


class ZReportVat(Base):
    """A Z-report's sales per VAT rate: sales, returns, net (incl. VAT), VAT and net excluding VAT."""

    __tablename__ = "z_report_vat"
    __table_args__ = (UniqueConstraint("z_report_id", "rate_percent"),)

    id: Mapped[intpk]
    z_report_id: Mapped[int] = mapped_column(ForeignKey("z_reports.id"))
    rate_percent: Mapped[int]
    sales_ore: Mapped[ore_sum]
    returns_ore: Mapped[ore_sum]
    gross_ore: Mapped[ore_sum]
    vat_ore: Mapped[ore_sum]
    net_ex_vat_ore: Mapped[ore_sum]


class ZReportPayment(Base):
    """A Z-report's payments per method: taken in sales, paid back on returns, net."""

    __tablename__ = "z_report_payments"
    __table_args__ = (UniqueConstraint("z_report_id", "method"),)

    id: Mapped[intpk]
    z_report_id: Mapped[int] = mapped_column(ForeignKey("z_reports.id"))
    method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod))
    sales_ore: Mapped[ore_sum]
    returns_ore: Mapped[ore_sum]
    net_ore: Mapped[ore_sum]


class Cart(Base):
    """An open till's cart, kept on the server so a reload (or another browser) keeps it."""

    __tablename__ = "carts"

    id: Mapped[intpk]
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"), unique=True)
    cashier_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    training: Mapped[bool] = mapped_column(default=False)
    # The idempotency key the page sends with "pay"; a new one after every sale.
    checkout_key: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    till = relationship("Till")
    cashier = relationship("User")
    lines: Mapped[list["CartLine"]] = relationship(back_populates="cart", order_by="CartLine.id",
                                                   cascade="all, delete-orphan")


class CartLine(Base):
    """An item scanned into a cart (an item is in one cart at a time), a manual line or a gift voucher."""

    __tablename__ = "cart_lines"
    __table_args__ = (
        CheckConstraint("price_ore IS NULL OR price_ore > 0", name="price_positive"),
    )

    id: Mapped[intpk]
    cart_id: Mapped[int] = mapped_column(ForeignKey("carts.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), unique=True)
    description: Mapped[str | None] = mapped_column(String(300))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    price_ore: Mapped[int | None]
    is_voucher: Mapped[bool] = mapped_column(default=False, server_default=false())  # a gift voucher for price_ore
    discount_kind: Mapped[str | None] = mapped_column(String(10))  # "amount" | "percent"
    discount_value: Mapped[int | None]
    discount_reason: Mapped[str | None] = mapped_column(String(200))
    discount_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    cart: Mapped[Cart] = relationship(back_populates="lines")
    item = relationship("Item")
    category = relationship("Category")


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
