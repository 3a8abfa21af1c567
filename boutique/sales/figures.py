"""A till day's figures: the X-report (any time, nothing stored) and what a Z-report stores."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from boutique.core import clock
from boutique.sales.day_models import TillDay, ZReport
from boutique.sales.models import Payment, PaymentMethod, ReceiptCopy, Sale, SaleLine, SaleVat
from boutique.sales.services.carts import unfinished


@dataclass
class VatFigure:
    rate_percent: int
    sales_ore: int = 0
    returns_ore: int = 0
    vat_ore: int = 0

    @property
    def gross_ore(self) -> int:
        return self.sales_ore + self.returns_ore

    @property
    def net_ex_vat_ore(self) -> int:
        return self.gross_ore - self.vat_ore


@dataclass
class MethodFigure:
    method: PaymentMethod
    sales_ore: int = 0
    returns_ore: int = 0

    @property
    def net_ore(self) -> int:
        return self.sales_ore + self.returns_ore


@dataclass
class DayFigures:
    till_day: TillDay
    taken_at: datetime  # when these figures were read: an X-report's time of printing
    receipts_count: int = 0
    sales_ore: int = 0
    returns_count: int = 0
    returns_ore: int = 0
    rounding_ore: int = 0
    discounts_count: int = 0
    discounts_ore: int = 0
    copies_count: int = 0
    copies_ore: int = 0  # the copied receipts' totals
    unfinished_count: int = 0  # sales begun and not paid: the cart left with lines
    unfinished_ore: int = 0
    training_count: int = 0
    training_ore: int = 0
    vouchers_sold_count: int = 0  # gift vouchers sold (receipt lines) and redeemed (payments)
    vouchers_sold_ore: int = 0
    vouchers_redeemed_count: int = 0
    vouchers_redeemed_ore: int = 0
    vat: list[VatFigure] = field(default_factory=list)
    methods: dict[PaymentMethod, MethodFigure] = field(default_factory=dict)
    previous_sales_ore: int = 0
    previous_returns_ore: int = 0

    @property
    def net_ore(self) -> int:
        return self.sales_ore + self.returns_ore

    @property
    def vat_ore(self) -> int:
        return sum(row.vat_ore for row in self.vat)

    @property
    def is_vat_liable(self) -> bool:
        return any(row.rate_percent > 0 for row in self.vat)

    def method_net(self, method: PaymentMethod) -> int:
        return self.methods[method].net_ore

    @property
    def opening_float_ore(self) -> int:
        return self.till_day.float_ore

    @property
    def expected_cash_ore(self) -> int:
        return self.till_day.float_ore + self.method_net(PaymentMethod.cash)

    @property
    def grand_total_sales_ore(self) -> int:
        return self.previous_sales_ore + self.sales_ore

    @property
    def grand_total_returns_ore(self) -> int:
        return self.previous_returns_ore + self.returns_ore

    @property
    def grand_total_net_ore(self) -> int:
        return self.grand_total_sales_ore + self.grand_total_returns_ore


def day_figures(session: Session, day: TillDay) -> DayFigures:
    """Everything the X- and Z-report show for ``day``, summed from its receipts in a few queries."""
    figures = DayFigures(till_day=day, taken_at=clock.now(), methods={m: MethodFigure(m) for m in PaymentMethod})
    in_day = Sale.till_day_id == day.id
    for is_return, training, count, total, rounding in session.execute(
            select(Sale.is_return, Sale.training, func.count(Sale.id), func.coalesce(func.sum(Sale.total_ore), 0),
                   func.coalesce(func.sum(Sale.rounding_ore), 0))
            .where(in_day).group_by(Sale.is_return, Sale.training)):
        if training:
            figures.training_count += count
            figures.training_ore += total
        elif is_return:
            figures.returns_count, figures.returns_ore = count, total
            figures.rounding_ore += rounding
        else:
            figures.receipts_count, figures.sales_ore = count, total
            figures.rounding_ore += rounding
    real = and_(in_day, Sale.training.is_(False))
    for is_return, method, amount in session.execute(
            select(Sale.is_return, Payment.method, func.sum(Payment.amount_ore)).join(Payment.sale)
            .where(real).group_by(Sale.is_return, Payment.method)):
        figure = figures.methods[PaymentMethod(method)]
        if is_return:
            figure.returns_ore += amount
        else:
            figure.sales_ore += amount
    rates: dict[int, VatFigure] = {}
    # VAT is the sum of what the receipts said (each computed once by sales.vat), so the report
    # equals the sum of its receipts to the öre.
    for is_return, rate, gross, vat in session.execute(
            select(Sale.is_return, SaleVat.rate_percent, func.sum(SaleVat.gross_ore), func.sum(SaleVat.vat_ore))
            .join(SaleVat.sale).where(real).group_by(Sale.is_return, SaleVat.rate_percent)):
        row = rates.setdefault(rate, VatFigure(rate))
        row.vat_ore += vat
        if is_return:
            row.returns_ore += gross
        else:
            row.sales_ore += gross
    figures.vat = [rates[rate] for rate in sorted(rates)]
    figures.discounts_count, figures.discounts_ore = session.execute(
        select(func.count(SaleLine.id), func.coalesce(func.sum(SaleLine.discount_ore), 0)).join(SaleLine.sale)
        .where(real, Sale.is_return.is_(False), SaleLine.discount_ore > 0)).one()
    figures.vouchers_sold_count, figures.vouchers_sold_ore = session.execute(
        select(func.count(SaleLine.id), func.coalesce(func.sum(SaleLine.amount_ore), 0)).join(SaleLine.sale)
        .where(real, Sale.is_return.is_(False), SaleLine.voucher_id.is_not(None))).one()
    figures.vouchers_redeemed_count, figures.vouchers_redeemed_ore = session.execute(
        select(func.count(Payment.id), func.coalesce(func.sum(Payment.amount_ore), 0)).join(Payment.sale)
        .where(real, Sale.is_return.is_(False), Payment.method == PaymentMethod.voucher)).one()
    figures.copies_count, figures.copies_ore = session.execute(
        select(func.count(ReceiptCopy.id), func.coalesce(func.sum(Sale.total_ore), 0))
        .join(Sale, Sale.id == ReceiptCopy.sale_id).where(ReceiptCopy.till_day_id == day.id)).one()
    left = unfinished(session, day.till_id)
    figures.unfinished_count, figures.unfinished_ore = left.count, left.amount_ore
    previous = session.execute(
        select(ZReport.grand_total_sales_ore, ZReport.grand_total_returns_ore)
        .where(ZReport.till_id == day.till_id, ZReport.till_day_id != day.id)
        .order_by(ZReport.z_number.desc()).limit(1)).first()
    if previous:
        figures.previous_sales_ore, figures.previous_returns_ore = previous
    return figures
