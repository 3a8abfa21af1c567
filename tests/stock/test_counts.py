"""Stocktakes: what a count expects, finds and settles, and the item histories it leaves."""

import pytest
from sqlalchemy import select

from boutique.core import clock
from boutique.core.errors import Conflict, InvalidInput
from boutique.extensions import db
from boutique.items.models import ItemEvent, ItemStatus
from boutique.sales.services.days import open_till
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.selling import PaymentRequest, checkout
from boutique.stock import counts, transfers
from boutique.stock.findings import Finding
from boutique.stock.models import CountStatus, Settlement
from boutique.stock.queries import count_review, place_day_report


@pytest.fixture
def counter(make_user):
    return make_user("participant")


def _events(item):
    return [event.event for event in db.session.scalars(
        select(ItemEvent).where(ItemEvent.item_id == item.id).order_by(ItemEvent.id))]


def test_a_count_lists_the_missing_the_unexpected_and_the_fine(make_item, make_location, counter):
    make_location("HUS", "Husby")
    shelf = [make_item(price_ore=10000, weight_grams=500) for _ in range(3)]
    count = counts.start_count(db.session, location_code="SKH", by_user=counter)
    husby = make_item(location="HUS")
    unpriced = make_item(ItemStatus.valued, price_ore=None)
    for item in (shelf[0], shelf[1], husby, unpriced):
        scanned = counts.scan_into_count(db.session, count=count, code=item.code, by_user=counter)
    assert scanned.finding == Finding.not_priced and not scanned.again
    assert counts.scan_into_count(db.session, count=count, code=shelf[0].code, by_user=counter).again
    counts.finish_count(db.session, count=count)
    review = count_review(db.session, count)
    assert [row.item.code for row in review.missing] == [shelf[2].code]
    assert {row.item.code: row.finding for row in review.unexpected} == {
        husby.code: Finding.other_place, unpriced.code: Finding.not_priced}
    assert review.fine == 2 and review.open_count == 3
    assert (review.counted.items, review.missing_tally.items, review.missing_tally.ore,
            review.missing_tally.grams) == (4, 1, 10000, 500)
    assert review.surplus.items == 2


def test_settling_marks_lost_moves_here_and_sends_back_with_the_reason_in_the_history(
        make_item, make_location, counter):
    skh = make_location("SKH")
    make_location("HUS", "Husby")
    missing = make_item()
    count = counts.start_count(db.session, location_code="SKH", by_user=counter, zone="Rail 3")
    husby = make_item(location="HUS")
    counts.scan_into_count(db.session, count=count, code=husby.code, by_user=counter)
    counts.finish_count(db.session, count=count)
    review = count_review(db.session, count)
    lost = counts.settle_count_line(db.session, count=count, line_id=review.missing[0].line.id,
                                    choice="lost", reason="Not on rail 3", by_user=counter)
    assert lost.settled and missing.status == ItemStatus.lost
    with pytest.raises(InvalidInput):
        counts.settle_count_line(db.session, count=count, line_id=review.unexpected[0].line.id,
                                 choice="lost", reason="x", by_user=counter)
    with pytest.raises(InvalidInput):
        counts.settle_count_line(db.session, count=count, line_id=review.unexpected[0].line.id,
                                 choice="moved_here", reason="  ", by_user=counter)
    counts.settle_count_line(db.session, count=count, line_id=review.unexpected[0].line.id,
                             choice=Settlement.moved_here, reason="Came with the van", by_user=counter)
    assert husby.location_id == skh.id and husby.status == ItemStatus.for_sale
    assert _events(husby)[-2:] == ["counted", "moved"]
    lost_event = db.session.scalar(select(ItemEvent).where(ItemEvent.item_id == missing.id,
                                                          ItemEvent.event == "lost"))
    assert lost_event.details["reason"] == "Not on rail 3" and lost_event.details["stocktake_id"] == count.id
    assert count_review(db.session, count).open_count == 0


def test_a_lost_item_found_in_a_later_count_goes_back_on_the_shelf(make_item, counter):
    item = make_item()
    first = counts.start_count(db.session, location_code="SKH", by_user=counter)
    counts.finish_count(db.session, count=first)
    line = count_review(db.session, first).missing[0].line
    counts.settle_count_line(db.session, count=first, line_id=line.id, choice="lost", reason="Gone",
                             by_user=counter)
    second = counts.start_count(db.session, location_code="SKH", by_user=counter)
    assert counts.scan_into_count(db.session, count=second, code=item.code, by_user=counter).finding == Finding.lost
    counts.finish_count(db.session, count=second)
    row = count_review(db.session, second).unexpected[0]
    counts.settle_count_line(db.session, count=second, line_id=row.line.id, choice="moved_here",
                             reason="Behind the rail", by_user=counter)
    assert item.status == ItemStatus.for_sale
    assert "found" in _events(item)


