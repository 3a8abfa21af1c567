"""The value suggestion rests on sold comparables, with the category's guide price as the fallback."""

from datetime import timedelta

from boutique.catalog.services import get_category
from boutique.core import clock
from boutique.pipeline.valuation import MIN_COMPARABLES, suggest_value


def test_suggestion_is_the_median_of_sold_comparables_in_same_category_grade_and_condition(session, make_item,
                                                                                        make_sold_item):
    for price in (5000, 9000, 7000, 30000):
        make_sold_item(price_ore=price, grade="shop", condition=4)
    make_sold_item(price_ore=99900, grade="shop", condition=2)  # other condition
    make_sold_item(price_ore=99900, grade="redesign", condition=4)  # other grade
    make_sold_item(price_ore=99900, grade="shop", condition=4, category="men-shirts")  # other category
    make_item(status="for_sale", price_ore=99900, grade="shop", condition=4)  # not sold
    make_item(status="sold", price_ore=99900, grade="shop", condition=4)  # "sold" without a sale line
    item = make_item(status="sorted", grade="shop", condition=4)
    suggestion = suggest_value(session, item)
    assert (suggestion.value_ore, suggestion.comparables, suggestion.source) == (7000, 4, "comparables")


def test_a_known_brand_narrows_the_comparables_case_insensitively(session, make_item,
                                                                                        make_sold_item):
    for price in (20000, 24000, 26000):
        make_sold_item(price_ore=price, grade="shop", brand="Acne Studios")
    for price in (3000, 4000, 5000):
        make_sold_item(price_ore=price, grade="shop", brand="H&M")
    item = make_item(status="sorted", grade="shop", brand="acne studios")
    assert suggest_value(session, item).value_ore == 24000
    no_brand = make_item(status="sorted", grade="shop")
    assert suggest_value(session, no_brand).comparables == 6


def test_too_few_comparables_fall_back_to_the_guide_price_of_the_category_or_its_parent(session, make_item,
                                                                                        make_sold_item):
    make_sold_item(price_ore=50000, grade="shop")
    item = make_item(status="sorted", grade="shop")
    assert MIN_COMPARABLES > 1
    lone = suggest_value(session, item)
    assert (lone.value_ore, lone.comparables, lone.source) == (50000, 1, "comparables")
    get_category(session, "women").guide_price_ore = 12000
    assert (suggest_value(session, item).value_ore, suggest_value(session, item).source) == (12000, "guide")
    get_category(session, "women-dresses").guide_price_ore = 15000
    suggestion = suggest_value(session, item)
    assert (suggestion.value_ore, suggestion.comparables, suggestion.source) == (15000, 1, "guide")


def test_no_comparables_and_no_guide_price_gives_no_suggestion(session, make_item):
    suggestion = suggest_value(session, make_item(status="sorted", grade="shop", category="lamps"))
    assert (suggestion.value_ore, suggestion.comparables, suggestion.source) == (None, 0, "none")


def test_comparables_are_what_items_sold_for_not_what_they_were_asked(session, make_item, make_sold_item):
    for price in (10000, 12000, 14000):
        make_sold_item(price_ore=price, grade="shop")
    # An item marked down 50 % on the shelf sells for half its asking price: that is the comparable.
    for _ in range(2):
        make_sold_item(price_ore=40000, grade="shop", priced_at=clock.now() - timedelta(days=50))
    item = make_item(status="sorted", grade="shop")
    suggestion = suggest_value(session, item)
    assert (suggestion.value_ore, suggestion.comparables) == (14000, 5)  # median of 10k, 12k, 14k, 20k, 20k
