"""The work queues (oldest first), wash loads and weigh-outs for the pipeline pages."""

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import Session, selectinload

from boutique.items.models import Grade, Item, ItemEvent, ItemStatus
from boutique.items.services import get_item
from boutique.pipeline.models import BulkWeighOut, WashLoad

QUEUE_LIMIT = 200

_skipped_wash = exists().where(and_(ItemEvent.item_id == Item.id, ItemEvent.event == "wash_skipped"))


@dataclass(frozen=True)
class Queue:
    key: str
    title: object
    endpoint: str
    empty: object


QUEUES = {
    "wash": Queue("wash", _l("To wash"), "pipeline.queue_wash", _l("Nothing is waiting to be washed.")),
    "sort": Queue("sort", _l("To sort"), "pipeline.queue_sort", _l("Nothing is waiting to be sorted.")),
    "value": Queue("value", _l("To value"), "pipeline.queue_value", _l("Nothing is waiting for a value.")),
    "price": Queue("price", _l("To price"), "pipeline.queue_price", _l("Nothing is waiting for a price.")),
}


def _condition(key: str):
    """Which items a queue holds. Received items that skip washing wait in the sort queue."""
    if key == "wash":
        return and_(Item.status == ItemStatus.received, ~_skipped_wash)
    if key == "sort":
        return (Item.status == ItemStatus.washed) | and_(Item.status == ItemStatus.received, _skipped_wash)
    if key == "value":
        return and_(Item.status == ItemStatus.sorted, Item.grade.is_distinct_from(Grade.repair))
    if key == "price":
        return Item.status == ItemStatus.valued
    if key == "repair":
        return and_(Item.status == ItemStatus.sorted, Item.grade == Grade.repair)
    raise KeyError(key)


def _located(query: Select, location_id: int | None) -> Select:
    return query.where(Item.location_id == location_id) if location_id else query


def queue_items(session: Session, key: str, *, location_id: int | None = None,
                limit: int = QUEUE_LIMIT) -> list[Item]:
    """Items waiting at one stage, oldest first (by when they reached it)."""
    query = _located(select(Item).where(_condition(key)), location_id)
    query = query.options(selectinload(Item.category)).order_by(Item.updated_at, Item.id).limit(limit)
    return list(session.scalars(query))


def queue_count(session: Session, key: str, *, location_id: int | None = None) -> int:
    return session.scalar(_located(select(func.count(Item.id)).where(_condition(key)), location_id)) or 0


def queue_counts(session: Session, *, location_id: int | None = None) -> dict[str, int]:
    return {key: queue_count(session, key, location_id=location_id) for key in (*QUEUES, "repair")}


def in_queue(item: Item, key: str, session: Session) -> bool:
    return bool(session.scalar(select(func.count(Item.id)).where(Item.id == item.id, _condition(key))))


def items_for_codes(session: Session, codes: Sequence[str]) -> list[Item]:
    """The items of a scanned set, in scan order; any bad or unknown code raises for that code."""
    return [get_item(session, code) for code in codes]


def recent_wash_loads(session: Session, *, limit: int = 20) -> list[WashLoad]:
    query = (select(WashLoad).options(selectinload(WashLoad.items), selectinload(WashLoad.by_user))
             .order_by(WashLoad.washed_at.desc(), WashLoad.id.desc()).limit(limit))
    return list(session.scalars(query))


def recent_weigh_outs(session: Session, *, limit: int = 50) -> list[BulkWeighOut]:
    query = (select(BulkWeighOut).options(selectinload(BulkWeighOut.by_user), selectinload(BulkWeighOut.location))
             .order_by(BulkWeighOut.at.desc(), BulkWeighOut.id.desc()).limit(limit))
    return list(session.scalars(query))


def weigh_out_totals(session: Session) -> dict[tuple[str, str], int]:
    """Grams weighed out per (grade, fibre or "")."""
    totals: dict[tuple[str, str], int] = {}
    rows = session.execute(select(BulkWeighOut.grade, BulkWeighOut.fibre, func.sum(BulkWeighOut.grams))
                           .group_by(BulkWeighOut.grade, BulkWeighOut.fibre))
    for grade, fibre, total in rows:
        key = (grade.value, fibre or "")
        totals[key] = totals.get(key, 0) + int(total)
    return totals
