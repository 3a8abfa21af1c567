"""Every pipeline transition and every refusal, through the services against the real database."""

import pytest
from sqlalchemy import select

from boutique.catalog.services import get_category
from boutique.core.errors import Conflict, InvalidInput
from boutique.items.models import Grade, ItemEvent, ItemStatus
from boutique.pipeline import services
from boutique.pipeline.models import BulkWeighOut, WashLoad
from boutique.pipeline.queries import queue_count, queue_items
from tests.pipeline.helpers import donation_with_items

S = ItemStatus


@pytest.fixture
def worker(make_user):
    return make_user("participant", display_name="Amira")


@pytest.fixture
def skh(make_location):
    return make_location("SKH")


def _events(session, item) -> list[str]:
    return list(session.scalars(select(ItemEvent.event).where(ItemEvent.item_id == item.id).order_by(ItemEvent.id)))


def test_washing_a_set_makes_one_wash_load_and_records_it_on_each_item(session, skh, worker):
    _, items = donation_with_items(session, skh, user=worker, categories=["women-dresses"] * 3)
    load = services.wash_items(session, items=items, by_user_id=worker.id, location_id=skh.id,
                               program="Fin", temperature_c=40)
    session.commit()
    assert {i.status for i in items} == {S.washed}
    assert session.scalar(select(WashLoad)).items == items
    event = items[0].events[-1]
    assert (event.event, event.by_user_id) == ("washed", worker.id)
    assert event.details == {"wash_load_id": load.id, "program": "Fin", "temperature_c": 40}


def test_wash_load_is_all_or_nothing_when_one_item_is_already_washed(session, skh, worker):
    _, items = donation_with_items(session, skh, user=worker, categories=["women-tops"] * 2)
    services.wash_items(session, items=[items[0]], by_user_id=worker.id, location_id=skh.id, program="Normal")
    session.commit()
    with pytest.raises(Conflict) as refused:
        services.wash_items(session, items=items, by_user_id=worker.id, location_id=skh.id, program="Normal")
    session.rollback()
    assert refused.value.code == "invalid_transition"
    assert refused.value.details["codes"] == [items[0].code]
    assert items[1].status == S.received
    assert session.scalar(select(WashLoad.id).order_by(WashLoad.id.desc())) == 1


def test_same_item_scanned_twice_is_washed_once(session, skh, worker):
    _, items = donation_with_items(session, skh, user=worker)
    load = services.wash_items(session, items=items * 2, by_user_id=worker.id, location_id=skh.id, program="x")
    assert len(load.items) == 1 and _events(session, items[0]) == ["received", "washed"]


def test_wash_refuses_bad_temperature_and_empty_set(session, skh, worker):
    _, items = donation_with_items(session, skh, user=worker)
    with pytest.raises(InvalidInput):
        services.wash_items(session, items=items, by_user_id=worker.id, location_id=skh.id, program="x",
                            temperature_c=120)
    with pytest.raises(InvalidInput) as empty:
        services.wash_items(session, items=[], by_user_id=worker.id, location_id=skh.id, program="x")
    assert empty.value.code == "no_items"


def test_skipping_the_wash_keeps_received_records_the_reason_and_moves_it_to_the_sort_queue(session, skh, worker):
    _, (item,) = donation_with_items(session, skh, user=worker, categories=["shoes"])
    assert queue_count(session, "wash") == 1 and queue_count(session, "sort") == 0
    services.skip_wash(session, item=item, reason="Skor", by_user_id=worker.id)
    session.commit()
    assert item.status == S.received
    assert item.events[-1].event == "wash_skipped" and item.events[-1].details == {"reason": "Skor"}
    assert queue_count(session, "wash") == 0 and queue_items(session, "sort") == [item]


