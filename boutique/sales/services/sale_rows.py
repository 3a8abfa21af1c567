"""The sale's rows written with Core statements run through the session: the checkout's writes.

A checkout is the shop's busiest write, and the ORM's unit of work cost several times the CPU of the
same rows inserted as plain statements (issue 22's measurements). These statements are built once from the
models' tables (SQLAlchemy's compiled cache then finds them) and run on the session's own connection
(``session.connection().execute``: the ORM has nothing to add to a table's statement, and skipping its
layer is ~4 % of a checkout's Python calls), so the SQLite write lock, the query counters and every other
listener hear them as any other statement.
What the ORM already holds of a sale it did not write reads it fresh (``checkout`` loads the Sale).
"""

from sqlalchemy import bindparam, delete, exists, insert, select
from sqlalchemy.orm import Session

from boutique.sales.cart_models import CartLine
from boutique.sales.day_models import DayStatus, TillDay
from boutique.sales.models import IdempotencyRecord, Payment, Sale, SaleLine, SaleVat
from boutique.sales.serialize import Receipt
from boutique.sales.services.idempotency import SaleKey
from boutique.sales.services.lines import PricedLine

_SALES, _DAYS, _CART_LINES = Sale.__table__, TillDay.__table__, CartLine.__table__
_SALE_COLUMNS = ("till_id", "till_day_id", "receipt_number", "training", "is_return", "original_sale_id",
                 "cashier_id", "created_at", "sales_day", "total_ore", "rounding_ore", "change_ore", "discount_ore")
# The sale is written only while its day is still open: on SQLite the sale's reads ran before the write lock
# (web.view_transactions.lock_at_first_write) and a close could have come in between; on PostgreSQL the
# day's row is held FOR SHARE since till_at_work, so the check always holds there. Folded into the insert
# (INSERT ... SELECT ... WHERE EXISTS) so that it costs no statement of its own.
_INSERT_SALE = insert(_SALES).from_select(
    _SALE_COLUMNS,
    select(*(bindparam(name, type_=_SALES.c[name].type) for name in _SALE_COLUMNS))
    .where(exists().where(_DAYS.c.id == bindparam("till_day_id"), _DAYS.c.status == DayStatus.open)),
).returning(_SALES.c.id)
_INSERT_LINES, _INSERT_PAYMENTS, _INSERT_VAT = insert(SaleLine.__table__), insert(Payment.__table__), insert(
    SaleVat.__table__)
_INSERT_KEY = insert(IdempotencyRecord.__table__)
_DELETE_CART_LINES = delete(_CART_LINES).where(_CART_LINES.c.item_id.in_(bindparam("item_ids", expanding=True)))


def insert_sale(session: Session, row: dict) -> int | None:
    """The sale's own row (``row`` names every column of ``_SALE_COLUMNS``); its id, or None when its day
    was closed in the meantime."""
    return session.connection().execute(_INSERT_SALE, row).scalar()


def insert_receipt_rows(session: Session, receipt: Receipt, priced: list[PricedLine]) -> None:
    """The sale's lines, payments and VAT rows: one insert per table."""
    sale_id = receipt.sale_id
    session.connection().execute(_INSERT_LINES, [
        {"sale_id": sale_id, "position": position, "item_id": line.item.id if line.item else None,
         "description": line.description, "category_id": line.category.id if line.category else None,
         "voucher_id": line.voucher_id, "vat_rate_percent": line.vat_rate_percent, "asking_ore": line.asking_ore,
         "markdown_percent": line.markdown_percent, "price_ore": line.price_ore, "discount_ore": line.discount_ore,
         "discount_reason": line.discount_reason, "discount_approved_by_id": line.approved_by_id,
         "amount_ore": line.amount_ore, "is_return": False, "training": receipt.training, "returned": False,
         "original_line_id": None}
        for position, line in enumerate(priced, start=1)])
    session.connection().execute(_INSERT_PAYMENTS, [
        {"sale_id": sale_id, "method": p.method, "amount_ore": p.amount_ore, "tendered_ore": p.tendered_ore,
         "change_ore": p.change_ore, "reference": p.reference} for p in receipt.payments])
    if receipt.vat:  # none when no category is VAT-liable
        session.connection().execute(_INSERT_VAT, [{"sale_id": sale_id, "rate_percent": row.rate_percent,
                                       "gross_ore": row.gross_ore, "vat_ore": row.vat_ore} for row in receipt.vat])


def delete_cart_lines(session: Session, item_ids: list[int]) -> None:
    """The cart lines that held items just sold (whichever till's cart they were in)."""
    if item_ids:
        session.connection().execute(_DELETE_CART_LINES, {"item_ids": item_ids})


def insert_key(session: Session, key: SaleKey, *, sale_id: int, answer: dict | None) -> None:
    """The sale's idempotency key, with the answer kept for a replay; a twin that holds the key already makes
    this fail with an IntegrityError (idempotency.earlier_sale then finds the twin)."""
    session.connection().execute(_INSERT_KEY, {"scope": key.scope, "key": key.key, "request_hash": key.digest,
                                  "sale_id": sale_id, "status_code": 201, "response": answer})
