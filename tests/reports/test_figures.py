"""Report figures against hand-computed expectations on the fixed shop (tests/reports/conftest.py).
The same assertions run on SQLite and PostgreSQL."""

from datetime import date

import pytest

from boutique.core.periods import Period
from boutique.places.settings import set_setting
from boutique.reports.queries.ageing import ageing, bucket_totals
from boutique.reports.queries.impact import impact
from boutique.reports.queries.selling import Scope, best_and_slow, sales_report, weekly_sales
from boutique.reports.queries.stages import lead_times, stages_per_week
from tests.reports.conftest import PERIOD

MARCH = Period(*PERIOD)


def by_key(rows):
    return {row.key: row for row in rows}


def test_dresses_sell_through_median_and_realisation_by_hand(session, fixed_shop):
    dresses = by_key(sales_report(session, period=MARCH, group_by="category"))["women-dresses"]
    # Sold A (200 kr), B (80 kr), C (135 kr after a 5 kr discount); G was returned; E sold before March.
    assert dresses.items_sold == 3
    assert dresses.revenue_ore == 20000 + 8000 + 13500
    # On offer: A, B, C, D and the returned G (F was priced after the period; E was already sold).
    assert dresses.offered == 5
    assert dresses.sell_through == 0.6
    # Days from first pricing (Stockholm dates) to sale: A 13, B 8 (priced 00:30 local on 2 March), C 1.
    assert dresses.median_days_to_sell == 8.0
    # 415 kr sold / (200 + 100 + 150 kr first asking; C's first price comes from its event) = 0.9222.
    assert dresses.price_realization == 0.9222
    assert dresses.markdown_depth == 0.0


def test_shirts_even_count_median_and_markdown_depth_by_hand(session, fixed_shop):
    shirts = by_key(sales_report(session, period=MARCH, group_by="category"))["men-shirts"]
    # H sold at 75 kr after a 25 % markdown, J at 40 kr; I only on a training receipt.
    assert (shirts.items_sold, shirts.revenue_ore, shirts.offered) == (2, 11500, 3)
    assert shirts.sell_through == 0.6667
    assert shirts.median_days_to_sell == 8.0  # (10 + 6) / 2
    assert shirts.price_realization == round(11500 / 14000, 4)
    assert shirts.markdown_depth == round(2500 / 14000, 4)


def test_manual_lines_training_and_returned_lines_are_not_items_sold(session, fixed_shop):
    rows = sales_report(session, period=MARCH, group_by="grade")
    assert sum(row.items_sold for row in rows) == 5
    assert sum(row.revenue_ore for row in rows) == 20000 + 8000 + 13500 + 7500 + 4000


def test_price_bands_follow_the_first_asking_price(session, fixed_shop):
    bands = by_key(sales_report(session, period=MARCH, group_by="price_band"))
    assert bands["100-199"].items_sold == 3  # B (100 kr), C (150 kr), H (100 kr)
    assert bands["100-199"].offered == 4  # and G (120 kr)
    assert bands["200-499"].items_sold == 1 and bands["200-499"].offered == 2  # A sold, D not
    assert bands["0-49"].items_sold == 1  # J
    assert bands["50-99"].offered == 1 and bands["50-99"].items_sold == 0  # I
    assert [row.key for row in sales_report(session, period=MARCH, group_by="price_band")] == [
        "0-49", "50-99", "100-199", "200-499"]


def test_lot_maker_and_tag_groups(session, fixed_shop):
    lot = fixed_shop.lots["indigo"]
    lots = by_key(sales_report(session, period=MARCH, group_by="lot"))
    assert lots[str(lot.id)].items_sold == 1 and lots[str(lot.id)].label == "Indigo"
    assert lots[None].items_sold == 4
    makers = by_key(sales_report(session, period=MARCH, group_by="maker"))
    assert list(makers) == ["Amina"] and makers["Amina"].revenue_ore == 4000
    tags = by_key(sales_report(session, period=MARCH, group_by="tag"))
    assert set(tags) == {"indigo", "patchwork"} and tags["indigo"].items_sold == 1


