"""Journey 4: a supervisor opens a till, sells through the day (an item in cash, a manual line by card),
counts the drawer and closes the day; the Z-report's totals are the sum of the day's receipts."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_till, open_till, scan, screenshot, sign_in

ITEM = ("Ullkofta", 14950)  # in cash, 149,50 kr rounds up to 150 kr
MANUAL = ("Knappar i burk", "25,25")  # an unlabelled small thing, by card: never rounded


def figure(page, table, label: str) -> str:
    """The amount in a report table's row headed ``label``, as the user reads it."""
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label, exact=True))
    return row.get_by_role("cell").last.inner_text().replace("\xa0", " ").strip()


def kr(ore: int) -> str:
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100},{abs(ore) % 100:02d} kr"


@pytest.fixture
def journey(api, demo_server):
    # Its own till, so closing this day touches no other test's till.
    return {"till": new_till(demo_server), "code": api.items_for_sale([ITEM])[0]}


def test_supervisor_closes_the_till_day_and_the_z_report_matches_the_receipts(page, demo_server, api, journey):
    till, code = journey["till"], journey["code"]
    sign_in(page, demo_server, "handledare2")
    open_till(page, demo_server, till, float_kronor="500")
    screenshot(page, "journey4-01-till-opened")

    # Sale 1: the cardigan, cash, exactly the rounded amount (F7); Esc from the receipt: the next customer.
    scan(page, code)
    page.keyboard.press("F2")
    page.wait_for_url(re.compile(rf"/till/{till}/pay$"))
    page.get_by_role("button", name="Kontant, jämna pengar: 150,00\xa0kr").click()
    page.wait_for_url(re.compile(rf"/till/{till}/receipts/1"))
    expect(page.locator(".receipt-totals")).to_contain_text("Öresavrundning")
    page.keyboard.press("Escape")  # "Nästa kund"

    # Sale 2: a manual line (F6), by card (F3).
    page.wait_for_url(re.compile(rf"/till/{till}$"))
    page.keyboard.press("F6")
    page.get_by_label("Vad").fill(MANUAL[0])
    page.locator("#manual").get_by_label("Kategori").select_option(label="Smycken")
    page.locator("#manual").get_by_label("Pris").fill(MANUAL[1])
    page.get_by_role("button", name="Lägg till raden").click()
    expect(page.locator("#cart")).to_contain_text(MANUAL[0])
    page.keyboard.press("F2")
    page.wait_for_url(re.compile(rf"/till/{till}/pay$"))
    page.keyboard.press("F3")
    page.wait_for_url(re.compile(rf"/till/{till}/receipts/2"))
    screenshot(page, "journey4-02-second-receipt")

    receipts = [api.get(f"/tills/{till}/receipts/{number}") for number in (1, 2)]
    net = sum(r["total_ore"] for r in receipts)
    rounding = sum(r["rounding_ore"] for r in receipts)
    by_method = {"cash": 0, "card": 0}
    for receipt in receipts:
        for payment in receipt["payments"]:
            by_method[payment["method"]] += payment["amount_ore"]
    assert (net, rounding, by_method) == (14950 + 2525, 50, {"cash": 15000, "card": 2525})
    expected_cash = 50000 + by_method["cash"]

    # Close: count the drawer blind (nothing says what it should hold), then the count beside the expected:
    # a krona short, with the reason; then the Z-report.
    page.get_by_role("link", name="Nästa kund").click()
    page.get_by_role("link", name="Stäng kassan").click()
    expect(page.get_by_label("Räknade kontanter")).to_be_focused()
    expect(page.get_by_role("main")).not_to_contain_text(kr(expected_cash).replace(" kr", "\xa0kr"))
    page.get_by_label("Räknade kontanter").fill("649")
    screenshot(page, "journey4-03-count-the-drawer")
    page.get_by_role("button", name="Nästa: jämför med det väntade").click()
    expect(page.locator("#count-expected")).to_have_text(kr(expected_cash).replace(" kr", "\xa0kr"))
    expect(page.locator("#count-difference")).to_have_text("-1,00\xa0kr")
    expect(page.get_by_label("Orsak till en differens")).to_be_focused()
    page.get_by_label("Orsak till en differens").fill("En krona saknas")
    screenshot(page, "journey4-04-the-count-beside-the-expected")
    page.get_by_role("button", name="Stäng dagen och skriv ut Z-rapporten").click()

    page.wait_for_url(re.compile(rf"/till/{till}/z/1"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Z-rapport 1, kassa {till}")
    expect(page.get_by_text("Dagen är stängd och kan inte ändras.")).to_be_visible()
    tables = page.locator("table.report-table")
    figures, methods, cash = tables.nth(0), tables.nth(1), tables.last
    assert figure(page, figures, "Växelkassa vid öppning") == "500,00 kr"
    assert figure(page, figures, "Försäljningskvitton") == "2"
    assert figure(page, figures, "Försäljning") == kr(net)
    assert figure(page, figures, "Nettoförsäljning") == kr(net)
    assert figure(page, figures, "Öresavrundning") == kr(rounding)
    assert figure(page, methods, "Kontant") == kr(by_method["cash"])
    assert figure(page, methods, "Kort") == kr(by_method["card"])
    assert figure(page, cash, "Väntat i kassalådan") == kr(expected_cash)
    assert figure(page, cash, "Räknat") == "649,00 kr"
    assert figure(page, cash, "Differens") == kr(64900 - expected_cash) == "-1,00 kr"
    screenshot(page, "journey4-05-z-report")

    # The day is closed: the till asks for a new float, and lists this Z-report.
    page.get_by_role("link", name="Tillbaka till kassan").click()
    expect(page.get_by_role("heading", name=f"Kassa {till} är stängd")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Z 1 ·"))).to_be_visible()
    api.call("GET", f"/tills/{till}/x", expect=409)  # no open day to report on
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []
