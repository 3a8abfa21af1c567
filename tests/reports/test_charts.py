"""Every chart read as a person would: text at least 12 px where it is drawn, a legend, each value beside its
bar, a mark for zero, and "yours" told from "the shop's" by more than colour. Charts are checked as drawn
by charts.py and as served on each report page."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import pytest

from boutique.core.roles import Role
from boutique.reports.charts import MINE, SHOP, WIDTH, Bar, Series, bar_chart, column_chart, flow_chart
from tests.reports.conftest import PERIOD, credit

SVG = "{http://www.w3.org/2000/svg}"
MARCH = f"from={PERIOD[0]}&to={PERIOD[1]}"
PERIOD_START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def charts_in(html: str) -> list[ET.Element]:
    # Our own server's markup, not untrusted input.
    return [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", str(html), flags=re.S)]  # noqa: S314


def svg_of(markup) -> ET.Element:
    (found,) = charts_in(markup)
    return found


def check_readable(svg: ET.Element) -> None:
    """The rules every chart keeps (see charts.py)."""
    assert svg.get("width") == "100%" and svg.get("viewBox").startswith(f"0 0 {WIDTH} ")
    assert svg.get("role") == "img" and svg.find(f"{SVG}title").text
    texts = list(svg.iter(f"{SVG}text"))
    assert texts
    # The column is never narrower than WIDTH css px (reports.css), so a unit is at least a pixel.
    assert min(float(text.get("font-size")) for text in texts) >= 12
    legend = svg.find(f"{SVG}g[@class='chart-legend']")
    assert legend is not None and legend.findall(f"{SVG}text") and legend.findall(f"{SVG}rect")


def fills(svg: ET.Element) -> list[str]:
    return [rect.get("fill") for rect in svg.iter(f"{SVG}rect") if "chart-bar" in (rect.get("class") or "")]


def test_two_series_differ_by_pattern_and_place_not_only_colour():
    svg = svg_of(bar_chart(
        "Sell-through", [("Bags", [Bar(0.5), Bar(0.75)]), ("Scarves", [Bar(0.0), Bar(0.25)])],
        series=[Series("Yours", MINE), Series("The shop", SHOP)], maximum=1.0,
        value_text=lambda v: f"{v:.0%}"))
    check_readable(svg)
    legend = svg.find(f"{SVG}g[@class='chart-legend']")
    assert [text.text for text in legend.iter(f"{SVG}text")] == ["Yours", "The shop"]
    swatches = [rect.get("fill") for rect in legend.iter(f"{SVG}rect")]
    # Pattern: yours is solid Okabe–Ito blue, the shop's orange with white hatching (a <pattern>).
    assert swatches[0] == MINE.colour and swatches[1].startswith("url(#")
    pattern = svg.find(f".//{SVG}pattern[@id='{swatches[1][5:-1]}']")
    assert pattern is not None and pattern.find(f"{SVG}path") is not None
    mine, shop = ([rect for rect in svg.iter(f"{SVG}rect") if f"chart-series-{n}" in (rect.get("class") or "")]
                  for n in (0, 1))
    assert {rect.get("fill") for rect in shop} == {swatches[1]}
    # Place: in each group yours is drawn above the shop's.
    assert len(mine) == len(shop) == 2
    assert all(float(a.get("y")) < float(b.get("y")) for a, b in zip(mine, shop, strict=True))
    # Zero gets its own visible mark, and every bar its value beside it.
    assert "chart-zero" in mine[1].get("class") and float(mine[1].get("width")) >= 3
    values = [text.text for text in svg.iter(f"{SVG}text") if text.get("class") == "chart-value"]
    assert values == ["50%", "75%", "0%", "25%"]


def test_long_labels_wrap_instead_of_being_cut():
    svg = svg_of(bar_chart(
        "x", [("Jackor och kappor dam, långa modeller", [Bar(3)])], series=[Series("Items")]))
    labels = [text.text for text in svg.iter(f"{SVG}text") if text.get("class") == "chart-label"]
    assert " ".join(labels) == "Jackor och kappor dam, långa modeller" and len(labels) == 2


def test_columns_mark_zero_weeks_and_flow_parts_add_up():
    columns = svg_of(column_chart(
        "Per week", [("02/03", 3), ("09/03", 0), ("16/03", 5)], series=Series("Sold")))
    check_readable(columns)
    assert len(columns.findall(f".//{SVG}rect[@class='chart-zero']")) == 1
    flow = svg_of(flow_chart(
        "Kilos", [("collected", "In", 1000)], [("sold", "Sold", 600), ("recycled", "Recycled", 300),
                                               ("stock", "Stock", 100)], value_text=str))
    check_readable(flow)
    widths = [float(rect.get("width")) for rect in flow.iter(f"{SVG}rect") if rect.get("class") == "chart-bar"]
    assert widths[0] == pytest.approx(sum(widths[1:]))  # what went out tiles what came in
    assert len({rect.get("fill") for rect in flow.iter(f"{SVG}rect") if rect.get("class") == "chart-bar"}) >= 4


def test_a_chart_with_nothing_to_draw_says_so():
    assert "<svg" not in bar_chart("Empty", [], series=[Series("x")])
    assert "Nothing to show" in column_chart("Empty", [], series=Series("x"))


@pytest.fixture
def lot_with_sales(fixed_impact, make_user, add_item, sell):
    student = make_user(Role.student, username="elsa", display_name="Elsa")
    lot = fixed_impact.lots["indigo"]
    for n, sold in enumerate((True, True, False)):
        item = add_item(f"P{n}", category="bags", first_price_ore=19900, priced_at=PERIOD_START, lot=lot)
        credit(item, student)
        if sold:
            sell(item, day=date(2026, 3, 10 + n), amount_ore=19900)
    return lot, student


def test_every_chart_on_every_report_page_is_readable(client, login_as, lot_with_sales):
    lot, _student = lot_with_sales
    login_as(Role.admin)
    pages = {f"/reports/sales?{MARCH}": 4, f"/reports/pipeline?{MARCH}": 2, f"/reports/lots/{lot.id}?{MARCH}": 3}
    for url, expected in pages.items():
        html = client.get(url).get_data(as_text=True)
        found = charts_in(html)
        assert len(found) == expected, url
        for svg in found:
            check_readable(svg)
    feedback = charts_in(client.get(f"/reports/lots/{lot.id}?{MARCH}").get_data(as_text=True))[0]
    assert len({fill for fill in fills(feedback)}) >= 2  # yours solid, the shop's patterned
