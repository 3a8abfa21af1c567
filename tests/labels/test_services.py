"""The print queue, label content and input limits, against the real database."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from boutique.core import clock
from boutique.core.errors import InvalidInput, NotFound
from boutique.extensions import db
from boutique.items.codes import item_code
from boutique.items.models import ItemStatus
from boutique.labels import queries, services
from boutique.labels.models import LabelPrint
from boutique.places.settings import set_setting
from boutique.pricing.markdown import tag_colour
from boutique.production.models import ProductionLot, ProductMaker


def _reprice(session, item, price_ore):
    """What pricing does on a re-price: a new asking price and a new pricing time (a new tag)."""
    item.price_ore = price_ore
    item.priced_at = clock.now()
    session.commit()


def _mark(session, *items, user=None):
    return services.mark_printed(session, selections=[f"{i.code}:{i.price_ore}" for i in items],
                                 by_user_id=user.id if user else None)


def _queue_codes(session, **kwargs):
    return [row.item.code for row in queries.print_queue(session, **kwargs)]


def test_newly_priced_item_waits_for_a_label_until_marked_printed(session, make_item, make_user):
    item = make_item(price_ore=14900)
    assert _queue_codes(session) == [item.code]
    assert _mark(session, item, user=make_user()) == (1, 0)
    session.commit()
    assert _queue_codes(session) == []
    assert session.query(LabelPrint).one().price_ore == 14900


def test_repriced_item_is_queued_again_and_its_old_label_is_out_of_date(session, make_item):
    item, other = make_item(price_ore=14900), make_item(price_ore=9900)
    _mark(session, item, other)
    session.commit()
    _reprice(session, item, 9900)
    rows = queries.print_queue(session)
    assert [(row.item.code, row.outdated) for row in rows] == [(item.code, True)]
    assert queries.queue_size(session) == 1


def test_repriced_back_to_an_earlier_price_needs_a_new_label(session, make_item):
    item = make_item(price_ore=14900)
    _mark(session, item)
    session.commit()
    _reprice(session, item, 9900)
    _mark(session, item)
    session.commit()
    _reprice(session, item, 14900)  # the shelf shows the 99 kr label now
    assert _queue_codes(session) == [item.code]


def test_new_item_in_queue_has_no_out_of_date_label(session, make_item):
    make_item()
    assert [row.outdated for row in queries.print_queue(session)] == [False]


def test_items_not_for_sale_are_never_in_the_queue(session, make_item):
    for status in (ItemStatus.received, ItemStatus.sorted, ItemStatus.valued, ItemStatus.sold):
        make_item(status)
    assert _queue_codes(session) == []


def test_queue_lists_the_longest_waiting_first_and_filters_by_location(session, make_item):
    newer = make_item(location="SKH")
    older = make_item(location="HUS")
    older.priced_at = clock.now() - timedelta(days=3)
    session.commit()
    assert _queue_codes(session) == [older.code, newer.code]
    assert _queue_codes(session, location_code="SKH") == [newer.code]
    assert queries.queue_size(session, location_code="HUS") == 1


def test_marking_a_label_printed_after_a_reprice_keeps_the_item_queued(session, make_item):
    item = make_item(price_ore=14900)
    printed = f"{item.code}:14900"
    _reprice(session, item, 12900)  # re-priced between printing and marking
    assert services.mark_printed(session, selections=[printed], by_user_id=None) == (0, 1)
    assert _queue_codes(session) == [item.code]


def test_mark_printed_refuses_a_malformed_selection(session, make_item):
    item = make_item()
    for bad in (item.code, f"{item.code}:abc", f"{item.code[:12]}0:100", f"{item.code}:-5"):
        with pytest.raises(InvalidInput):
            services.mark_printed(session, selections=[bad], by_user_id=None)


def test_label_of_a_redesign_names_its_lot_and_makers(session, make_item, make_user, make_location):
    lot = ProductionLot(title="Tilet – vävda mönster", location_id=make_location().id)
    session.add(lot)
    session.flush()
    item = make_item(description="Kudde", lot_id=lot.id, size="40 × 40")
    for name in ("Amira", "أمل حسن", "ሰላም ተስፋይ"):
        session.add(ProductMaker(item_id=item.id, user_id=make_user(display_name=name).id))
    session.commit()
    [label] = services.label_contents(session, [item.code])
    assert label.name == "Kudde"
    assert "Redesign: Tilet – vävda mönster" in label.lines
    assert label.makers == ("Amira", "أمل حسن", "ሰላም ተስፋይ")
    assert label.makers_format % {"names": ", ".join(label.makers)} == "Gjord av: Amira, أمل حسن, ሰላም ተስፋይ"
    assert label.lines[0].endswith("Strl 40 × 40")


def test_redesign_credits_for_a_whole_sheet_take_one_query(session, make_item, make_user, make_location):
    lot = ProductionLot(title="Indigo", location_id=make_location().id)
    session.add(lot)
    session.flush()
    items = [make_item(lot_id=lot.id) for _ in range(5)]
    for item in items:
        session.add(ProductMaker(item_id=item.id, user_id=make_user().id))
    session.commit()
    assert all(item.lot_id == lot.id for item in items)  # loaded, as label_contents has them
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        credits = queries.redesign_credits(session, items)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len([sql for sql in statements if sql.lstrip().upper().startswith("SELECT")]) == 1
    assert {title for title, _makers in credits.values()} == {"Indigo"}
    assert all(len(makers) == 1 for _title, makers in credits.values())


def test_label_shows_price_in_kronor_and_the_tag_colour_of_its_pricing_period(session, make_item):
    item = make_item(price_ore=14950)
    [label] = services.label_contents(session, [item.code])
    assert label.price == "149,50\u00a0kr"
    colour = tag_colour(clock.sales_day(item.priced_at))
    assert label.tag_hex == colour.hex
    assert label.tag_text.startswith(str(colour.label))
    assert label.markdown is None and not any(line.startswith("I dag") for line in label.lines)


def test_label_shows_todays_markdown_when_the_ladder_applies(session, make_item):
    item = make_item(price_ore=20000)
    item.priced_at = clock.now() - timedelta(days=30)  # default ladder: -25 % after 21 days
    session.commit()
    [label] = services.label_contents(session, [item.code])
    assert label.markdown == "I dag: 150,00\u00a0kr (-25\u00a0%)"
    assert label.tag_hex == tag_colour(clock.sales_day(item.priced_at)).hex


def test_label_uses_the_short_shop_name_setting(session, make_item):
    item = make_item()
    set_setting(session, "label_shop_name", "Ny Form Husby")
    session.commit()
    assert services.label_contents(session, [item.code])[0].shop == "Ny Form Husby"


def test_label_without_description_is_named_by_its_category(session, make_item):
    item = make_item(description=None)
    assert services.label_contents(session, [item.code])[0].name == item.category.name


def test_code_list_limits_and_validation():
    good = item_code(5)
    assert services.parse_code_list([f"{good}, {good}", good]) == [good, good, good]
    with pytest.raises(InvalidInput) as many:
        services.parse_code_list([",".join([good] * 10_000)])
    assert many.value.code == "too_many_codes"
    with pytest.raises(InvalidInput) as bad:
        services.parse_code_list([good[:12] + str((int(good[12]) + 1) % 10)])
    assert bad.value.code == "invalid_code"
    with pytest.raises(InvalidInput) as empty:
        services.parse_code_list(["", " , "])
    assert empty.value.code == "no_codes"
    assert len(services.parse_code_list([",".join([good] * 240)])) == 240


@pytest.mark.parametrize("text", ["0", "25", "-1", "abc", "1.5", "١", "999999999999999999999"])
def test_start_position_out_of_range_is_refused(text):
    with pytest.raises(InvalidInput) as refused:
        services.parse_start(text)
    assert refused.value.code == "invalid_start"


def test_start_position_defaults_to_the_first_cell():
    assert services.parse_start(None) == 1 and services.parse_start("24") == 24


def test_unknown_code_is_not_found(session):
    with pytest.raises(NotFound):
        services.label_contents(session, [item_code(999_999)])


def test_badges_only_for_active_people_who_may_work_the_till(session, make_user):
    cashier, student = make_user("participant", display_name="ሰላም"), make_user("student")
    [badge] = services.badge_contents(session, [cashier.id])
    assert badge.name == "ሰላም" and badge.code.startswith("28")
    for user_id in (student.id, 10**12):
        with pytest.raises(NotFound):
            services.badge_contents(session, [user_id])