def test_a_sale_during_the_count_is_counted_as_sold_not_missing(make_item, make_till, counter):
    till = make_till()
    open_till(db.session, till=till, user=counter, float_ore=0)
    item = make_item(price_ore=5000)
    count = counts.start_count(db.session, location_code="SKH", by_user=counter)
    checkout(db.session, till=till, cashier=counter, lines=[LineRequest(code=item.code)],
             payments=[PaymentRequest("card", 5000)])
    counts.finish_count(db.session, count=count)
    review = count_review(db.session, count)
    assert review.missing == [] and [row.finding for row in review.explained] == [Finding.sold]
    settled = counts.settle_count_line(db.session, count=count, line_id=review.explained[0].line.id,
                                       choice="lost", reason="x", by_user=counter)
    assert not settled.settled and settled.finding == Finding.sold and item.status == ItemStatus.sold


def test_a_paused_count_takes_no_scans_until_resumed(make_item, counter):
    item = make_item()
    count = counts.start_count(db.session, location_code="SKH", by_user=counter)
    counts.pause_count(db.session, count=count)
    with pytest.raises(Conflict) as refused:
        counts.scan_into_count(db.session, count=count, code=item.code, by_user=counter)
    assert refused.value.code == "stocktake_paused"
    counts.resume_count(db.session, count=count)
    assert counts.scan_into_count(db.session, count=count, code=item.code, by_user=counter).finding == Finding.fine
    counts.finish_count(db.session, count=count)
    assert count.status == CountStatus.finished
    with pytest.raises(Conflict):
        counts.scan_into_count(db.session, count=count, code=item.code, by_user=counter)


def test_a_category_count_expects_only_that_category(make_item, counter):
    dress = make_item(category="women-dresses")
    make_item(category="textiles")
    count = counts.start_count(db.session, location_code="SKH", by_user=counter, category_code="women")
    counts.finish_count(db.session, count=count)
    assert [row.item.code for row in count_review(db.session, count).missing] == [dress.code]


def test_an_item_counted_in_another_zone_of_the_place_is_not_missing(make_item, counter):
    item = make_item()
    rail = counts.start_count(db.session, location_code="SKH", by_user=counter, zone="Rail 1")
    shelf = counts.start_count(db.session, location_code="SKH", by_user=counter, zone="Shelf 2")
    counts.scan_into_count(db.session, count=shelf, code=item.code, by_user=counter)
    counts.finish_count(db.session, count=rail)
    assert count_review(db.session, rail).missing == []


def test_the_place_and_day_report_adds_up_the_counts(make_item, make_location, counter):
    make_item(price_ore=12900, weight_grams=300)
    found = make_item(price_ore=4900, weight_grams=200)
    count = counts.start_count(db.session, location_code="SKH", by_user=counter)
    counts.scan_into_count(db.session, count=count, code=found.code, by_user=counter)
    counts.finish_count(db.session, count=count)
    report = place_day_report(db.session, make_location("SKH"), clock.sales_day(count.finished_at))
    assert (report.counted.items, report.counted.ore, report.missing.items, report.missing.ore,
            report.missing.grams) == (1, 4900, 1, 12900, 300)


def test_an_item_moved_on_after_the_count_is_no_new_difference(make_item, make_location, counter):
    make_location("HUS", "Husby")
    item = make_item()
    count = counts.start_count(db.session, location_code="SKH", by_user=counter)
    counts.scan_into_count(db.session, count=count, code=item.code, by_user=counter)
    counts.finish_count(db.session, count=count)
    transfer = transfers.create_transfer(db.session, from_code="SKH", to_code="HUS", by_user=counter)
    transfers.scan_out(db.session, transfer=transfer, code=item.code, by_user=counter)
    review = count_review(db.session, count)
    assert review.fine == 1 and review.unexpected == [] and review.open_count == 0
    line = count.lines[0]
    assert not counts.settle_count_line(db.session, count=count, line_id=line.id, choice="moved_here",
                                        reason="x", by_user=counter).settled
    assert item.status == ItemStatus.in_transit
