"""The one status machine: every change of an item's status passes through here and is recorded."""

import functools
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from boutique.core import clock
from boutique.core.errors import Conflict
from boutique.items.labels import ACTION_PHRASES, NEXT_STEP, STATUS_PHRASES
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.places.models import Location

S = ItemStatus
_SORT_TARGETS = frozenset({S.sorted, S.material, S.recycled, S.discarded})
# The steps an item may travel between places at (and is back at when it arrives or is found).
MOVABLE = frozenset({S.received, S.washed, S.sorted, S.valued, S.for_sale, S.material})
_EVERY = frozenset(ItemStatus)

# event -> {from status (None: the item is being created) -> allowed new statuses}
TRANSITIONS: dict[str, dict[ItemStatus | None, frozenset[ItemStatus]]] = {
    "received": {None: frozenset({S.received})},
    "washed": {S.received: frozenset({S.washed})},
    "wash_skipped": {S.received: frozenset({S.received})},
    "sorted": {None: frozenset({S.sorted}), S.received: _SORT_TARGETS, S.washed: _SORT_TARGETS},
    # A `repair` item is sorted again once mended (the service checks its grade).
    "repaired": {S.sorted: _SORT_TARGETS},
    "valued": {S.sorted: frozenset({S.valued})},
    "priced": {S.valued: frozenset({S.for_sale})},
    "repriced": {S.for_sale: frozenset({S.for_sale})},
    "sold": {S.for_sale: frozenset({S.sold})},
    "returned": {S.sold: frozenset({S.for_sale, S.sorted, S.received})},
    "consumed": {S.material: frozenset({S.consumed})},
    # Stock (stock/): a move keeps the status and changes the place; a count notes what it found.
    "moved": {status: frozenset({status}) for status in _EVERY},
    "counted": {status: frozenset({status}) for status in _EVERY},
    "sent": {status: frozenset({S.in_transit}) for status in MOVABLE},
    "arrived": {S.in_transit: MOVABLE},
    "lost": {S.for_sale: frozenset({S.lost}), S.in_transit: frozenset({S.lost})},
    "found": {S.lost: MOVABLE},
}

def invalid_transition(item: Item, event: str) -> Conflict:
    return Conflict(
        _l("Item %(code)s is %(status)s; it cannot be %(action)s. %(hint)s", code=item.code,
           status=STATUS_PHRASES[item.status], action=ACTION_PHRASES.get(event, event),
           hint=NEXT_STEP[item.status]),
        code="invalid_transition", details={"status": item.status.value},
    )


def is_allowed(event: str, current: ItemStatus | None, new: ItemStatus) -> bool:
    return new in TRANSITIONS.get(event, {}).get(current, frozenset())


def record_event(session: Session, item: Item, *, event: str, new_status: ItemStatus,
                 old_status: ItemStatus | None, by_user_id: int | None, details: dict | None = None,
                 location_id: int | None = None, at: datetime | None = None) -> ItemEvent:
    """Write a history row of an item whose status stays (a count); a change of status goes through
    :func:`change_status` or :func:`change_statuses`."""
    row = ItemEvent(item=item, event=event, from_status=old_status, to_status=new_status,
                    at=at or clock.now(), by_user_id=by_user_id, details=details or None,
                    location_id=location_id if location_id is not None else item.location_id)
    session.add(row)
    return row


def change_status(session: Session, item: Item, *, event: str, to: ItemStatus, by_user_id: int | None,
                  details: dict | None = None, location_id: int | None = None) -> ItemEvent:
    """Move ``item`` to ``to`` if ``event`` allows it from its current status; record the event."""
    if not is_allowed(event, item.status, to):
        raise invalid_transition(item, event)
    old = item.status
    item.status = to
    item.updated_at = clock.now()
    row = record_event(session, item, event=event, new_status=to, old_status=old,
                       by_user_id=by_user_id, details=details, location_id=location_id)
    session.flush()
    return row


def record_creation(session: Session, items: Iterable[Item], *, event: str, by_user_id: int | None,
                    details: dict | None = None) -> None:
    """The first history row of new items (``received``, or ``sorted`` for a lot's product)."""
    for item in items:
        if not is_allowed(event, None, item.status):
            raise invalid_transition(item, event)
        record_event(session, item, event=event, new_status=item.status, old_status=None,
                     by_user_id=by_user_id, details=details)
    session.flush()


