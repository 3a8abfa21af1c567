"""Checkout: claim the items, number the receipt and write the sale, all in the caller's transaction.

Each item is claimed with one conditional UPDATE (``... WHERE status = 'for_sale'``, row count
checked), in ascending id order so two overlapping sales cannot deadlock. The loser of a race gets
409 item_unavailable and the caller rolls back: no receipt number, line or payment is left behind.
The partial unique index on active sale lines is the backstop.

On PostgreSQL the statements go in three round trips (``prepared.together``): what the sale reads;
the claims, the receipt number and the sale; the sale's rows. The server runs them in order, so the
claims still lock in ascending ids, and the claims' row counts are checked before the sale's rows
are sent.

Gift vouchers (boutique.vouchers) are checked with the rest before the first write; a voucher sold is
issued, and a voucher paid with is spent by its own conditional UPDATE, after the claims in the same
transaction (so a sale that loses the race for a voucher's balance rolls back like one that loses an item).
"""

from dataclasses import dataclass, replace
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core import clock, counters
from boutique.core.errors import Conflict, InvalidInput
from boutique.core.prepared import Later, Prepared, together
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.places.models import Till
from boutique.sales.arithmetic import Settlement, cart_total, settle
from boutique.sales.cart_models import CartLine
from boutique.sales.day_models import DayStatus, TillDay
from boutique.sales.models import Payment, PaymentMethod, Sale, SaleLine, SaleVat
from boutique.sales.serialize import Receipt, ReceiptLine, ReceiptPayment, ReceiptVat
from boutique.sales.services.days import TillAtWork, ask_till_at_work, till_closed
from boutique.sales.services.lines import (
    ItemRef,
    LineRequest,
    PricedLine,
    ask_items,
    item_label,
    price_lines,
    unavailable,
)
from boutique.sales.till_settings import ask_till_settings
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


def sell(session: Session, *, till_code: str, cashier: User, lines: list[LineRequest],
         payments: list[PaymentRequest], training: bool = False, at: datetime | None = None) -> Receipt:
    """Sell ``lines`` at the till ``till_code``: 404 no such till, 409 till_closed / item_unavailable,
    422 for a short payment. Everything is checked before the first write; the caller commits, or
    rolls back on any error. Answers with the receipt as written, without reading it back."""
    moment = at or clock.now()
    session.flush()  # the reads below go to the tables: let them see what the caller has pending
    connection = session.connection()
    with together(connection) as batch:
        till_answer = ask_till_at_work(batch, till_code)
        settings_answer = ask_till_settings(batch)
        items_answer = ask_items(batch, [line.code for line in lines if line.code])
    till, settings = till_answer(session), settings_answer()
    priced = price_lines(session, lines, cashier=cashier, limit_percent=settings.discount_limit_percent, at=moment,
                         items=items_answer)
    total = cart_total(line.amount_ore for line in priced)
    cart_total(line.price_ore for line in priced)  # before discounts too: the receipt's discount is one amount
    check_methods(settings.methods, [p.method for p in payments])
    settlement = settle(total, [(p.method, p.amount_ore) for p in payments])
    wanted = _check_vouchers(session, priced, payments, training=training, at=moment)
    # A training sale (ÖVNING) claims nothing: its items stay on the shelf, in their carts, and
    # their histories do not say sold.
    items = [] if training else sorted((line.item for line in priced if line.item), key=lambda item: item.id)
    # The writes go straight to the tables (Core), not through the ORM's unit of work: a checkout is
    # the hottest write in the shop and a flush of the sale's object graph cost more than the rest.
    series, sales_day = receipt_series(till, training=training), clock.sales_day(moment)
    discount = sum(line.discount_ore for line in priced)
    sale_row = {"till_id": till.id, "till_day_id": till.day_id, "training": training, "is_return": False,
                "original_sale_id": None, "cashier_id": cashier.id, "series": series, "created_at": moment,
                "sales_day": sales_day, "total_ore": total, "rounding_ore": settlement.rounding_ore,
                "change_ore": settlement.change_ore, "discount_ore": discount}
    with together(connection) as batch:
        claims = [(item, batch.run(_CLAIM, _claim_values(item, moment, till.location_id))) for item in items]
        counters.take_in(batch, series)
        # The day again, now inside the writes: on SQLite a view may have read it before the write lock
        # (see transactions.lock_at_first_write), and a close could have come in between. (PostgreSQL holds the
        # day's row FOR SHARE since ask_till_at_work.)
        day_open = batch.run(_DAY_STILL_OPEN, {"day_id": till.day_id}) if connection.dialect.name == "sqlite" else None
        sale = batch.run(_INSERT_SALE, sale_row)
    _check_claims(connection, claims)
    if day_open is not None and not day_open.ran.rows:
        raise till_closed(till.code)
    sale_id, number = sale.ran.first()
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
    _write_sale_rows(connection, receipt, till=till, cashier=cashier, priced=priced, items=items)
    _forget_claimed(session, {item.id for item in items})
    return receipt


