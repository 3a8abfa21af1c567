"""Receiving donations and unpacking them into items with codes and a `received` event."""

import pytest
from sqlalchemy import select

from boutique.catalog.services import get_category
from boutique.core.ean13 import is_valid_ean13
from boutique.core.errors import InvalidInput, NotFound
from boutique.donations.queries import category_counts, list_donations
from boutique.donations.services import get_donation, receive_donation, set_unpacked, unpack
from boutique.items.models import ItemEvent, ItemStatus


@pytest.fixture
def skh(make_location):
    return make_location("SKH")


@pytest.mark.parametrize("source", ["collection", "drop_off", "pickup"])
def test_a_donation_of_each_source_is_registered_anonymous_by_default(session, skh, make_user, source):
    user = make_user()
    donation = receive_donation(session, source=source, location=skh, by_user_id=user.id, weight_grams=12_500,
                                bags=3, note="  Två kassar från Husby torg  ")
    session.commit()
    assert (donation.source.value, donation.weight_grams, donation.bags, donation.donor_note) == (
        source, 12_500, 3, None)
    assert donation.note == "Två kassar från Husby torg" and donation.received_by_id == user.id


def test_donation_refuses_bad_source_weight_bags_and_future_time(session, skh):
    from datetime import timedelta

    from boutique.core import clock

    for bad in ({"source": "theft"}, {"source": "pickup", "weight_grams": -1}, {"source": "pickup", "bags": 5000},
                {"source": "pickup", "weight_grams": 2.5}, {"source": "pickup", "weight_grams": 0},
                {"source": "pickup", "weight_grams": True},
                {"source": "pickup", "received_at": clock.now() + timedelta(days=1)},
                {"source": "pickup", "donor_note": "x" * 301}):
        with pytest.raises(InvalidInput):
            receive_donation(session, location=skh, by_user_id=None, **bad)


def test_unpacking_issues_valid_consecutive_codes_and_a_received_event_each(session, skh, make_user):
    user = make_user()
    donation = receive_donation(session, source="drop_off", location=skh, by_user_id=user.id)
    dresses, shoes = get_category(session, "women-dresses"), get_category(session, "shoes")
    items = unpack(session, donation=donation, by_user_id=user.id,
                   items=[(dresses, "Röd klänning"), (dresses, None), (shoes, "حذاء أسود")])
    session.commit()
    assert all(is_valid_ean13(i.code) and i.code.startswith("29") for i in items)
    assert [int(i.code[2:12]) for i in items] == list(range(int(items[0].code[2:12]), int(items[0].code[2:12]) + 3))
    assert {i.status for i in items} == {ItemStatus.received}
    assert {(i.location_id, i.donation_id) for i in items} == {(skh.id, donation.id)}
    events = session.scalars(select(ItemEvent).where(ItemEvent.item_id.in_([i.id for i in items]))).all()
    assert {(e.event, e.by_user_id, e.from_status) for e in events} == {("received", user.id, None)}
    assert [(c.code, n) for c, n in category_counts(session, donation)] == [("women-dresses", 2), ("shoes", 1)]
    assert items[2].description == "حذاء أسود"


def test_unpacking_refuses_nothing_and_too_much(session, skh):
    donation = receive_donation(session, source="drop_off", location=skh, by_user_id=None)
    with pytest.raises(InvalidInput):
        unpack(session, donation=donation, by_user_id=None, items=[])
    with pytest.raises(InvalidInput):
        unpack(session, donation=donation, by_user_id=None,
               items=[(get_category(session, "bags"), "x" * 301)])


def test_list_shows_what_is_still_to_unpack_with_item_counts(session, skh):
    first = receive_donation(session, source="drop_off", location=skh, by_user_id=None)
    second = receive_donation(session, source="pickup", location=skh, by_user_id=None)
    unpack(session, donation=first, by_user_id=None, items=[(get_category(session, "bags"), None)] * 4)
    set_unpacked(session, donation=first)
    rows = list_donations(session)
    assert {(r.donation.id, r.items) for r in rows} == {(first.id, 4), (second.id, 0)}
    assert [r.donation.id for r in list_donations(session, open_only=True)] == [second.id]
    set_unpacked(session, donation=first, done=False)
    assert len(list_donations(session, open_only=True)) == 2


def test_unknown_donation_is_not_found(session):
    with pytest.raises(NotFound):
        get_donation(session, 12345)
    with pytest.raises(NotFound):
        get_donation(session, 2**40)
