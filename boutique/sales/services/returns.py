"""Returns: a return receipt in the till's one series, refunding some or all lines of an earlier sale.

Each returned line is marked with one conditional UPDATE (``... WHERE returned = false``), so an
item cannot be returned twice even by two tills at once. Items go back to ``for_sale`` or to
re-processing (``sorted``/``received``), chosen per item, through the status machine.

A refund to a gift voucher issues a new voucher for the amount, valid from the day of the return, rather
than topping up the voucher that paid: that one may be spent and thrown away, or nearly expired, and a
voucher's balance then only ever goes down, which is what makes spending it race-safe. What was paid with
a voucher is refunded to a voucher, never in cash: a voucher is not a way to turn credit into cash.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core import clock, counters
from boutique.core.errors import Conflict, InvalidInput
from boutique.core.money import format_ore
from boutique.items.codes import parse_item_code
from boutique.items.models import ItemStatus
from boutique.items.status import change_status
from boutique.places.models import Till
from boutique.sales.arithmetic import settle_refund
from boutique.sales.models import Payment, PaymentMethod, Sale, SaleLine, SaleVat
from boutique.sales.services.days import require_open_day
from boutique.sales.services.selling import check_methods, payment_rows, receipt_series
from boutique.sales.till_settings import allowed_methods
from boutique.sales.vat import vat_rows
from boutique.vouchers import services as vouchers
from boutique.vouchers.models import VoucherOrigin

RESTOCK_TARGETS = (ItemStatus.for_sale, ItemStatus.sorted, ItemStatus.received)


def lines_for_codes(sale: Sale, codes: list[str]) -> list[SaleLine]:
    """The sale's lines for these item codes; 422 not_in_sale for a code the receipt does not have."""
    parsed = [parse_item_code(code) for code in codes]
    if len(set(parsed)) != len(parsed):
        raise InvalidInput(_l("An item is listed twice in the return."), code="duplicate_item")
    by_code = {line.item.code: line for line in sale.lines if line.item is not None}
    missing = [code for code in parsed if code not in by_code]
    if missing:
        raise InvalidInput(_l("Item %(code)s is not on receipt %(number)d; a refund cannot be larger than the sale.",
                              code=missing[0], number=sale.receipt_number),
                           code="not_in_sale", details={"item": missing[0]})
    return [by_code[code] for code in parsed]


def lines_for_ids(sale: Sale, line_ids: list[int]) -> list[SaleLine]:
    by_id = {line.id: line for line in sale.lines}
    if len(set(line_ids)) != len(line_ids) or any(line_id not in by_id for line_id in line_ids):
        raise InvalidInput(_l("Choose lines from the receipt being returned."), code="not_in_sale")
    return [by_id[line_id] for line_id in line_ids]


def return_lines(session: Session, *, till: Till, cashier: User, original: Sale, lines: list[SaleLine],
                 refund_method: PaymentMethod | str, restock: dict[str, ItemStatus] | None = None,
                 at: datetime | None = None) -> Sale:
    """Refund ``lines`` of ``original`` at ``till``; the caller commits or rolls back."""
    moment = at or clock.now()
    day = require_open_day(session, till)
    if original.training or original.is_return:
        raise InvalidInput(_l("Only a sale receipt can be returned."), code="not_returnable")
    if not lines:
        raise InvalidInput(_l("Choose at least one line to return."), code="empty_return")
    method = PaymentMethod(refund_method)
    check_methods(allowed_methods(session), [method])
    for line in lines:
        if line.returned:
            raise _already_returned(line)
        if line.voucher_id is not None:
            raise InvalidInput(_l("A gift voucher is not returned at the till: it is used as a payment."),
                               code="not_returnable")
    refund = sum(line.amount_ore for line in lines)
    _check_refund_limits(session, original, method, refund)
    for line in lines:
        marked = session.execute(
            update(SaleLine).where(SaleLine.id == line.id, SaleLine.returned.is_(False)).values(returned=True)
            .execution_options(synchronize_session=False))
        if marked.rowcount != 1:
            raise _already_returned(line)
    settlement = settle_refund(-refund, method)
    sale = Sale(till_id=till.id, till_day_id=day.id, training=False, is_return=True, original_sale_id=original.id,
                cashier_id=cashier.id, receipt_number=counters.take(session, receipt_series(till)),
                created_at=moment, sales_day=clock.sales_day(moment), total_ore=-refund,
                rounding_ore=settlement.rounding_ore, change_ore=0, discount_ore=0)
    sale.lines = [SaleLine(position=position, item_id=line.item_id, description=line.description,
                           category_id=line.category_id, vat_rate_percent=line.vat_rate_percent,
                           asking_ore=line.asking_ore, markdown_percent=line.markdown_percent,
                           price_ore=line.price_ore, discount_ore=line.discount_ore,
                           discount_reason=line.discount_reason, amount_ore=-line.amount_ore, is_return=True,
                           training=False, returned=False, original_line_id=line.id)
                  for position, line in enumerate(lines, start=1)]
    sale.vat_rows = [SaleVat(rate_percent=row.rate_percent, gross_ore=row.gross_ore, vat_ore=row.vat_ore)
                     for row in vat_rows((line.vat_rate_percent, -line.amount_ore) for line in lines)]
    session.add(sale)
    session.flush()
    refunded_to = []
    if method == PaymentMethod.voucher:
        _, use = vouchers.issue(session, amount_ore=refund, sale_id=sale.id, origin=VoucherOrigin.refund,
                                by_user_id=cashier.id, at=moment)
        refunded_to = [(use.code, -refund)]
    sale.payments = [Payment(method=p.method, amount_ore=p.amount_ore, tendered_ore=p.tendered_ore,
                             change_ore=p.change_ore, reference=p.reference)
                     for p in payment_rows(settlement, vouchers=refunded_to)]
    session.flush()
    _restock(session, lines, restock or {}, cashier=cashier, till=till, sale=sale)
    return sale