def checkout(session: Session, *, till: Till, cashier: User, lines: list[LineRequest],
             payments: list[PaymentRequest], training: bool = False, at: datetime | None = None) -> Sale:
    """``sell``, answered with the sale as an ORM object (the till pages, the demo and the tests)."""
    receipt = sell(session, till_code=till.code, cashier=cashier, lines=lines, payments=payments,
                   training=training, at=at)
    return session.get_one(Sale, receipt.sale_id)


_ITEMS, _CART_LINES, _DAYS = Item.__table__, CartLine.__table__, TillDay.__table__
# Compiled once per database and run on the driver's cursor (boutique.core.prepared): the checkout is the
# shop's busiest write, and SQLAlchemy's execution layer cost more than the SQL itself.
_DELETE_CART_LINE = Prepared(delete(_CART_LINES).where(_CART_LINES.c.item_id == bindparam("item_id")))
# The claim takes the item only as the sale priced it: still for sale, and its pricing columns as the
# sale read them. A re-price committed in between leaves the row count at 0, and the sale is refused
# rather than charging a price the item's record no longer says (the row lock the claim then holds
# makes a re-price after it wait, find the item sold and lose).
_CLAIM = Prepared(_ITEMS.update()
                  .where(_ITEMS.c.id == bindparam("item_id"), _ITEMS.c.status == ItemStatus.for_sale,
                         _ITEMS.c.price_ore == bindparam("price_ore"), _ITEMS.c.priced_at == bindparam("priced_at"),
                         _ITEMS.c.markdown_exempt == bindparam("markdown_exempt"),
                         _ITEMS.c.floor_price_ore.is_not_distinct_from(bindparam("floor_price_ore")))
                  .values(status=ItemStatus.sold, updated_at=bindparam("moment"), location_id=bindparam("location_id")))
_STATUS = Prepared(select(_ITEMS.c.status).where(_ITEMS.c.id == bindparam("item_id")))
_DAY_STILL_OPEN = Prepared(select(_DAYS.c.id).where(_DAYS.c.id == bindparam("day_id"),
                                                    _DAYS.c.status == DayStatus.open))
# The receipt number is the one the same batch took (counters.take_in), read by the server: the sale
# need not wait for it to come back.
_INSERT_SALE = Prepared.insert(
    Sale.__table__, "till_id", "till_day_id", "training", "is_return", "original_sale_id", "cashier_id",
    "created_at", "sales_day", "total_ore", "rounding_ore", "change_ore", "discount_ore",
    computed={"receipt_number": counters.standing(bindparam("series"))}, returning=["id", "receipt_number"])
_INSERT_LINES = Prepared.insert(
    SaleLine.__table__, "sale_id", "position", "item_id", "description", "category_id", "voucher_id",
    "vat_rate_percent",
    "asking_ore", "markdown_percent", "price_ore", "discount_ore", "discount_reason", "discount_approved_by_id",
    "amount_ore", "is_return", "training", "returned", "original_line_id")
_INSERT_PAYMENTS = Prepared.insert(Payment.__table__, "sale_id", "method", "amount_ore", "tendered_ore",
                                   "change_ore", "reference")
