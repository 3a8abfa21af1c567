"""Journey 2: a cashier scans three items with the keyboard, pays part by card and part in cash (the cash
part rounded, change given), then takes one item back on a return receipt."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_till, open_till, scan, screenshot, sign_in

# 49,50 + 129,00 + 85,00 = 263,50 kr. 100 kr by card leaves 163,50 kr in cash, rounded up to 164 kr
# (50 öre rounds up); the customer hands over 200 kr and gets 36 kr back.
ITEMS = [("Randig blus", 4950), ("Linneskjorta", 12900), ("Sidenblus", 8500)]


def shown(locator) -> str:
    """What the user reads, with the no-break spaces of amounts as plain spaces."""
    return locator.inner_text().replace("\xa0", " ")


@pytest.fixture
def journey(api, demo_server):
    return {"till": new_till(demo_server), "codes": api.items_for_sale(ITEMS)}


def test_cashier_scans_three_items_pays_card_and_cash_then_returns_one(page, demo_server, api, journey):
    till, codes = journey["till"], journey["codes"]
    sign_in(page, demo_server, "deltagare3")

    page.goto(demo_server.url(f"/till/{till}"))
    expect(page.get_by_role("heading", name=f"Kassa {till} är stängd")).to_be_visible()
    screenshot(page, "journey2-01-till-closed")
    open_till(page, demo_server, till, float_kronor="500")
    expect(page.locator("#till-message")).to_have_text(f"Kassa {till} är öppen. Växelkassa: 500,00\xa0kr.")
    screenshot(page, "journey2-02-till-open")

    for (name, _price), code in zip(ITEMS, codes, strict=True):
        scan(page, code)
        expect(page.locator("#till-message")).to_contain_text(f"Tillagd: {name}")
    cart = page.locator("#cart")
    for name, _price in ITEMS:
        expect(cart).to_contain_text(name)
    assert shown(page.locator("#cart-total")) == "263,50 kr"
    screenshot(page, "journey2-03-three-items-scanned")

    # Pay (F2) opens with the cursor in the cash field; Esc from there goes back to the cart, F2 again to pay.
    page.keyboard.press("F2")
    page.wait_for_url(re.compile(rf"/till/{till}/pay$"))
    expect(page.get_by_label("Mottagna kontanter")).to_be_focused()
    page.keyboard.type("5")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(rf"/till/{till}$"))
    expect(page.locator("#cart-total")).to_have_text("263,50\xa0kr")
    page.keyboard.press("F2")
    page.wait_for_url(re.compile(rf"/till/{till}/pay$"))
    assert shown(page.locator("#pay-total")) == "263,50 kr"
    expect(page.locator(".pay-cash-due")).to_contain_text("kontant: 264,00\xa0kr")
    page.get_by_label("Kort", exact=True).fill("100")
    page.get_by_label("Godkänt i terminalen").check()
    page.get_by_label("Mottagna kontanter").fill("200")
    expect(page.locator("#pay-preview")).to_have_text("Växel: 36,00\xa0kr")
    screenshot(page, "journey2-04-pay-split")
    page.keyboard.press("F2")

    page.wait_for_url(re.compile(rf"/till/{till}/receipts/\d+"))
    number = int(re.search(r"/receipts/(\d+)", page.url).group(1))
    receipt = page.locator(".receipt-body")
    expect(receipt).to_contain_text("KVITTO")
    totals = shown(page.locator(".receipt-totals"))
    for row in ("Totalt 263,50 kr", "Öresavrundning 0,50 kr", "Att betala 264,00 kr", "Kort 100,00 kr",
                "Kontant 164,00 kr", "Mottaget 200,00 kr", "Växel 36,00 kr"):
        assert row in totals.replace("\t", " "), f"{row!r} not on the receipt: {totals!r}"
    assert shown(page.locator(".change-due")) == "Växel: 36,00 kr"
    screenshot(page, "journey2-05-receipt")

    sale = api.get(f"/tills/{till}/receipts/{number}")
    assert (sale["total_ore"], sale["rounding_ore"], sale["change_ore"]) == (26350, 50, 3600)
    assert sorted((p["method"], p["amount_ore"]) for p in sale["payments"]) == [("card", 10000), ("cash", 16400)]
    assert {api.get(f"/items/{code}")["status"] for code in codes} == {"sold"}

    # The customer brings the silk blouse back: a return receipt, refunded in cash, the blouse on sale again.
    page.get_by_role("link", name="Returnera varor").click()
    page.get_by_label("Sidenblus").check()
    page.get_by_label("Betala tillbaka med").select_option(label="Kontant")
    screenshot(page, "journey2-06-return-chosen")
    page.get_by_role("button", name="Skapa returkvittot").click()
    page.wait_for_url(re.compile(rf"/till/{till}/receipts/{number + 1}"))
    expect(page.locator(".receipt-body")).to_contain_text("RETURKVITTO")
    expect(page.locator(".receipt-body")).to_contain_text(f"kvitto {number}, kassa {till}")
    assert shown(page.locator(".pay-back-due")) == "Betala tillbaka 85,00 kr kontant"
    assert "Totalt -85,00 kr" in shown(page.locator(".receipt-totals")).replace("\t", " ")
    screenshot(page, "journey2-07-return-receipt")

    returned = api.get(f"/tills/{till}/receipts/{number + 1}")
    assert returned["total_ore"] == -8500
    assert [api.get(f"/items/{code}")["status"] for code in codes] == ["sold", "sold", "for_sale"]
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []
