"""The one status machine: every change of an item's status passes through here and is recorded."""

from collections.abc import Iterable
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from boutique import clock
from boutique.errors import Conflict
from boutique.items.models import Item, ItemEvent, ItemStatus

S = ItemStatus
_SORT_TARGETS = frozenset({S.sorted, S.material, S.recycled, S.discarded})

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
}

STATUS_LABELS = {
    S.received: _l("received, not yet washed or sorted"),
    S.washed: _l("washed, waiting to be sorted"),
    S.sorted: _l("sorted, waiting for a value"),
    S.material: _l("redesign material"),
    S.recycled: _l("sent to recycling"),
    S.discarded: _l("discarded"),
    S.valued: _l("valued, waiting for a price"),
    S.for_sale: _l("for sale"),
    S.sold: _l("sold"),
    S.consumed: _l("used in a production lot"),
}

ACTION_LABELS = {
    "washed": _l("washed"),
    "wash_skipped": _l("marked as not needing a wash"),
    "sorted": _l("sorted"),
    "repaired": _l("sorted again after repair"),
    "valued": _l("valued"),
    "priced": _l("priced"),
    "repriced": _l("re-priced"),
    "sold": _l("sold"),
    "returned": _l("returned"),
    "consumed": _l("used as material"),
}

NEXT_STEP = {
    S.received: _l("Wash it or sort it first."),
    S.washed: _l("Sort it first."),
    S.sorted: _l("Give it a value first."),
    S.valued: _l("Give it a price."),
    S.for_sale: _l("It is on the shelf; it can be re-priced or sold."),
    S.sold: _l("A sold item can only come back through a return at the till."),
    S.material: _l("It can be used in a production lot."),
    S.recycled: _l("It has left the shop."),
    S.discarded: _l("It has left the shop."),
    S.consumed: _l("It is part of a redesigned product now."),
}


def invalid_transition(item: Item, event: str) -> Conflict:
    return Conflict(
        _l("Item %(code)s is %(status)s; it cannot be %(action)s. %(hint)s", code=item.code,
           status=STATUS_LABELS[item.status], action=ACTION_LABELS.get(event, event),
           hint=NEXT_STEP[item.status]),
        code="invalid_transition", details={"status": item.status.value},
    )


def is_allowed(event: str, current: ItemStatus | None, new: ItemStatus) -> bool:
    return new in TRANSITIONS.get(event, {}).get(current, frozenset())


def record_event(session: Session, item: Item, *, event: str, new_status: ItemStatus,
                 old_status: ItemStatus | None, by_user_id: int | None, details: dict | None = None,
                 location_id: int | None = None, at: datetime | None = None) -> ItemEvent:
    """Write a history row. Callers that already changed the status in SQL (the till's claim) use
    this directly; everyone else goes through :func:`change_status`."""
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
