"""The item side of settling a difference: lost, found, moved here, back at its step; always under a lock."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.core import clock
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.items.status import MOVABLE, change_status, move_item, record_event
from boutique.sales.cart_models import CartLine
from boutique.stock.models import Settlement, TransferLine, TransferStatus

S = ItemStatus


def locked_item(session: Session, item_id: int) -> Item:
    """The item's row as it is now, locked until the commit (as the till's claim holds it): a sale
    racing a settle either comes first and is seen here, or waits and finds the settled status."""
    return session.scalars(select(Item).where(Item.id == item_id).with_for_update()
                           .execution_options(populate_existing=True)).one()


def in_a_cart(session: Session, item_id: int) -> bool:
    return session.scalar(select(CartLine.id).where(CartLine.item_id == item_id)) is not None


def open_transfer_line(session: Session, item_id: int) -> TransferLine | None:
    """The transfer an item in transit is on (sent, not yet received or settled)."""
    return session.scalar(select(TransferLine).join(TransferLine.transfer).where(
        TransferLine.item_id == item_id, TransferLine.sent_at.is_not(None), TransferLine.received_at.is_(None),
        TransferLine.settlement.is_(None), TransferLine.transfer.has(status=TransferStatus.sent)
        | TransferLine.transfer.has(status=TransferStatus.received)))


def _status_before_lost(session: Session, item: Item) -> ItemStatus:
    event = session.scalar(select(ItemEvent).where(ItemEvent.item_id == item.id, ItemEvent.event == "lost")
                           .order_by(ItemEvent.id.desc()).limit(1))
    back = S((event.details or {}).get("returns_to", S.for_sale)) if event else S.for_sale
    return back if back in MOVABLE else S.for_sale


def arrive(session: Session, item: Item, *, place_id: int, by_user_id: int, details: dict,
           line: TransferLine | None = None) -> None:
    """An item in transit is at ``place_id``: back at the step it was sent at, on the shelf there."""
    line = line or open_transfer_line(session, item.id)
    back = line.sent_status if line and line.sent_status in MOVABLE else S.for_sale
    if line is not None:
        line.received_at, line.received_by_id = clock.now(), by_user_id
        details = {"transfer_id": line.transfer_id, **details}
    change_status(session, item, event="arrived", to=back, by_user_id=by_user_id, details=details,
                  location_id=place_id)
    move_item(session, item, to_location_id=place_id, by_user_id=by_user_id, details=details)


def mark_lost(session: Session, item: Item, *, by_user_id: int, details: dict, was: ItemStatus | None = None) -> None:
    change_status(session, item, event="lost", to=S.lost, by_user_id=by_user_id,
                  details={**details, "returns_to": (was or item.status).value})


def note(session: Session, item: Item, *, by_user_id: int, details: dict, location_id: int | None = None) -> None:
    """A history row that changes nothing (counted, found after all, sent back to its step)."""
    record_event(session, item, event="counted", new_status=item.status, old_status=item.status,
                 by_user_id=by_user_id, details=details, location_id=location_id)
    session.flush()


def move_here(session: Session, item: Item, *, place_id: int, by_user_id: int, details: dict) -> None:
    """Settle an item found at ``place_id`` as being there now: found again, arrived, or moved."""
    if item.status == S.lost:
        change_status(session, item, event="found", to=_status_before_lost(session, item), by_user_id=by_user_id,
                      details=details, location_id=place_id)
    if item.status == S.in_transit:
        arrive(session, item, place_id=place_id, by_user_id=by_user_id, details=details)
        return
    move_item(session, item, to_location_id=place_id, by_user_id=by_user_id, details=details)


def settle_item(session: Session, item: Item, *, choice: Settlement, place_id: int, by_user_id: int,
                details: dict) -> None:
    """What ``choice`` does to an item found (or not) at ``place_id``; the caller checked it fits."""
    if choice == Settlement.lost:
        mark_lost(session, item, by_user_id=by_user_id, details=details)
    elif choice == Settlement.moved_here:
        move_here(session, item, place_id=place_id, by_user_id=by_user_id, details=details)
    else:  # found after all, back to the right step: nothing moves, the history says what was decided
        note(session, item, by_user_id=by_user_id, details={**details, "settled": choice.value},
             location_id=place_id)
