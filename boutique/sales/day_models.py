"""A till's sales day, from the float in the morning to its Z-report at night."""

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, UTCDateTime, intpk, ore_sum, str_enum, utcnow
from boutique.sales.models import PaymentMethod

if TYPE_CHECKING:
    from boutique.auth.models import User
    from boutique.places.models import Till


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

    till: Mapped["Till"] = relationship()
    z_report: Mapped["ZReport | None"] = relationship(back_populates="till_day")


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

    till: Mapped["Till"] = relationship()
    till_day: Mapped[TillDay] = relationship(back_populates="z_report")
    closed_by: Mapped["User | None"] = relationship()
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
