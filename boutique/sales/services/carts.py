"""The till's cart, kept on the server: scan items in, add manual lines and gift vouchers, discount,
remove, clear.

An item is in one cart at a time (a unique index), so a second till scanning it is told which
till has it. Prices are not stored: the cart shows, and the sale charges, the shelf price of the
moment (markdown applied).
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from boutique.auth.models import User
from boutique.catalog.services import get_category
from boutique.core import clock
from boutique.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from boutique.core.limits import is_whole
from boutique.items.models import Item, ItemStatus
from boutique.items.services import get_item
from boutique.places.models import Till
from boutique.pricing.markdown import item_shelf_price
from boutique.sales.arithmetic import discount_amount, discount_percent
from boutique.sales.cart_models import Cart, CartLine
from boutique.sales.services.lines import LineRequest, item_label, unavailable

MAX_CART_LINES = 200


def new_key() -> str:
    return secrets.token_hex(16)


def get_cart(session: Session, till: Till) -> Cart:
    """The till's cart, created empty the first time."""
    cart = session.scalar(select(Cart).where(Cart.till_id == till.id).options(
        selectinload(Cart.lines).selectinload(CartLine.item).selectinload(Item.category),
        selectinload(Cart.lines).selectinload(CartLine.item).selectinload(Item.location)))
    if cart is None:
        cart = Cart(till_id=till.id, checkout_key=new_key(), training=False)
        try:
            with session.begin_nested():
                session.add(cart)
        except IntegrityError:  # another request created it first
            cart = session.scalar(select(Cart).where(Cart.till_id == till.id))
    return cart


def _check_room(cart: Cart) -> None:
    if len(cart.lines) >= MAX_CART_LINES:
        raise InvalidInput(_l("The cart is full (%(n)d lines). Pay for these first.", n=MAX_CART_LINES),
                           code="cart_full")


def add_item(session: Session, cart: Cart, *, code: str) -> CartLine:
    """Put a scanned item in the cart: 422 bad code, 404 unknown, 409 sold / not priced / in a cart."""
    item = get_item(session, code)
    if item.status != ItemStatus.for_sale or item_shelf_price(item) is None:
        raise unavailable(item)
    holder = session.scalar(select(CartLine).where(CartLine.item_id == item.id))
    if holder is not None:
        raise _in_cart(holder, cart, item)
    _check_room(cart)
    line = CartLine(item=item)
    try:
        with session.begin_nested():
            cart.lines.append(line)
            session.flush()
    except IntegrityError:  # another till took it between our check and our insert
        holder = session.scalar(select(CartLine).where(CartLine.item_id == item.id))
        raise _in_cart(holder, cart, item) from None
    return line


def _in_cart(holder: CartLine | None, cart: Cart, item: Item) -> Conflict:
    if holder is not None and holder.cart_id == cart.id:
        return Conflict(_l("%(name)s is already in this cart.", name=item_label(item)), code="already_in_cart",
                        details={"item": item.code})
    till = holder.cart.till.code if holder is not None else "?"
    return Conflict(_l("%(name)s (%(code)s) is in till %(till)s's cart. Remove it there first.",
                       name=item_label(item), code=item.code, till=till),
                    code="item_in_other_cart", details={"item": item.code, "till": till})


def add_manual(session: Session, cart: Cart, *, description: str, category: str, price_ore: int) -> CartLine:
    """A line for unlabelled small goods: a description, a category and a price."""
    description = (description or "").strip()
    if not description or len(description) > 300:
        raise InvalidInput(_l("A manual line needs a description (at most 300 characters)."), code="invalid_line")
    if not is_whole(price_ore, low=1):  # up to MAX_ORE, the database integer
        raise InvalidInput(_l("A manual line needs a price of more than 0 kr."), code="invalid_price")
    _check_room(cart)
    line = CartLine(description=description, category=get_category(session, category), price_ore=price_ore)
    cart.lines.append(line)
    session.flush()
    return line


def add_voucher(session: Session, cart: Cart, *, amount_ore: int) -> CartLine:
    """A gift voucher to sell for ``amount_ore`` (checked again by the checkout); its code is made when the
    sale is paid."""
    if cart.training:
        raise InvalidInput(_l("Gift vouchers are neither sold nor redeemed in training mode."),
                           code="voucher_in_training")
    _check_room(cart)
    line = CartLine(price_ore=amount_ore, is_voucher=True)
    cart.lines.append(line)
    session.flush()
    return line


def get_line(cart: Cart, line_id: int) -> CartLine:
    for line in cart.lines:
        if line.id == line_id:
            return line
    raise NotFound(_l("That line is no longer in the cart."), code="line_not_found")


def remove_line(session: Session, cart: Cart, *, line_id: int) -> None:
    line = get_line(cart, line_id)
    cart.lines.remove(line)
    session.flush()


def clear(session: Session, cart: Cart) -> None:
    cart.lines.clear()
    session.flush()


def line_price(line: CartLine, at: datetime | None = None) -> int | None:
    """What the line costs before a discount: the item's shelf price, or the manual price."""
    if line.item is None:
        return line.price_ore
    shelf = item_shelf_price(line.item, at=at)
    return shelf.price_ore if shelf else None


