"""Finding items: search by code, category, status, colour, size, brand and free text."""

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from boutique.catalog.models import Category
from boutique.catalog.services import get_category
from boutique.core.ean13 import clean_scan
from boutique.core.errors import InvalidInput
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.places.models import Location

FILTERS = ("q", "status", "category", "colour", "size", "brand", "location")
MAX_FILTER_LENGTH = 100


@dataclass(frozen=True)
class SearchResult:
    items: list[Item]
    total: int
    page: int
    pages: int


def location_codes(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Location.id, Location.code)).all())


def search_filters(args) -> dict:
    """The known, non-empty filters from query arguments; a status outside the list is invalid."""
    filters = {}
    for name in FILTERS:
        value = (args.get(name) or "").strip()
        if not value:
            continue
        if len(value) > MAX_FILTER_LENGTH:
            raise InvalidInput(_l("A search term is at most %(n)s characters.", n=MAX_FILTER_LENGTH),
                               code="too_long")
        filters[name] = value
    if "status" in filters and filters["status"] not in ItemStatus.__members__:
        raise InvalidInput(_l("Unknown status: %(status)s", status=filters["status"]), code="invalid_status")
    return filters


def search_items(session: Session, *, q: str | None = None, status: str | None = None,
                 category: str | None = None, colour: str | None = None, size: str | None = None,
                 brand: str | None = None, location: str | None = None, page: int = 1,
                 limit: int = 50) -> SearchResult:
    """Items matching every given filter, newest first. ``q`` is a code (or part of one) or free text;
    a main category includes its sub-categories."""
    query = select(Item)
    if q:
        digits = clean_scan(q)
        if re.fullmatch(r"[0-9]{4,13}", digits):
            query = query.where(Item.code.contains(digits, autoescape=True))
        else:
            query = query.where(or_(*(column.icontains(q, autoescape=True) for column in (
                Item.description, Item.brand, Item.colour, Item.size, Item.fibre))))
    if status:
        query = query.where(Item.status == ItemStatus(status))
    if category:
        found = get_category(session, category)
        sub = select(Category.id).where(Category.parent_id == found.id)
        query = query.where(or_(Item.category_id == found.id, Item.category_id.in_(sub)))
    for column, value in ((Item.colour, colour), (Item.size, size), (Item.brand, brand)):
        if value:
            query = query.where(column.icontains(value.lower(), autoescape=True))
    if location:
        query = query.join(Location, Location.id == Item.location_id).where(Location.code == location.upper())
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // limit))
    page = min(max(1, page), pages)
    rows = session.scalars(query.options(selectinload(Item.category), selectinload(Item.location))
                           .order_by(Item.id.desc()).offset((page - 1) * limit).limit(limit))
    return SearchResult(list(rows), total, page, pages)


def item_history(session: Session, item: Item) -> list[ItemEvent]:
    """Every event of an item, oldest first, with who did it."""
    return list(session.scalars(select(ItemEvent).where(ItemEvent.item_id == item.id)
                                .options(selectinload(ItemEvent.by_user)).order_by(ItemEvent.id)))


def item_exists(session: Session, code: str) -> bool:
    return session.scalar(select(Item.id).where(Item.code == code)) is not None