def test_skip_wash_needs_a_reason_and_a_received_item(session, skh, worker, make_item):
    _, (item,) = donation_with_items(session, skh, user=worker)
    with pytest.raises(InvalidInput):
        services.skip_wash(session, item=item, reason="   ", by_user_id=worker.id)
    washed = make_item(status="washed")
    with pytest.raises(Conflict):
        services.skip_wash(session, item=washed, reason="x", by_user_id=worker.id)


@pytest.mark.parametrize(("grade", "status"), [("shop", S.sorted), ("repair", S.sorted), ("redesign", S.material),
                                               ("recycle", S.recycled), ("discard", S.discarded)])
@pytest.mark.parametrize("start", ["received", "washed"])
def test_sorting_sends_each_grade_to_its_status(session, worker, make_item, grade, status, start):
    item = make_item(status=start)
    services.sort_item(session, item=item, category=get_category(session, "men-shirts"), grade=grade,
                       by_user_id=worker.id, colour=" blå ", size="M", brand="Filippa K", condition=4, fibre="bomull",
                       disruptors="knappar")
    session.commit()
    assert item.status == status and item.grade == Grade(grade)
    assert (item.category.code, item.colour, item.size, item.brand, item.condition) == (
        "men-shirts", "blå", "M", "Filippa K", 4)
    assert item.events[-1].details == {"grade": grade, "category": "men-shirts", "condition": 4}


@pytest.mark.parametrize("status", ["sorted", "valued", "for_sale", "sold", "material", "recycled", "discarded",
                                    "consumed"])
def test_sorting_is_refused_after_sorting(session, worker, make_item, status):
    item = make_item(status=status, grade="shop")
    with pytest.raises(Conflict) as refused:
        services.sort_item(session, item=item, category=item.category, grade="shop", by_user_id=worker.id)
    assert refused.value.code == "invalid_transition"
    assert refused.value.details["status"] == status


def test_sort_refuses_bad_grade_condition_and_overlong_text(session, worker, make_item):
    item = make_item(status="washed")
    for bad in ({"grade": "vintage"}, {"grade": "shop", "condition": 6}, {"grade": "shop", "condition": 0},
                {"grade": "shop", "condition": True}, {"grade": "shop", "colour": "x" * 81}):
        with pytest.raises(InvalidInput):
            services.sort_item(session, item=item, category=item.category, by_user_id=worker.id, **bad)
    assert item.status == S.washed


def test_a_repair_item_is_sorted_again_once_mended_but_cannot_be_valued_before(session, worker, make_item):
    item = make_item(status="washed")
    services.sort_item(session, item=item, category=item.category, grade="repair", by_user_id=worker.id)
    assert queue_items(session, "value") == [] and queue_items(session, "repair") == [item]
    with pytest.raises(Conflict):
        services.value_item(session, item=item, value_ore=5000, by_user_id=worker.id)
    services.sort_item(session, item=item, category=item.category, grade="shop", by_user_id=worker.id)
    assert item.events[-1].event == "repaired" and item.status == S.sorted and item.grade == Grade.shop
    assert queue_items(session, "value") == [item]


def test_valuing_records_the_value_and_refuses_other_statuses_and_bad_amounts(session, worker, make_item):
    item = make_item(status="sorted")
    for bad in (-1, 2_147_483_648, 12.5, "100", True):
        with pytest.raises(InvalidInput):
            services.value_item(session, item=item, value_ore=bad, by_user_id=worker.id)
    services.value_item(session, item=item, value_ore=0, by_user_id=worker.id, suggested_ore=4900)
    assert item.status == S.valued and item.value_ore == 0
    assert item.events[-1].details == {"value_ore": 0, "suggested_ore": 4900}
    for status in ("received", "washed", "valued", "for_sale", "sold"):
        with pytest.raises(Conflict):
            services.value_item(session, item=make_item(status=status), value_ore=100, by_user_id=worker.id)


