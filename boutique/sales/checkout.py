"""Checkout: claim the items, number the receipt and write the sale, all in the caller's transaction.

Each item is claimed with one conditional UPDATE (``... WHERE status = 'for_sale'``, row count
checked), in ascending id order so two overlapping sales cannot deadlock. The loser of a race gets
409 item_unavailable and the caller rolls back: no receipt number, line or payment is left behind.
The partial unique index on active sale lines is the backstop.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session, make_transient_to_detached, object_session
from sqlalchemy.orm.attributes import set_committed_value

from boutique import clock, counters
from boutique.auth.models import User
from boutique.errors import Conflict, InvalidInput
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.places.models import Till
from boutique.sales.arithmetic import Settlement, cart_total, settle
from boutique.sales.lines import LineRequest, PricedLine, price_lines, unavailable
from boutique.sales.models import CartLine, DayStatus, Payment, PaymentMethod, Sale, SaleLine, SaleVat, TillDay
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
    # The writes go straight to the tables (Core), not through the ORM's unit of work: a checkout is
    # the hottest write in the shop and a flush of the sale's object graph cost more than the rest.
    connection = session.connection()
    if not training:
        _claim(connection, items, moment)
    sale = Sale(till_id=till.id, till_day_id=day.id, training=training, is_return=False, original_sale_id=None,
                cashier_id=cashier.id, receipt_number=counters.take(session, receipt_series(till, training=training)),
                created_at=moment, sales_day=clock.sales_day(moment), total_ore=total,
                rounding_ore=settlement.rounding_ore, change_ore=settlement.change_ore,
                discount_ore=sum(line.discount_ore for line in priced))
    # The day again, now inside the writes: on SQLite a view may have read it before the write lock
    # (see db.lock_at_first_write), and a close could have come in between. (PostgreSQL holds the
    # day's row FOR SHARE since require_open_day.)
    if connection.dialect.name == "sqlite" and connection.execute(_DAY_STILL_OPEN, {"day_id": day.id}).first() is None:
        raise Conflict(_l("Till %(till)s is closed. Open it with a cash float first.", till=till.code),
                       code="till_closed")
    _insert(connection, [sale])
    lines = [_sale_line(sale.id, position, line, training) for position, line in enumerate(priced, start=1)]
    payments = payment_rows(settlement)
    vat = [SaleVat(rate_percent=row.rate_percent, gross_ore=row.gross_ore, vat_ore=row.vat_ore)
           for row in vat_rows((line.vat_rate_percent, line.amount_ore) for line in priced)]
    for row in (*payments, *vat):
        row.sale_id = sale.id
    _insert(connection, lines)
    _insert(connection, payments)
    _insert(connection, vat)
    if items:
        connection.execute(_ITEM_EVENTS.insert(), [{
            "item_id": item.id, "event": "sold", "from_status": ItemStatus.for_sale, "to_status": ItemStatus.sold,
            "at": moment, "by_user_id": cashier.id, "location_id": till.location_id,
            "details": {"sale_id": sale.id, "till": till.code, "receipt_number": sale.receipt_number}}
            for item in items])
        connection.execute(_DELETE_CART_LINES, {"item_ids": [item.id for item in items]})
    for line, priced_line in zip(lines, priced, strict=True):
        set_committed_value(line, "item", priced_line.item)
        set_committed_value(line, "category", priced_line.category)
    for name, value in (("lines", lines), ("payments", payments), ("vat_rows", vat), ("till", till),
                        ("cashier", cashier), ("till_day", day), ("original", None), ("copy", None)):
        set_committed_value(sale, name, value)
    for row in (sale, *lines, *payments, *vat):
        make_transient_to_detached(row)
    session.add(sale)  # persistent as it was written: nothing left for the unit of work to flush
    return sale


_ITEM_EVENTS, _ITEMS = ItemEvent.__table__, Item.__table__
# Built once: prebuilt statements keep their cache keys, so each checkout skips compiling them again.
_DELETE_CART_LINES = delete(CartLine.__table__).where(
    CartLine.__table__.c.item_id.in_(bindparam("item_ids", expanding=True)))
_CLAIM = (_ITEMS.update().where(_ITEMS.c.id == bindparam("item_id"), _ITEMS.c.status == ItemStatus.for_sale)
          .values(status=ItemStatus.sold, updated_at=bindparam("moment")))
_DAY_STILL_OPEN = select(TillDay.__table__.c.id).where(TillDay.__table__.c.id == bindparam("day_id"),
                                                     TillDay.__table__.c.status == DayStatus.open)
_INSERTS = {model: model.__table__.insert().returning(model.__table__.c.id, sort_by_parameter_order=True)
            for model in (Sale, SaleLine, Payment, SaleVat)}


def _insert(connection, rows: list) -> None:
    """Insert new ORM objects with Core (one statement per table) and give each its id."""
    if not rows:
        return
    table = type(rows[0]).__table__
    # A column nobody set and that has a default is left out, so the table's default applies.
    columns = [column.key for column in table.columns if column.key != "id" and not (
        column.default is not None and all(getattr(row, column.key) is None for row in rows))]
    values = [{key: getattr(row, key) for key in columns} for row in rows]
    for row, (new_id,) in zip(rows, connection.execute(_INSERTS[type(rows[0])], values), strict=True):
        row.id = new_id


def _claim(connection, items: list[Item], moment: datetime) -> None:
    """One conditional UPDATE per item, ascending ids; a row count of 0 means someone else sold it."""
    for item in items:
        if connection.execute(_CLAIM, {"item_id": item.id, "moment": moment}).rowcount != 1:
            session = object_session(item)
            session.refresh(item)
            raise unavailable(item) if item.status != ItemStatus.for_sale else Conflict(
                _l("Item %(code)s was sold at the same moment. Scan it again.", code=item.code),
                code="item_unavailable", details={"item": item.code})
        set_committed_value(item, "status", ItemStatus.sold)
        set_committed_value(item, "updated_at", moment)


def _sale_line(sale_id: int, position: int, line: PricedLine, training: bool) -> SaleLine:
    return SaleLine(sale_id=sale_id, position=position, item_id=line.item.id if line.item else None,
                    description=line.description, category_id=line.category.id,
                    vat_rate_percent=line.vat_rate_percent, asking_ore=line.asking_ore,
                    markdown_percent=line.markdown_percent, price_ore=line.price_ore,
                    discount_ore=line.discount_ore, discount_reason=line.discount_reason,
                    discount_approved_by_id=line.approved_by_id, amount_ore=line.amount_ore,
                    is_return=False, training=training, returned=False, original_line_id=None)


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
