"""Checkout: claim the items, number the receipt and write the sale, all in the caller's transaction.

Each item is claimed with one conditional UPDATE (``... WHERE status = 'for_sale'``, row count
checked), in ascending id order so two overlapping sales cannot deadlock. The loser of a race gets
409 item_unavailable and the caller rolls back: no receipt number, line or payment is left behind.
The partial unique index on active sale lines is the backstop.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from boutique import clock, counters
from boutique.auth.models import User
from boutique.errors import Conflict, InvalidInput
from boutique.items.models import Item, ItemStatus
from boutique.items.status import record_event
from boutique.places.models import Till
from boutique.sales.arithmetic import Settlement, cart_total, settle
from boutique.sales.lines import LineRequest, PricedLine, price_lines, unavailable
from boutique.sales.models import CartLine, Payment, PaymentMethod, Sale, SaleLine, SaleVat
from boutique.sales.settings import till_settings
from boutique.sales.tillday import require_open_day
from boutique.sales.vat import vat_rows


@dataclass(frozen=True)
class PaymentRequest:
    method: PaymentMethod | str
    amount_ore: int


def receipt_series(till: Till, *, training: bool = False) -> str:
    return f"training:{till.code}" if training else f"receipt:{till.code}"


def check_methods(allowed: list[PaymentMethod], methods) -> None:
    for method in methods:
        if PaymentMethod(method) not in allowed:
            raise InvalidInput(_l("The shop does not take %(method)s at the till.", method=str(method)),
                               code="method_not_allowed")


def checkout(session: Session, *, till: Till, cashier: User, lines: list[LineRequest],
             payments: list[PaymentRequest], training: bool = False, at: datetime | None = None) -> Sale:
    """Sell ``lines`` at ``till``: 409 till_closed / item_unavailable, 422 for a short payment.
    Everything is checked before the first write; the caller commits, or rolls back on any error."""
    moment = at or clock.now()
    day = require_open_day(session, till)
    settings = till_settings(session)
    priced = price_lines(session, lines, cashier=cashier, limit_percent=settings.discount_limit_percent, at=moment)
    total = cart_total(line.amount_ore for line in priced)
    check_methods(settings.methods, [p.method for p in payments if p.amount_ore])
    settlement = settle(total, [(p.method, p.amount_ore) for p in payments])
    items = sorted((line.item for line in priced if line.item is not None), key=lambda item: item.id)
    if not training:
        _claim(session, items, moment)
    sale = Sale(till_id=till.id, till_day_id=day.id, training=training, is_return=False, cashier_id=cashier.id,
                receipt_number=counters.take(session, receipt_series(till, training=training)),
                created_at=moment, sales_day=clock.sales_day(moment), total_ore=total,
                rounding_ore=settlement.rounding_ore, change_ore=settlement.change_ore,
                discount_ore=sum(line.discount_ore for line in priced))
    sale.lines = [_sale_line(position, line, training) for position, line in enumerate(priced, start=1)]
    sale.payments = payment_rows(settlement)
    sale.vat_rows = [SaleVat(rate_percent=row.rate_percent, gross_ore=row.gross_ore, vat_ore=row.vat_ore)
                     for row in vat_rows((line.vat_rate_percent, line.amount_ore) for line in priced)]
    session.add(sale)
    session.flush()
    if not training:
        for item in items:
            record_event(session, item, event="sold", new_status=ItemStatus.sold, old_status=ItemStatus.for_sale,
                         by_user_id=cashier.id, location_id=till.location_id, at=moment,
                         details={"sale_id": sale.id, "till": till.code, "receipt_number": sale.receipt_number})
        if items:
            session.execute(delete(CartLine).where(CartLine.item_id.in_([item.id for item in items])))
    session.flush()
    return sale


def _claim(session: Session, items: list[Item], moment: datetime) -> None:
    """One conditional UPDATE per item, ascending ids; a row count of 0 means someone else sold it."""
    for item in items:
        claimed = session.execute(
            update(Item).where(Item.id == item.id, Item.status == ItemStatus.for_sale)
            .values(status=ItemStatus.sold, updated_at=moment)
            .execution_options(synchronize_session=False))
        if claimed.rowcount != 1:
            session.refresh(item)
            raise unavailable(item) if item.status != ItemStatus.for_sale else Conflict(
                _l("Item %(code)s was sold at the same moment. Scan it again.", code=item.code),
                code="item_unavailable", details={"item": item.code})
        set_committed_value(item, "status", ItemStatus.sold)
        set_committed_value(item, "updated_at", moment)


def _sale_line(position: int, line: PricedLine, training: bool) -> SaleLine:
    return SaleLine(position=position, item_id=line.item.id if line.item else None, description=line.description,
                    category_id=line.category.id, vat_rate_percent=line.vat_rate_percent,
                    asking_ore=line.asking_ore, markdown_percent=line.markdown_percent, price_ore=line.price_ore,
                    discount_ore=line.discount_ore, discount_reason=line.discount_reason,
                    discount_approved_by_id=line.approved_by_id, amount_ore=line.amount_ore,
                    is_return=False, training=training, returned=False)


def payment_rows(settlement: Settlement) -> list[Payment]:
    rows = []
    for method, amount in settlement.by_method().items():
        if method == PaymentMethod.cash:
            rows.append(Payment(method=method, amount_ore=amount,
                                tendered_ore=settlement.tendered_ore or None, change_ore=settlement.change_ore))
        else:
            rows.append(Payment(method=method, amount_ore=amount, tendered_ore=None, change_ore=0))
    return rows


def lost_race(session: Session, codes: list[str]) -> Conflict:
    """After the backstop index refused a line (and the caller rolled back): name an item that is no
    longer for sale."""
    sold = session.scalar(select(Item.code).where(Item.code.in_([c.strip() for c in codes]),
                                                  Item.status != ItemStatus.for_sale))
    return Conflict(_l("Item %(code)s was sold at the same moment. Scan it again.", code=sold or "?"),
                    code="item_unavailable", details={"item": sold})