def test_scope_to_a_lot_and_a_maker(session, fixed_shop):
    lot = fixed_shop.lots["indigo"]
    rows = sales_report(session, period=MARCH, group_by="category", scope=Scope(lot_id=lot.id))
    assert [(r.key, r.items_sold, r.offered) for r in rows] == [("men-shirts", 1, 1)]
    amina = fixed_shop.items["J"]
    assert amina is not None


def test_weekly_sales_and_best_and_slow(session, fixed_shop):
    weeks = weekly_sales(session, period=MARCH)
    assert [(w["week"], w["items"], w["revenue_ore"], w["manual_ore"]) for w in weeks] == [
        (date(2026, 3, 2), 2, 33500, 2500), (date(2026, 3, 9), 3, 19500, 0)]
    best, _slow = best_and_slow(sales_report(session, period=MARCH, group_by="category"), min_offered=3)
    assert [row.key for row in best] == ["men-shirts", "women-dresses"]


def test_ageing_buckets_with_suggested_markdowns(session, fixed_shop):
    rows = ageing(session, today=date(2026, 3, 15))
    found = {(row.category_code, row.bucket): row for row in rows}
    # D priced 10 Jan: 64 days; G priced 1 Feb: 42 days; F priced 20 Mar: not yet (negative days, 0-21).
    assert found[("women-dresses", "43-90")].items == 1 and found[("women-dresses", "43-90")].oldest_days == 64
    assert found[("women-dresses", "43-90")].suggested_percent == 50
    assert found[("women-dresses", "22-42")].items == 1 and found[("women-dresses", "22-42")].suggested_percent == 25
    assert found[("men-shirts", "22-42")].items == 1  # I, 33 days
    totals = bucket_totals(rows)
    assert [t["items"] for t in totals] == [1, 2, 1, 0]


@pytest.fixture
def march_impact(session, fixed_impact):
    return impact(session, period=MARCH)


def test_impact_kilos_and_co2e_by_hand(march_impact):
    figures = march_impact
    assert figures.collected_grams == 10000
    # Sold as is: A 500 g, B unweighed dress 400 g, C 350 g, H unweighed shirt 500 g (J is a lot's product).
    assert figures.reused_sold_grams == 1750
    # Consumed into the lot: M 700 g and 1.2 kg of bulk cotton.
    assert figures.reused_material_grams == 1900
    assert figures.reused_grams == 3650
    assert figures.recycled_grams == 2000 + 300
    assert figures.discarded_grams == 500 + 500
    # Reused 3.65 kg of the 6.95 kg that left by a fate (not of the 10 kg collected).
    assert figures.reuse_rate == 0.5252
    assert figures.co2e_saved_grams == 29565  # 3.65 kg x 8.1
    assert "Humana" in figures.co2e_factor_source


def test_impact_uses_the_configured_factor(session, fixed_impact):
    set_setting(session, "co2e_factor_kg_per_kg", "6,1")
    set_setting(session, "co2e_factor_source", "Humana: per kg collected")
    figures = impact(session, period=MARCH)
    assert figures.co2e_saved_grams == 22265 and figures.co2e_factor_source == "Humana: per kg collected"


def test_reuse_rate_is_zero_when_nothing_left(session, fixed_impact):
    assert impact(session, period=Period(date(2025, 1, 1), date(2025, 1, 31))).reuse_rate == 0.0


def test_stages_per_week_and_lead_times(session, fixed_impact):
    weeks = stages_per_week(session, period=MARCH)
    first = weeks[0]
    assert first["week"] == date(2026, 3, 2)
    # A, C and G (sold on Sunday 8 March, returned the next day): 500 + 350 + an unweighed dress 400 g.
    assert first["sold_items"] == 3 and first["sold_grams"] == 500 + 350 + 400
    leads = {row["key"]: row for row in lead_times(session, period=MARCH)}
    assert leads["priced_sold"]["items"] == 6  # A, B, C, G, H, J sold in March
