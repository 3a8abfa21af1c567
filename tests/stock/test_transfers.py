"""Transfers: scanned out (in transit, not for sale), scanned in at the other end, differences settled."""

import pytest
from sqlalchemy import select

from boutique.core.errors import Conflict
from boutique.extensions import db
from boutique.items.models import ItemEvent, ItemStatus
from boutique.sales.services import carts
from boutique.sales.services.days import open_till
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.selling import PaymentRequest, checkout
from boutique.stock import transfers
from boutique.stock.findings import Finding
from boutique.stock.queries import transfer_review


@pytest.fixture
def places(make_location):
    return make_location("HUS", "Husby"), make_location("SKH", "Skärholmen")


@pytest.fixture
def mover(make_user):
    return make_user("participant")


def _sent(items, mover):
    transfer = transfers.create_transfer(db.session, from_code="HUS", to_code="SKH", by_user=mover)
    for item in items:
        transfers.scan_out(db.session, transfer=transfer, code=item.code, by_user=mover)
    transfers.send_transfer(db.session, transfer=transfer)
    return transfer


def test_items_scanned_out_are_in_transit_and_arrive_at_their_step_on_the_other_shelf(places, make_item, mover):
    husby, skarholmen = places
    dress, sorted_ = make_item(location="HUS"), make_item(ItemStatus.sorted, location="HUS", price_ore=None)
    transfer = _sent([dress, sorted_], mover)
    assert dress.status == sorted_.status == ItemStatus.in_transit and dress.location_id == husby.id
    for item in (dress, sorted_):
        scan = transfers.scan_in(db.session, transfer=transfer, code=item.code, by_user=mover)
        assert scan.finding == Finding.fine and not scan.again
    assert transfers.scan_in(db.session, transfer=transfer, code=dress.code, by_user=mover).again
    assert (dress.status, sorted_.status) == (ItemStatus.for_sale, ItemStatus.sorted)
    assert dress.location_id == sorted_.location_id == skarholmen.id
    events = [e.event for e in db.session.scalars(select(ItemEvent).where(ItemEvent.item_id == dress.id))]
    assert events[-3:] == ["sent", "arrived", "moved"]


def test_the_till_refuses_an_item_in_transit_with_a_clear_message(places, make_item, make_till, mover):
    item = make_item(location="HUS", description="Ullkappa")
    _sent([item], mover)
    till = make_till("HUS-1", location="HUS")
    open_till(db.session, till=till, user=mover, float_ore=0)
    with pytest.raises(Conflict) as at_scan:
        carts.add_item(db.session, carts.get_cart(db.session, till), code=item.code)
    assert at_scan.value.code == "item_unavailable" and "på väg mellan butikerna" in str(at_scan.value.message)
    with pytest.raises(Conflict) as at_sale:
        checkout(db.session, till=till, cashier=mover, lines=[LineRequest(code=item.code)],
                 payments=[PaymentRequest("card", 14900)])
    assert at_sale.value.code == "item_unavailable"


def test_an_item_cannot_be_sent_from_a_place_it_is_not_at_or_while_sold(places, make_item, mover):
    transfer = transfers.create_transfer(db.session, from_code="HUS", to_code="SKH", by_user=mover)
    with pytest.raises(Conflict) as elsewhere:
        transfers.scan_out(db.session, transfer=transfer, code=make_item(location="SKH").code, by_user=mover)
    assert elsewhere.value.code == "item_elsewhere"
    with pytest.raises(Conflict) as sold:
        transfers.scan_out(db.session, transfer=transfer, code=make_item(ItemStatus.sold, location="HUS").code,
                           by_user=mover)
    assert sold.value.code == "invalid_transition"


def test_a_missing_item_is_settled_lost_or_back_home_and_an_unlisted_one_moved_here(places, make_item, mover):
    husby, skarholmen = places
    arrives, lost, back = (make_item(location="HUS") for _ in range(3))
    stray = make_item(location="HUS")
    transfer = _sent([arrives, lost, back], mover)
    transfers.scan_in(db.session, transfer=transfer, code=arrives.code, by_user=mover)
    assert transfers.scan_in(db.session, transfer=transfer, code=stray.code,
                             by_user=mover).finding == Finding.other_place
    transfers.finish_transfer(db.session, transfer=transfer)
    review = transfer_review(db.session, transfer)
    assert {row.item.code for row in review.missing} == {lost.code, back.code}
    assert [row.item.code for row in review.unexpected] == [stray.code]
    lines = {row.item.code: row.line.id for row in review.missing + review.unexpected}
    transfers.settle_transfer_line(db.session, transfer=transfer, line_id=lines[lost.code], choice="lost",
                                   reason="Not in the bag", by_user=mover)
    transfers.settle_transfer_line(db.session, transfer=transfer, line_id=lines[back.code], choice="returned",
                                   reason="Left behind in Husby", by_user=mover)
    transfers.settle_transfer_line(db.session, transfer=transfer, line_id=lines[stray.code],
                                   choice="moved_here", reason="Packed by mistake", by_user=mover)
    assert lost.status == ItemStatus.lost
    assert (back.status, back.location_id) == (ItemStatus.for_sale, husby.id)
    assert (stray.status, stray.location_id) == (ItemStatus.for_sale, skarholmen.id)
    settled = transfer_review(db.session, transfer)
    assert settled.open_count == 0 and [row.finding for row in settled.missing] == [Finding.missing] * 2
