"""Turning what the till was asked to sell into priced receipt lines (items, manual lines, gift vouchers)."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.catalog.models import Category
from boutique.catalog.services import get_category
from boutique.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from boutique.core.limits import is_whole
from boutique.core.money import MAX_ORE
from boutique.items.codes import parse_item_code
from boutique.items.labels import STATUS_PHRASES
from boutique.items.models import Item, ItemStatus
from boutique.places.models import Location
from boutique.pricing.markdown import item_shelf_price
from boutique.sales.arithmetic import discount_amount, discount_percent
from boutique.sales.cart_models import CartLine

MAX_LINES = 200


@dataclass
class LineRequest:
    """One line to sell: ``code`` for an item, ``description`` + ``category`` + ``price_ore``, or a gift
    voucher for ``voucher_ore``."""

    code: str | None = None
    description: str | None = None
    category: str | None = None
    price_ore: int | None = None
    discount_kind: str | None = None  # "amount" | "percent"
    discount_value: int | None = None
    discount_reason: str | None = None
    approved_by: User | None = None
    voucher_ore: int | None = None


@dataclass(frozen=True, slots=True)
class CategoryRef:
    """What pricing and the receipt need of a category (read with Core, not as an ORM object)."""

    id: int
    code: str
    name: str
    vat_rate_percent: int
    markdown_ladder: list | None


@dataclass(frozen=True, slots=True)
class ItemRef:
    """An item as the till sells it: the columns pricing, the receipt and the claim need."""

    id: int
    code: str
    status: ItemStatus
    description: str | None
    size: str | None
    price_ore: int | None
    priced_at: datetime | None
    markdown_exempt: bool
    floor_price_ore: int | None
    category: CategoryRef
    in_cart: bool  # some till's cart holds it (the checkout empties that line)
    location_id: int = 0  # where it is; a sale at another place's till moves it there
    location_code: str = ""


@dataclass
class PricedLine:
    item: ItemRef | None
    description: str
    category: CategoryRef | Category | None  # None for a gift voucher
    asking_ore: int
    markdown_percent: int
    price_ore: int
    discount_ore: int
    discount_reason: str | None
    approved_by_id: int | None
    is_voucher: bool = False
    voucher_id: int | None = None  # set when the sale issues the voucher
    voucher_code: str | None = None

    @property
    def amount_ore(self) -> int:
        return self.price_ore - self.discount_ore

    @property
    def vat_rate_percent(self) -> int:
        return self.category.vat_rate_percent if self.category is not None else 0


def item_label(item: Item | ItemRef) -> str:
    """How an item reads on the cart and the receipt: its description or category, and its size."""
    name = (item.description or item.category.name).strip()
    return f"{name}, {item.size}" if item.size else name


def unavailable(item: Item | ItemRef) -> Conflict:
    if item.status == ItemStatus.in_transit:
        message = _l("Item %(code)s (%(name)s) cannot be sold: it is in transit between places. Scan it in "
                     "at the place it is going to first.", code=item.code, name=item_label(item))
    else:
        message = _l("Item %(code)s (%(name)s) cannot be sold: it is %(status)s.", code=item.code,
                     name=item_label(item), status=STATUS_PHRASES[item.status])
    return Conflict(message,
                    code="item_unavailable", details={"item": item.code, "status": item.status.value})


def _items_statement():
    """Items by code with their categories, their place and whether a cart holds them: one select on the
    tables, the codes one expanding parameter (so one statement for any number of lines)."""
    items, categories, cart_lines, places = Item.__table__, Category.__table__, CartLine.__table__, Location.__table__
    return (
        select(items.c.id, items.c.code, items.c.status, items.c.description, items.c.size, items.c.price_ore,
               items.c.priced_at, items.c.markdown_exempt, items.c.floor_price_ore, items.c.location_id,
               categories.c.id.label("category_id"), categories.c.code.label("category_code"),
               categories.c.name.label("category_name"), categories.c.vat_rate_percent,
               categories.c.markdown_ladder, cart_lines.c.id.label("cart_line_id"),
               places.c.code.label("location_code"))
        .join(categories, categories.c.id == items.c.category_id)
        .join(places, places.c.id == items.c.location_id)
        .outerjoin(cart_lines, cart_lines.c.item_id == items.c.id)
        .where(items.c.code.in_(bindparam("codes", expanding=True))))


_ITEMS = _items_statement()


def _item_ref(row) -> ItemRef:
    category = CategoryRef(id=row.category_id, code=row.category_code, name=row.category_name,
                           vat_rate_percent=row.vat_rate_percent, markdown_ladder=row.markdown_ladder)
    return ItemRef(id=row.id, code=row.code, status=row.status, description=row.description, size=row.size,
                   price_ore=row.price_ore, priced_at=row.priced_at, markdown_exempt=row.markdown_exempt,
                   floor_price_ore=row.floor_price_ore, category=category, in_cart=row.cart_line_id is not None,
                   location_id=row.location_id, location_code=row.location_code)


def load_items(session: Session, codes: list[str]) -> dict[str, ItemRef]:
    """Items by code (with categories): 422 for a malformed code, 404 for one never issued, 422 for the
    same item twice in one sale."""
    parsed = [parse_item_code(code) for code in codes]
    if len(set(parsed)) != len(parsed):
        twice = next(code for code in parsed if parsed.count(code) > 1)
        raise InvalidInput(_l("Item %(code)s is in the sale twice; every item can be sold once.", code=twice),
                           code="duplicate_item", details={"item": twice})
    rows = session.connection().execute(_ITEMS, {"codes": parsed}).all() if parsed else ()
    items = {row.code: _item_ref(row) for row in rows}
    for code in parsed:
        if code not in items:
            raise NotFound(_l("No item has the code %(code)s.", code=code), code="item_not_found",
                           details={"item": code})
    return items


def price_lines(session: Session, requests: list[LineRequest], *, cashier: User, limit_percent: int,
                at: datetime) -> list[PricedLine]:
    """Price every line at ``at`` (markdown applied), apply discounts and check the approval limit."""
    if not requests:
        raise InvalidInput(_l("The sale has no lines."), code="empty_sale")
    if len(requests) > MAX_LINES:
        raise InvalidInput(_l("A receipt has at most %(n)d lines.", n=MAX_LINES), code="too_many_lines")
    items = load_items(session, [r.code for r in requests if r.code])
    priced = []
    for request in requests:
        if request.code:
            item = items[parse_item_code(request.code)]
            shelf = item_shelf_price(item, at=at)
            if item.status != ItemStatus.for_sale or shelf is None:
                raise unavailable(item)
            line = PricedLine(item=item, description=item_label(item), category=item.category,
                              asking_ore=shelf.asking_ore, markdown_percent=shelf.percent, price_ore=shelf.price_ore,
                              discount_ore=0, discount_reason=None, approved_by_id=None)
        elif request.voucher_ore is not None:
            line = _voucher_line(request)
        else:
            line = _manual_line(session, request)
        _apply_discount(line, request, cashier=cashier, limit_percent=limit_percent)
        priced.append(line)
    return priced


def _manual_line(session: Session, request: LineRequest) -> PricedLine:
    description = (request.description or "").strip()
    if not description or len(description) > 300:
        raise InvalidInput(_l("A manual line needs a description (at most 300 characters)."),
                           code="invalid_line")
    if not request.category:
        raise InvalidInput(_l("A manual line needs a category."), code="invalid_line")
    category = get_category(session, request.category)
    price = request.price_ore
    if not is_whole(price, low=1, high=MAX_ORE):
        raise InvalidInput(_l("A manual line needs a price of more than 0 kr."), code="invalid_price")
    return PricedLine(item=None, description=description, category=category, asking_ore=price,
                      markdown_percent=0, price_ore=price, discount_ore=0, discount_reason=None,
                      approved_by_id=None)


def _voucher_line(request: LineRequest) -> PricedLine:
    price = request.voucher_ore
    if not is_whole(price, low=1, high=MAX_ORE):
        raise InvalidInput(_l("A gift voucher is for an amount of more than 0 kr."), code="invalid_price")
    # Named in Swedish, as receipts are; the code (made when the sale is paid) goes beside it.
    return PricedLine(item=None, description="Presentkort", category=None, asking_ore=price, markdown_percent=0,
                      price_ore=price, discount_ore=0, discount_reason=None, approved_by_id=None, is_voucher=True)


def _apply_discount(line: PricedLine, request: LineRequest, *, cashier: User, limit_percent: int) -> None:
    if not request.discount_kind:
        return
    if line.is_voucher:
        raise InvalidInput(_l("A gift voucher is sold at its face value, without a discount."),
                           code="invalid_discount")
    line.discount_ore = discount_amount(line.price_ore, request.discount_kind, request.discount_value)
    reason = (request.discount_reason or "").strip()
    if not reason:
        raise InvalidInput(_l("A discount needs a reason."), code="discount_reason_required")
    line.discount_reason = reason[:200]
    if discount_percent(line.price_ore, line.discount_ore) > limit_percent:
        approver = request.approved_by or cashier
        if not approver.is_manager:
            raise Forbidden(_l("A discount over %(limit)d %% needs a supervisor's approval.", limit=limit_percent),
                            code="approval_required")
        line.approved_by_id = approver.id
