"""Read side of labels: the labels-to-print queue and the lot/maker credits printed on redesigns."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from boutique.auth.models import User
from boutique.core.roles import Role
from boutique.items.models import Item, ItemStatus
from boutique.labels.models import LabelPrint
from boutique.places.models import Location
from boutique.pricing.markdown import ShelfPrice, item_shelf_price
from boutique.production.models import ProductionLot, ProductMaker


@dataclass(frozen=True)
class QueueRow:
    item: Item
    outdated: bool  # a label at another price (or from before the last pricing) is on the shelf
    shelf: ShelfPrice | None  # today's price and the tag colour the label will carry


def _labelled_at_current_price() -> ColumnElement[bool]:
    """A label exists at the item's current price, printed since it was (re-)priced."""
    return exists().where(
        LabelPrint.item_id == Item.id,
        LabelPrint.price_ore == Item.price_ore,
        or_(Item.priced_at.is_(None), LabelPrint.printed_at >= Item.priced_at),
    )


def _queue_filter(location_code: str | None) -> list[ColumnElement[bool]]:
    conditions = [Item.status == ItemStatus.for_sale, Item.price_ore.is_not(None), ~_labelled_at_current_price()]
    if location_code:
        conditions.append(Item.location_id == select(Location.id).where(Location.code == location_code)
                          .scalar_subquery())
    return conditions


def print_queue(session: Session, *, location_code: str | None = None, limit: int = 240,
                offset: int = 0, newest_first: bool = False) -> list[QueueRow]:
    """Items waiting for a label at their current price, the longest-waiting first (or the latest priced)."""
    any_label = exists().where(LabelPrint.item_id == Item.id).label("outdated")
    rows = session.execute(
        select(Item, any_label).where(*_queue_filter(location_code))
        .order_by(*((Item.priced_at.desc(), Item.id.desc()) if newest_first else (Item.priced_at, Item.id)))
        .limit(limit).offset(offset)
        .options(selectinload(Item.category))
    ).all()
    return [QueueRow(item, bool(outdated), item_shelf_price(item)) for item, outdated in rows]


def queue_size(session: Session, *, location_code: str | None = None) -> int:
    return session.scalar(select(func.count(Item.id)).where(*_queue_filter(location_code))) or 0


def redesign_credits(session: Session, items: Iterable[Item]) -> dict[int, tuple[str, list[str]]]:
    """For each redesigned item (``lot_id`` set): its lot's title and its makers' display names; one query."""
    ids = [item.id for item in items if item.lot_id is not None]
    if not ids:
        return {}
    rows = session.execute(
        select(Item.id, ProductionLot.title, User.display_name)
        .join(ProductionLot, ProductionLot.id == Item.lot_id)
        .outerjoin(ProductMaker, ProductMaker.item_id == Item.id)
        .outerjoin(User, User.id == ProductMaker.user_id)
        .where(Item.id.in_(ids))
        .order_by(Item.id, ProductMaker.id)
    ).all()
    credits: dict[int, tuple[str, list[str]]] = {}
    for item_id, title, maker in rows:
        credits.setdefault(item_id, (title, []))
        if maker:
            credits[item_id][1].append(maker)
    return credits


def items_by_code(session: Session, codes: Iterable[str]) -> dict[str, Item]:
    unique = sorted(set(codes))
    if not unique:
        return {}
    found = session.scalars(select(Item).where(Item.code.in_(unique)).options(selectinload(Item.category)))
    return {item.code: item for item in found}


def badge_people(session: Session, user_ids: Iterable[int] | None = None) -> list[User]:
    """Active people who may work the till (students may not sell), by display name; only ``user_ids``
    when given."""
    query = (select(User).where(User.active.is_(True), User.role != Role.student)
             .order_by(User.display_name, User.id))
    if user_ids is not None:
        query = query.where(User.id.in_(list(user_ids)))
    return list(session.scalars(query))