_INSERT_VAT = Prepared.insert(SaleVat.__table__, "sale_id", "rate_percent", "gross_ore", "vat_ore")
_INSERT_EVENTS = Prepared.insert(ItemEvent.__table__, "item_id", "event", "from_status", "to_status", "at",
                                 "by_user_id", "location_id", "details")


def _write_sale_rows(connection, receipt: Receipt, *, till: TillAtWork, cashier: User, priced: list[PricedLine],
                     items: list[ItemRef]) -> None:
    """The sale's lines, payments and VAT rows, and the claimed items' events: one insert per table,
    all in one batch; the cart lines that held the items go."""
    sale_id = receipt.sale_id
    lines = [{"sale_id": sale_id, "position": position, "item_id": line.item.id if line.item else None,
              "description": line.description, "category_id": line.category.id if line.category else None,
              "voucher_id": line.voucher_id,
              "vat_rate_percent": line.vat_rate_percent, "asking_ore": line.asking_ore,
              "markdown_percent": line.markdown_percent, "price_ore": line.price_ore,
              "discount_ore": line.discount_ore, "discount_reason": line.discount_reason,
              "discount_approved_by_id": line.approved_by_id, "amount_ore": line.amount_ore, "is_return": False,
              "training": receipt.training, "returned": False, "original_line_id": None}
             for position, line in enumerate(priced, start=1)]
    payments = [{"sale_id": sale_id, "method": p.method, "amount_ore": p.amount_ore, "tendered_ore": p.tendered_ore,
                 "change_ore": p.change_ore, "reference": p.reference} for p in receipt.payments]
    vat = [{"sale_id": sale_id, "rate_percent": row.rate_percent, "gross_ore": row.gross_ore,
            "vat_ore": row.vat_ore} for row in receipt.vat]
    events = [{"item_id": item.id, "event": "sold", "from_status": ItemStatus.for_sale,
               "to_status": ItemStatus.sold, "at": receipt.created_at, "by_user_id": cashier.id,
               "location_id": till.location_id,
               "details": _sold_details(item, till, sale_id=sale_id, receipt_number=receipt.receipt_number)}
              for item in items]
    with together(connection) as batch:
        batch.run_many(_INSERT_LINES, lines)
        batch.run_many(_INSERT_PAYMENTS, payments)
        batch.run_many(_INSERT_VAT, vat)  # none when no category is VAT-liable
        batch.run_many(_INSERT_EVENTS, events)
        batch.run_many(_DELETE_CART_LINE, [{"item_id": item.id} for item in items if item.in_cart])


def _sold_details(item: ItemRef, till: TillAtWork, *, sale_id: int, receipt_number: int) -> dict:
    """The sold event's details; an item sold at another place's till was moved there by the claim."""
    details = {"sale_id": sale_id, "till": till.code, "receipt_number": receipt_number}
    if item.location_id != till.location_id:
        details["moved_from"] = item.location_code
    return details


def _claim_values(item: ItemRef, moment: datetime, location_id: int) -> dict:
    return {"item_id": item.id, "moment": moment, "location_id": location_id,
            "price_ore": item.price_ore, "priced_at": item.priced_at,
            "markdown_exempt": item.markdown_exempt, "floor_price_ore": item.floor_price_ore}


def _check_claims(connection, claims: list[tuple[ItemRef, Later]]) -> None:
    """One conditional UPDATE per item was sent, ascending ids; a row count of 0 means someone else
    sold it, or re-priced it since the sale read its price (the caller rolls the whole sale back)."""
    for item, claim in claims:
        if claim.ran.rowcount != 1:
            status = _STATUS.run(connection, {"item_id": item.id}).scalar_one()
            if status != ItemStatus.for_sale:
                raise unavailable(replace(item, status=status))
            raise Conflict(_l("The price of %(name)s (%(code)s) was changed at the same moment. Nothing was sold: "
                              "check the total and pay again.", name=item_label(item), code=item.code),
                           code="price_changed", details={"item": item.code})


def _forget_claimed(session: Session, item_ids: set[int]) -> None:
    """The claim went past the ORM: an Item object the caller holds would still say for sale."""
    for held in list(session.identity_map.values()):
        if isinstance(held, Item) and held.id in item_ids:
            session.expire(held, ["status", "updated_at"])


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
