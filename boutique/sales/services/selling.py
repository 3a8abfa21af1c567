"""Checkout: one sell service for the API and the till page, all in the caller's transaction.

Everything is checked before the first write (the till, the lines, the items, the payments), so the
refusals come in the order of the API contract. Then the receipt number is taken, the sale written
(sale_rows: Core statements through the session), and each item claimed through the status machine
(items.status.change_statuses: one conditional UPDATE per item, in ascending id order so two overlapping
sales cannot deadlock). The loser of a race gets 409 item_unavailable and the caller rolls back: no
receipt number, line or payment is left behind. The partial unique index on active sale lines is the
backstop.

Gift vouchers (boutique.vouchers) are checked with the rest before the first write; a voucher sold is
issued, and a voucher paid with is spent by its own conditional UPDATE, after the claims in the same
transaction (so a sale that loses the race for a voucher's balance rolls back like one that loses an item).
"""

from dataclasses import dataclass, replace
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core import clock, counters
from boutique.core.errors import Conflict, InvalidInput
from boutique.items.models import Item, ItemStatus
from boutique.items.status import StatusChanged, change_statuses
from boutique.places.models import Till
from boutique.sales.arithmetic import Settlement, cart_total, settle
from boutique.sales.models import PaymentMethod, Sale
from boutique.sales.serialize import Receipt, ReceiptLine, ReceiptPayment, ReceiptVat
from boutique.sales.services import sale_rows
from boutique.sales.services.days import TillAtWork, till_at_work, till_closed
from boutique.sales.services.idempotency import SaleKey
from boutique.sales.services.lines import ItemRef, LineRequest, PricedLine, item_label, price_lines, unavailable
from boutique.sales.vat import vat_rows
from boutique.vouchers import services as vouchers
from boutique.vouchers.models import VoucherOrigin
from boutique.vouchers.services import VoucherUse


@dataclass(frozen=True)
class PaymentRequest:
    method: PaymentMethod | str
    amount_ore: int
    reference: str | None = None  # what the payer's message said (a Swish QR's reference); a voucher's code


def receipt_series(till: Till | TillAtWork, *, training: bool = False) -> str:
    return f"training:{till.code}" if training else f"receipt:{till.code}"


def check_methods(allowed: list[PaymentMethod], methods) -> None:
    for method in methods:
        if PaymentMethod(method) not in allowed:
            raise InvalidInput(_l("The shop does not take %(method)s at the till.", method=str(method)),
                               code="method_not_allowed")


@dataclass(frozen=True)
class Sold:
    """What ``sell`` wrote: the receipt as written (answered without reading it back), and the answer kept
    with its key (``SaleKey.answer``), which the caller gives as it is."""

    receipt: Receipt
    answer: dict | None = None

    @property
    def sale_id(self) -> int:
        return self.receipt.sale_id


def sell(session: Session, *, till_code: str, cashier: User, lines: list[LineRequest],
         payments: list[PaymentRequest], training: bool = False, at: datetime | None = None,
         key: SaleKey | None = None) -> Sold:
    """Sell ``lines`` at the till ``till_code``: 404 no such till, 409 till_closed / item_unavailable,
    422 for a short payment. Everything is checked before the first write; ``key`` is recorded with the
    sale (a twin holding it fails: see idempotency). The caller commits, or rolls back on any error."""
    moment = at or clock.now()
    session.flush()  # the reads below go to the tables: let them see what the caller has pending
    till = till_at_work(session, till_code)
    priced = price_lines(session, lines, cashier=cashier, limit_percent=till.settings.discount_limit_percent,
                         at=moment)
    total = cart_total(line.amount_ore for line in priced)
    cart_total(line.price_ore for line in priced)  # before discounts too: the receipt's discount is one amount
    check_methods(till.settings.methods, [p.method for p in payments])
    settlement = settle(total, [(p.method, p.amount_ore) for p in payments])
    wanted = _check_vouchers(session, priced, payments, training=training, at=moment)
    # A training sale (ÖVNING) claims nothing: its items stay on the shelf, in their carts, and
    # their histories do not say sold.
    items = [] if training else sorted((line.item for line in priced if line.item), key=lambda item: item.id)
    series, sales_day = receipt_series(till, training=training), clock.sales_day(moment)
    discount = sum(line.discount_ore for line in priced)
    number = counters.take(session, series)  # the first write: on SQLite, the write lock from here on
    sale_id = sale_rows.insert_sale(session, {
        "till_id": till.id, "till_day_id": till.day_id, "receipt_number": number, "training": training,
        "is_return": False, "original_sale_id": None, "cashier_id": cashier.id, "created_at": moment,
        "sales_day": sales_day, "total_ore": total, "rounding_ore": settlement.rounding_ore,
        "change_ore": settlement.change_ore, "discount_ore": discount})
    if sale_id is None:
        raise till_closed(till.code)
    _claim(session, items, till=till, cashier=cashier, sale_id=sale_id, receipt_number=number, at=moment)
    uses = _voucher_rows(session, priced, wanted, sale_id=sale_id, cashier=cashier, at=moment)
    receipt = Receipt(
        sale_id=sale_id, till=till.code, receipt_number=number, is_return=False, training=training, created_at=moment,
        sales_day=sales_day, cashier=cashier.display_name, total_ore=total,
        rounding_ore=settlement.rounding_ore, change_ore=settlement.change_ore, discount_ore=discount, original=None,
        lines=[_receipt_line(line) for line in priced],
        payments=payment_rows(settlement, {PaymentMethod(p.method): p.reference for p in payments if p.reference},
                              vouchers=[(use.code, use.amount_ore) for use in uses
                                        if use.kind == vouchers.VoucherEventKind.redeemed]),
        # A gift voucher sold is no sale of goods: it has no VAT row (it is booked as a debt).
        vat=[ReceiptVat(row.rate_percent, row.gross_ore, row.vat_ore)
             for row in vat_rows((line.vat_rate_percent, line.amount_ore) for line in priced if not line.is_voucher)],
        vouchers=tuple(uses))
    sale_rows.insert_receipt_rows(session, receipt, priced)
    sale_rows.delete_cart_lines(session, [item.id for item in items if item.in_cart])
    answer = key.answer(receipt) if key is not None and key.answer else None
    if key is not None:
        sale_rows.insert_key(session, key, sale_id=sale_id, answer=answer)
    return Sold(receipt, answer)