def set_discount(session: Session, cart: Cart, *, line_id: int, kind: str, value: int, reason: str,
                 actor: User, approver: User | None, limit_percent: int) -> CartLine:
    """A line discount (amount or %) with a reason; over ``limit_percent`` it needs a supervisor
    (the actor, or an approver who scanned a badge and typed a PIN)."""
    line = get_line(cart, line_id)
    price = line_price(line)
    if price is None:
        raise unavailable(line.item)
    if line.is_voucher:
        raise InvalidInput(_l("A gift voucher is sold at its face value, without a discount."), code="invalid_discount")
    discount = discount_amount(price, kind, value)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_l("A discount needs a reason."), code="discount_reason_required")
    approved_by = None
    if discount_percent(price, discount) > limit_percent:
        approved_by = next((u for u in (actor, approver) if u is not None and u.is_manager), None)
        if approved_by is None:
            raise Forbidden(_l("A discount over %(limit)d %% needs a supervisor's approval.", limit=limit_percent),
                            code="approval_required")
    line.discount_kind, line.discount_value, line.discount_reason = kind, value, reason[:200]
    line.discount_approved_by_id = approved_by.id if approved_by else None
    session.flush()
    return line


def remove_discount(session: Session, cart: Cart, *, line_id: int) -> None:
    line = get_line(cart, line_id)
    line.discount_kind = line.discount_value = line.discount_reason = line.discount_approved_by_id = None
    session.flush()


def set_training(session: Session, cart: Cart, *, on: bool) -> None:
    if cart.lines and cart.training != on:
        raise Conflict(_l("Empty the cart before switching training mode."), code="cart_not_empty")
    cart.training = on
    session.flush()


def set_cashier(session: Session, cart: Cart, *, cashier: User) -> None:
    cart.cashier_id = cashier.id
    cart.cashier = cashier
    session.flush()


def line_requests(session: Session, cart: Cart) -> list[LineRequest]:
    """The cart as lines for checkout (discount approvers loaded)."""
    requests = []
    for line in cart.lines:
        approver = session.get(User, line.discount_approved_by_id) if line.discount_approved_by_id else None
        common = {"discount_kind": line.discount_kind, "discount_value": line.discount_value,
                  "discount_reason": line.discount_reason, "approved_by": approver}
        if line.item is not None:
            requests.append(LineRequest(code=line.item.code, **common))
        elif line.is_voucher:
            requests.append(LineRequest(voucher_ore=line.price_ore))
        else:
            requests.append(LineRequest(description=line.description, category=line.category.code,
                                        price_ore=line.price_ore, **common))
    return requests


@dataclass(frozen=True)
class Unfinished:
    """A sale begun and not paid: the till's cart still holding lines (SKVFS 2014:9 counts them)."""

    count: int
    amount_ore: int


def unfinished(session: Session, till_id: int) -> Unfinished:
    """The till's unfinished sale, priced as the till would charge it now. A training cart is not a
    sale (its lines would never have sold anything), so it is not counted."""
    cart = session.scalar(select(Cart).where(Cart.till_id == till_id).options(
        selectinload(Cart.lines).selectinload(CartLine.item).selectinload(Item.category)))
    if cart is None or not cart.lines or cart.training:
        return Unfinished(0, 0)
    return Unfinished(1, cart_view(cart).total_ore)


def empty_at_close(session: Session, till_id: int) -> None:
    """The day is over: the till's cart lets go of its lines, so its items can be scanned at any till
    again, and the next sale gets a new key."""
    cart = session.scalar(select(Cart).where(Cart.till_id == till_id))
    if cart is not None:
        session.execute(delete(CartLine).where(CartLine.cart_id == cart.id))
        session.expire(cart, ["lines"])
        cart.checkout_key = new_key()
        session.flush()


def after_checkout(session: Session, cart: Cart) -> None:
    """A sale was made from this cart: empty it and give the next sale a new idempotency key."""
    session.expire(cart, ["lines"])
    cart.lines.clear()
    cart.checkout_key = new_key()
    cart.updated_at = clock.now()
    session.flush()


@dataclass(frozen=True)
class CartRow:
    id: int
    code: str | None
    label: str
    category: str
    asking_ore: int | None
    markdown_percent: int
    price_ore: int | None
    discount_ore: int
    discount_label: str | None
    discount_reason: str | None
    amount_ore: int
    available: bool
    place: str | None = None  # the item's own place, when that is not the till's
    is_voucher: bool = False


@dataclass(frozen=True)
class CartView:
    rows: list[CartRow]
    total_ore: int

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def has_problems(self) -> bool:
        return any(not row.available for row in self.rows)


def cart_view(cart: Cart, *, language: str = "sv", at: datetime | None = None, here: int | None = None) -> CartView:
    """What the till shows: each line's price with markdown and discount, and the total; with ``here``
    (the till's location id), the place of an item that belongs to another one."""
    rows = []
    for line in cart.lines:
        item = line.item
        shelf = item_shelf_price(item, at=at) if item is not None else None
        available = item is None or (item.status == ItemStatus.for_sale and shelf is not None)
        price = shelf.price_ore if shelf else line.price_ore
        discount = 0
        if price and line.discount_kind:
            try:
                discount = discount_amount(price, line.discount_kind, line.discount_value)
            except InvalidInput:
                discount = 0
        rows.append(CartRow(
            id=line.id, code=item.code if item else None,
            label=item_label(item) if item else str(_l("Gift voucher")) if line.is_voucher else line.description,
            category=(item.category if item else line.category).label(language) if not line.is_voucher else "",
            asking_ore=shelf.asking_ore if shelf else line.price_ore, markdown_percent=shelf.percent if shelf else 0,
            price_ore=price, discount_ore=discount,
            discount_label=f"{line.discount_value} %" if line.discount_kind == "percent" else None,
            discount_reason=line.discount_reason,
            amount_ore=(price or 0) - discount if available else 0, available=available,
            place=item.location.name if item is not None and here is not None and item.location_id != here
            else None, is_voucher=line.is_voucher))
    return CartView(rows=rows, total_ore=sum(row.amount_ore for row in rows))
