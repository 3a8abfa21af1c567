"""Read-side selects for the till pages: tills and their days, recent receipts, finding a sale."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload

from boutique.catalog.models import Category
from boutique.core.errors import NotFound
from boutique.items.codes import parse_item_code
from boutique.items.models import Item, ItemStatus
from boutique.places.models import Location, Till
from boutique.pricing.markdown import ShelfPrice, parse_ladder, shelf_price
from boutique.sales.cart_models import Cart, CartLine
from boutique.sales.day_models import DayStatus, TillDay, ZReport
from boutique.sales.models import Sale, SaleLine


@dataclass(frozen=True)
class TillRow:
    till: Till
    day: TillDay | None


def tills_overview(session: Session) -> list[TillRow]:
    tills = session.scalars(select(Till).join(Till.location).where(Till.active, Location.active)
                            .options(selectinload(Till.location)).order_by(Till.code)).all()
    days = {day.till_id: day for day in session.scalars(select(TillDay).where(TillDay.status == DayStatus.open))}
    return [TillRow(till, days.get(till.id)) for till in tills]


def recent_receipts(session: Session, till: Till, *, limit: int = 20) -> list[Sale]:
    return list(session.scalars(
        select(Sale).where(Sale.till_id == till.id).options(selectinload(Sale.payments))
        .order_by(Sale.created_at.desc(), Sale.id.desc()).limit(limit)))


def sale_of_item(session: Session, code_text: str) -> Sale | None:
    """The (real) sale an item was last sold in, for returns found by scanning the item."""
    code = parse_item_code(code_text)
    return session.scalar(
        select(Sale).join(SaleLine, SaleLine.sale_id == Sale.id).join(Item, Item.id == SaleLine.item_id)
        .where(Item.code == code, SaleLine.is_return.is_(False), SaleLine.training.is_(False))
        .order_by(Sale.id.desc()).limit(1))


def z_reports(session: Session, till: Till, *, limit: int = 30) -> list[ZReport]:
    return list(session.scalars(select(ZReport).where(ZReport.till_id == till.id)
                                .order_by(ZReport.z_number.desc()).limit(limit)))


def get_z_report(session: Session, till: Till, z_number: int) -> ZReport | None:
    return session.scalar(select(ZReport).where(ZReport.till_id == till.id, ZReport.z_number == z_number)
                          .options(selectinload(ZReport.vat_rows), selectinload(ZReport.payment_rows)))


@dataclass(frozen=True)
class Scanned:
    code: str
    label: str
    status: ItemStatus
    shelf: ShelfPrice | None
    in_cart_of: str | None

    @property
    def available(self) -> bool:
        return self.status == ItemStatus.for_sale and self.shelf is not None


def _scan_statement():
    """The till joined to the scanned item, its category and any cart holding it: one select on the
    tables, built once. No row: no such till; a row without an item: no such item."""
    tills, items, categories = Till.__table__, Item.__table__, Category.__table__
    cart_lines, carts, holder = CartLine.__table__, Cart.__table__, Till.__table__.alias("holder")
    return (
        select(items.c.code, items.c.status, items.c.description, items.c.size, items.c.price_ore,
               items.c.priced_at, items.c.markdown_exempt, items.c.floor_price_ore, categories.c.name,
               categories.c.markdown_ladder, holder.c.code.label("holder"))
        .select_from(tills)
        .outerjoin(items, items.c.code == bindparam("code"))
        .outerjoin(categories, categories.c.id == items.c.category_id)
        .outerjoin(cart_lines, cart_lines.c.item_id == items.c.id)
        .outerjoin(carts, carts.c.id == cart_lines.c.cart_id)
        .outerjoin(holder, holder.c.id == carts.c.till_id)
        .where(tills.c.code == bindparam("till")))


_SCAN = _scan_statement()


def scan_lookup(session: Session, *, till_code: str, code_text: str) -> Scanned:
    """What a scanned code is at a till (the hot path of every scan): 422 for a malformed code, 404 for an
    unknown till or item."""
    code = parse_item_code(code_text)
    row = session.connection().execute(_SCAN, {"code": code, "till": str(till_code).strip().upper()}).first()
    if row is None:
        raise NotFound(_l("No such till: %(code)s", code=till_code), code="till_not_found")
    if row.code is None:
        raise NotFound(_l("No item has the code %(code)s.", code=code), code="item_not_found")
    shelf = None
    if row.price_ore is not None and row.priced_at is not None:
        shelf = shelf_price(asking_ore=row.price_ore, priced_at=row.priced_at, ladder=parse_ladder(row.markdown_ladder),
                            exempt=row.markdown_exempt, floor_ore=row.floor_price_ore)
    name = (row.description or row.name).strip()
    return Scanned(code=row.code, label=f"{name}, {row.size}" if row.size else name, status=row.status, shelf=shelf,
                   in_cart_of=row.holder)


def cart_at(session: Session, till: Till | str) -> Cart | None:
    """A till's cart (by the till or its code), read and never made: a screen such as the Z-report must
    not write."""
    if isinstance(till, Till):
        return session.scalar(select(Cart).where(Cart.till_id == till.id))
    return session.scalar(select(Cart).join(Till, Cart.till_id == Till.id).where(Till.code == till))
