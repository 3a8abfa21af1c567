"""items.status.change_statuses: the conditional move of several items at once, and the race it loses."""

from dataclasses import dataclass

import pytest
from sqlalchemy import select, update

from boutique.core import clock
from boutique.extensions import db
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.items.status import StatusChanged, change_statuses


@dataclass(frozen=True)
class Read:
    """An item as a caller read it (the till reads columns, not ORM objects)."""

    id: int
    code: str
    status: ItemStatus
    location_id: int
    price_ore: int | None


def _read(item: Item) -> Read:
    return Read(item.id, item.code, item.status, item.location_id, item.price_ore)


def test_moves_the_items_and_writes_one_event_each(app, make_item):
    first, second = make_item(), make_item()
    reads = [_read(first), _read(second)]
    change_statuses(db.session, reads, event="sold", to=ItemStatus.sold, by_user_id=None, at=clock.now(),
                    details=lambda item: {"sale_id": 7, "code": item.code})
    db.session.commit()
    assert [db.session.get(Item, read.id).status for read in reads] == [ItemStatus.sold, ItemStatus.sold]
    events = db.session.scalars(select(ItemEvent).where(ItemEvent.event == "sold").order_by(ItemEvent.item_id)).all()
    assert [(e.item_id, e.from_status, e.to_status, e.details) for e in events] == [
        (first.id, ItemStatus.for_sale, ItemStatus.sold, {"sale_id": 7, "code": first.code}),
        (second.id, ItemStatus.for_sale, ItemStatus.sold, {"sale_id": 7, "code": second.code})]


def test_an_item_moved_by_another_request_since_it_was_read_is_a_conflict(app, make_item):
    item = make_item()
    read = _read(item)
    db.session.execute(update(Item).where(Item.id == item.id).values(status=ItemStatus.lost))  # the other request
    with pytest.raises(StatusChanged) as lost:
        change_statuses(db.session, [read], event="sold", to=ItemStatus.sold, by_user_id=None, at=clock.now(),
                        details=lambda item: None)
    assert (lost.value.now, lost.value.code, lost.value.status) == (ItemStatus.lost, "status_changed", 409)
    assert db.session.scalar(select(ItemEvent.id).where(ItemEvent.event == "sold")) is None


def test_a_column_read_with_it_that_changed_is_a_conflict_too(app, make_item):
    item = make_item(price_ore=10000)
    read = _read(item)
    db.session.execute(update(Item).where(Item.id == item.id).values(price_ore=12000))  # re-priced meanwhile
    with pytest.raises(StatusChanged) as lost:
        change_statuses(db.session, [read], event="sold", to=ItemStatus.sold, by_user_id=None, at=clock.now(),
                        details=lambda item: None, unchanged=("price_ore",))
    assert lost.value.now == ItemStatus.for_sale
    assert db.session.scalar(select(Item.status).where(Item.id == item.id)) == ItemStatus.for_sale