def checkout(session: Session, *, till: Till, cashier: User, lines: list[LineRequest],
             payments: list[PaymentRequest], training: bool = False, at: datetime | None = None) -> Sale:
    """``sell``, answered with the sale as an ORM object (the demo and the tests)."""
    sold = sell(session, till_code=till.code, cashier=cashier, lines=lines, payments=payments,
                training=training, at=at)
    return session.get_one(Sale, sold.sale_id)


# The claim takes the item only as the sale priced it: still for sale, and its pricing columns as the
# sale read them. A re-price committed in between leaves the row count at 0, and the sale is refused
# rather than charging a price the item's record no longer says (the row lock the claim then holds
# makes a re-price after it wait, find the item sold and lose).
_PRICED_AS_READ = ("price_ore", "priced_at", "markdown_exempt", "floor_price_ore")


def _claim(session: Session, items: list[ItemRef], *, till: TillAtWork, cashier: User, sale_id: int,
           receipt_number: int, at: datetime) -> None:
    """The items sold, through the status machine; an item sold at another place's till moves there."""

    def details(item: ItemRef) -> dict:
        sold = {"sale_id": sale_id, "till": till.code, "receipt_number": receipt_number}
        return sold if item.location_id == till.location_id else {**sold, "moved_from": item.location_code}

    try:
        change_statuses(session, items, event="sold", to=ItemStatus.sold, by_user_id=cashier.id, at=at,
                        details=details, location_id=till.location_id, unchanged=_PRICED_AS_READ)
    except StatusChanged as lost:
        if lost.now != ItemStatus.for_sale:
            raise unavailable(replace(lost.item, status=lost.now)) from None
        raise Conflict(_l("The price of %(name)s (%(code)s) was changed at the same moment. Nothing was sold: "
                          "check the total and pay again.", name=item_label(lost.item), code=lost.item.code),
                       code="price_changed", details={"item": lost.item.code}) from None


def _check_vouchers(session: Session, priced: list[PricedLine], payments: list[PaymentRequest], *, training: bool,
                    at: datetime) -> dict[str, int]:
    """The vouchers the sale spends, checked (known, valid, enough left); none in a training sale, which
    must not make or spend real money."""
    spent = [(p.reference, p.amount_ore) for p in payments if PaymentMethod(p.method) == PaymentMethod.voucher]
    if training and (spent or any(line.is_voucher for line in priced)):
        raise InvalidInput(_l("Gift vouchers are neither sold nor redeemed in training mode."),
                           code="voucher_in_training")
    return vouchers.check_redemptions(session, spent, at=at) if spent else {}


def _voucher_rows(session: Session, priced: list[PricedLine], wanted: dict[str, int], *, sale_id: int,
                  cashier: User, at: datetime) -> list[VoucherUse]:
    """Issue the vouchers the sale sells (each line then names its code) and spend those it is paid with."""
    uses = []
    for line in priced:
        if line.is_voucher:
            line.voucher_id, use = vouchers.issue(session, amount_ore=line.amount_ore, sale_id=sale_id,
                                                  origin=VoucherOrigin.sold, by_user_id=cashier.id, at=at)
            line.voucher_code = use.code
            uses.append(use)
    if wanted:
        uses += vouchers.redeem(session, wanted=wanted, sale_id=sale_id, by_user_id=cashier.id, at=at)
    return uses


def _receipt_line(line: PricedLine) -> ReceiptLine:
    return ReceiptLine(code=line.item.code if line.item else None, description=line.description,
                       category=line.category.code if line.category else None,
                       vat_rate_percent=line.vat_rate_percent,
                       asking_ore=line.asking_ore, markdown_percent=line.markdown_percent, price_ore=line.price_ore,
                       discount_ore=line.discount_ore, discount_reason=line.discount_reason,
                       amount_ore=line.amount_ore, voucher_code=line.voucher_code)


def payment_rows(settlement: Settlement, references: dict[PaymentMethod, str] | None = None,
                 vouchers: list[tuple[str, int]] = ()) -> list[ReceiptPayment]:
    """One payment per method, and one per gift voucher (its code as the reference); the cash one carries
    what was tendered and the change."""
    references = references or {}
    rows = [ReceiptPayment(method, amount, (settlement.tendered_ore or None) if method == PaymentMethod.cash else None,
                           settlement.change_ore if method == PaymentMethod.cash else 0, references.get(method))
            for method, amount in settlement.by_method().items() if method != PaymentMethod.voucher]
    return rows + [ReceiptPayment(PaymentMethod.voucher, amount, None, 0, code) for code, amount in vouchers]


def lost_race(session: Session, codes: list[str]) -> Conflict:
    """After the backstop index refused a line (and the caller rolled back): name an item that is no
    longer for sale."""
    sold = session.scalar(select(Item.code).where(Item.code.in_([c.strip() for c in codes]),
                                                  Item.status != ItemStatus.for_sale))
    return Conflict(_l("Item %(code)s was sold at the same moment. Scan it again.", code=sold or "?"),
                    code="item_unavailable", details={"item": sold})