def move_item(session: Session, item: Item, *, to_location_id: int, by_user_id: int | None,
              details: dict | None = None) -> ItemEvent | None:
    """Put ``item`` at another place, keeping its status; the history says from where (none if already there)."""
    if item.location_id == to_location_id:
        return None
    moved_from = session.get_one(Location, item.location_id).code
    item.location_id = to_location_id
    item.updated_at = clock.now()
    row = record_event(session, item, event="moved", new_status=item.status, old_status=item.status,
                       by_user_id=by_user_id, details={**(details or {}), "moved_from": moved_from},
                       location_id=to_location_id)
    session.flush()
    return row


class StatusChanged(Conflict):
    """Another request changed the item (or a column the caller read with it) between our read and our
    write: we lost the race. ``now`` is the item's status now; the caller rolls back."""

    def __init__(self, item: Any, status: ItemStatus, event: str):
        self.item, self.now = item, status
        super().__init__(_l("Item %(code)s is %(status)s; it cannot be %(action)s. %(hint)s", code=item.code,
                            status=STATUS_PHRASES[status], action=ACTION_PHRASES.get(event, event),
                            hint=NEXT_STEP[status]),
                         code="status_changed", details={"item": item.code, "status": status.value})


_ITEMS = Item.__table__
_INSERT_EVENTS = insert(ItemEvent.__table__)


@functools.cache
def _conditional_move(unchanged: tuple[str, ...], moves_place: bool):
    """``UPDATE items SET status ... WHERE id = :id AND status = <as read>`` (and the ``unchanged`` columns as
    read): built once per shape, not once per item."""
    values = {"status": bindparam("new_status"), "updated_at": bindparam("moment")}
    if moves_place:
        values["location_id"] = bindparam("new_location_id")
    return (update(_ITEMS)
            .where(_ITEMS.c.id == bindparam("item_id"), _ITEMS.c.status == bindparam("read_status"),
                   *(_ITEMS.c[name].is_not_distinct_from(bindparam(f"read_{name}")) for name in unchanged))
            .values(values))


def change_statuses(session: Session, items: Sequence[Any], *, event: str, to: ItemStatus, by_user_id: int | None,
                    at: datetime, details: Callable[[Any], dict | None], location_id: int | None = None,
                    unchanged: tuple[str, ...] = ()) -> None:
    """Move ``items`` (as read: ``id``, ``code``, ``status``, ``location_id`` and the ``unchanged`` attributes) to
    ``to`` on the table, one conditional UPDATE each in the given order, and write their events in one insert.
    A row count of 0 means another request moved the item first, or changed an ``unchanged`` column:
    StatusChanged. ``location_id`` puts them at a place as well (the event then says where they are)."""
    for item in items:
        if not is_allowed(event, item.status, to):
            raise invalid_transition(item, event)
    statement = _conditional_move(unchanged, location_id is not None)
    for item in items:
        values = {"item_id": item.id, "read_status": item.status, "new_status": to, "moment": at,
                  **{f"read_{name}": getattr(item, name) for name in unchanged}}
        if location_id is not None:
            values["new_location_id"] = location_id
        if session.connection().execute(statement, values).rowcount != 1:
            now = session.connection().execute(select(_ITEMS.c.status).where(_ITEMS.c.id == item.id)).scalar_one()
            raise StatusChanged(item, now, event)
    if items:
        session.connection().execute(_INSERT_EVENTS, [
            {"item_id": item.id, "event": event, "from_status": item.status, "to_status": to, "at": at,
             "by_user_id": by_user_id, "details": details(item) or None,
             "location_id": location_id if location_id is not None else item.location_id} for item in items])
    _forget_moved(session, {item.id for item in items})


def _forget_moved(session: Session, item_ids: set[int]) -> None:
    """The move went past the ORM: an Item object the session holds would still say the old status."""
    for held in list(session.identity_map.values()):
        if isinstance(held, Item) and held.id in item_ids:
            session.expire(held, ["status", "updated_at", "location_id"])