def _already_returned(line: SaleLine) -> Conflict:
    return Conflict(_l("%(name)s has already been returned.", name=line.description), code="already_returned",
                    details={"item": line.item.code} if line.item is not None else {})


def _check_refund_limits(session: Session, original: Sale, method: PaymentMethod, refund: int) -> None:
    """Refunds never exceed the sale, nor what was paid by a card or Swish they go back to."""
    returned_before = -(session.scalar(select(func.coalesce(func.sum(Sale.total_ore), 0))
                                       .where(Sale.original_sale_id == original.id)) or 0)
    if returned_before + refund > original.total_ore:
        raise InvalidInput(_l("The refund would be larger than the sale (%(total)s).",
                              total=format_ore(original.total_ore)), code="refund_exceeds_sale")
    by_voucher = sum(p.amount_ore for p in original.payments if p.method == PaymentMethod.voucher)
    if method == PaymentMethod.voucher:
        return  # a refund to a new voucher, up to the sale (credit at the shop is always possible)
    if by_voucher:
        refunded_else = -(session.scalar(select(func.coalesce(func.sum(Payment.amount_ore), 0)).join(Payment.sale)
                                         .where(Sale.original_sale_id == original.id,
                                                Payment.method != PaymentMethod.voucher)) or 0)
        if refunded_else + refund > original.total_ore - by_voucher:
            raise InvalidInput(_l("%(paid)s of this sale was paid with a gift voucher: refund that part to a gift "
                                  "voucher.", paid=format_ore(by_voucher)), code="refund_to_voucher")
    if method == PaymentMethod.cash:
        return
    paid = sum(p.amount_ore for p in original.payments if p.method == method)
    if paid <= 0:
        raise InvalidInput(_l("The sale was not paid by %(method)s; refund by the original method or cash.",
                              method=method.value), code="refund_method_not_allowed")
    refunded = -(session.scalar(select(func.coalesce(func.sum(Payment.amount_ore), 0)).join(Payment.sale)
                                .where(Sale.original_sale_id == original.id, Payment.method == method)) or 0)
    if refunded + refund > paid:
        raise InvalidInput(_l("Only %(left)s of this sale was paid by %(method)s; refund the rest in cash.",
                              left=format_ore(paid - refunded), method=method.value),
                           code="refund_exceeds_payment")


def _restock(session: Session, lines: list[SaleLine], restock: dict[str, ItemStatus], *, cashier: User,
             till: Till, sale: Sale) -> None:
    for line in lines:
        if line.item is None:
            continue
        target = ItemStatus(restock.get(line.item.code, ItemStatus.for_sale))
        if target not in RESTOCK_TARGETS:
            raise InvalidInput(_l("A returned item goes back on sale or to re-processing."), code="invalid_restock")
        change_status(session, line.item, event="returned", to=target, by_user_id=cashier.id,
                      location_id=till.location_id,
                      details={"sale_id": sale.id, "till": till.code, "receipt_number": sale.receipt_number})