def test_pricing_puts_a_valued_item_on_sale_and_keeps_the_first_price(session, worker, make_item):
    item = make_item(status="valued", value_ore=7900)
    services.price_item(session, item=item, price_ore=7900, by_user_id=worker.id)
    first_priced_at = item.priced_at
    assert (item.status, item.price_ore, item.first_price_ore) == (S.for_sale, 7900, 7900)
    assert item.events[-1].details == {"price_ore": 7900, "previous_price_ore": None}
    services.price_item(session, item=item, price_ore=5900, by_user_id=worker.id)
    session.commit()
    assert (item.price_ore, item.first_price_ore) == (5900, 7900)
    assert item.priced_at >= first_priced_at
    assert item.events[-1].event == "repriced"
    assert item.events[-1].details == {"price_ore": 5900, "previous_price_ore": 7900}


def test_price_must_be_positive_and_in_range(session, worker, make_item):
    item = make_item(status="valued")
    for bad in (0, -100, 2_147_483_648, 99.5):
        with pytest.raises(InvalidInput) as refused:
            services.price_item(session, item=item, price_ore=bad, by_user_id=worker.id)
        assert refused.value.code == "invalid_price"
    assert item.status == S.valued


@pytest.mark.parametrize("status", ["received", "washed", "sorted", "sold", "material", "recycled", "discarded"])
def test_pricing_is_refused_with_a_message_naming_the_status(session, worker, make_item, status, app):
    item = make_item(status=status, grade="shop")
    with pytest.raises(Conflict) as refused:
        services.price_item(session, item=item, price_ore=100, by_user_id=worker.id)
    assert refused.value.code == "invalid_transition"
    assert item.code in str(refused.value.message)


def test_markdown_exemption_and_floor_price_are_stored_with_the_price(session, worker, make_item):
    item = make_item(status="valued")
    services.price_item(session, item=item, price_ore=49900, by_user_id=worker.id, markdown_exempt=False,
                        floor_price_ore=29900)
    assert (item.markdown_exempt, item.floor_price_ore) == (False, 29900)
    services.price_item(session, item=item, price_ore=45900, by_user_id=worker.id, markdown_exempt=True)
    assert (item.markdown_exempt, item.floor_price_ore) == (True, None)


def test_price_a_set_at_their_values_or_one_price_all_or_nothing(session, worker, make_item):
    first, second = make_item(status="valued", value_ore=4900), make_item(status="valued", value_ore=6900)
    services.price_items(session, items=[first, second], by_user_id=worker.id)
    assert (first.price_ore, second.price_ore) == (4900, 6900)
    unvalued = make_item(status="valued", value_ore=0)
    with pytest.raises(InvalidInput) as refused:
        services.price_items(session, items=[first, unvalued], by_user_id=worker.id)
    assert refused.value.code == "price_required"
    washed = make_item(status="washed")
    with pytest.raises(Conflict):
        services.price_items(session, items=[unvalued, washed], by_user_id=worker.id, price_ore=1000)
    assert unvalued.status == S.valued
    services.price_items(session, items=[first, unvalued], by_user_id=worker.id, price_ore=2500)
    assert (first.price_ore, unvalued.price_ore) == (2500, 2500)


def test_bulk_weigh_out_records_grams_per_fraction_and_refuses_nonsense(session, skh, worker):
    row = services.weigh_out(session, location_id=skh.id, grade="recycle", grams=12_500, fibre="bomull",
                             by_user_id=worker.id)
    session.commit()
    assert session.get(BulkWeighOut, row.id).grams == 12_500
    for bad in ({"grade": "shop", "grams": 10}, {"grade": "discard", "grams": 0},
                {"grade": "discard", "grams": -5}, {"grade": "discard", "grams": 1.5}):
        with pytest.raises(InvalidInput):
            services.weigh_out(session, location_id=skh.id, by_user_id=worker.id, **bad)


def test_queues_are_oldest_first(session, skh, worker, make_item):
    older, newer = make_item(status="sorted"), make_item(status="sorted")
    newer.updated_at, older.updated_at = older.updated_at, newer.updated_at.replace(year=2020)
    session.commit()
    assert queue_items(session, "value") == [older, newer]
