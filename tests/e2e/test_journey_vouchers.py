"""A gift voucher's journey through two places: sold at a Skärholmen till (Ins, the amount, paid by card),
its receipt naming the voucher and its validity and offering the printable A6 voucher; then scanned at a
Husby till, where it opens the pay screen filled in and pays part of a sale, the receipt showing what is
left and until when. Both tills closed: the Z-reports and the SIE file carry the voucher sold and spent.
At the till's 1024×768, in Swedish and English; every screen through tour.look."""

import re
from datetime import date, datetime

import pytest
from playwright.sync_api import expect

from boutique.core.clock import sales_day
from tests.e2e.conftest import new_till
from tests.e2e.tour import in_first_viewport, look, sign_in_speaking, tour_page

LANGUAGES = ("sv", "en")
WORDS = {"sv": {"left": "kvar", "paid_with": "Betalt med det"}, "en": {"left": "left", "paid_with": "Paid with it"}}


def _open(page, server, till):
    page.goto(server.url(f"/till/{till}"))
    page.locator("input[name=float_amount]").fill("500")
    page.locator("input[name=float_amount]").press("Enter")
    page.wait_for_url(re.compile(rf"/till/{till}$"))
    page.wait_for_load_state("load")  # the till's script listens for the keys once the page has loaded
    expect(page.locator("#code")).to_be_focused()


def _ten_years_on(today: date) -> str:
    return today.replace(year=today.year + 10).isoformat()  # the shop's default validity: 120 months


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_voucher_sold_at_skarholmen_is_part_spent_at_husby(browser, demo_server, api, language):
    page = tour_page(browser, demo_server, size="till", language=language)
    words = WORDS[language]
    [dress] = api.items_for_sale([("Blommig klänning", 14900)], location="HUS")
    try:
        sign_in_speaking(page, demo_server, "deltagare", language)
        skh = new_till(demo_server, "SKH")
        _open(page, demo_server, skh)

        # Ins opens "sell a gift voucher" with the cursor in the amount: 500, Enter, and it is in the cart.
        page.keyboard.press("Insert")
        expect(page.locator("#voucher-amount")).to_be_focused()
        with page.expect_response(lambda response: response.url.endswith("/voucher")):
            page.keyboard.type("500")
            page.keyboard.press("Enter")
        expect(page.locator("#cart .cart-line")).to_have_count(1)
        expect(page.locator("#cart-total")).to_have_text("500,00\xa0kr")
        look(page, "voucher-01-sold-in-the-cart")
        page.keyboard.press("F2")
        page.wait_for_url(re.compile(rf"/till/{skh}/pay"))
        page.keyboard.press("F3")  # card, the whole amount
        page.wait_for_url(re.compile(rf"/till/{skh}/receipts/1"))
        receipt = page.locator(".receipt").inner_text()
        code = re.search(r"Presentkort\s+(27\d{11})", receipt).group(1)
        # Ten years from the Stockholm day it was sold (issued_at is UTC: just after midnight in Stockholm it
        # is still the day before there).
        valid_until = _ten_years_on(sales_day(datetime.fromisoformat(api.get(f"/vouchers/{code}")["issued_at"])))
        assert "Giltigt t.o.m." in receipt and valid_until in receipt
        look(page, "voucher-02-receipt-of-the-voucher-sold")
        printable = page.request.get(demo_server.url(f"/vouchers/{code}.pdf"))
        assert printable.ok and printable.headers["content-type"] == "application/pdf"
        expect(page.get_by_role("link", name=re.compile(code))).to_be_visible()

        # At Husby: the dress, then the voucher scanned as a scanner types it: the pay screen, filled in.
        hus = new_till(demo_server, "HUS")
        _open(page, demo_server, hus)
        page.keyboard.type(dress, delay=2)
        page.keyboard.press("Enter")
        expect(page.locator("#cart .cart-line")).to_have_count(1)
        page.keyboard.type(code, delay=2)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"/till/{hus}/pay\?voucher={code}"))
        expect(page.locator("#voucher_code")).to_have_value(code)
        expect(page.locator("#voucher")).to_have_value("149,00")
        expect(page.locator("#voucher-balance")).to_contain_text(f"500,00\xa0kr {words['left']}")
        widths = page.locator("#voucher_code").evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert widths[0] <= widths[1], widths  # the whole code shows
        assert in_first_viewport(page, "#voucher") and in_first_viewport(page, "#pay-form [type=submit]")
        look(page, "voucher-03-pay-with-the-voucher")
        page.keyboard.press("F2")  # complete the sale with what is filled in
        page.wait_for_url(re.compile(rf"/till/{hus}/receipts/1"))
        receipt = page.locator(".receipt").inner_text()
        assert "351,00" in receipt and valid_until in receipt and "Saldo" in receipt
        look(page, "voucher-04-receipt-with-the-balance")
        voucher = api.get(f"/vouchers/{code}")
        assert (voucher["balance_ore"], voucher["valid_until"]) == (35100, valid_until)
        assert [(e["kind"], e["till"]) for e in voucher["history"]] == [("issued", skh), ("redeemed", hus)]
        assert page.watch.console_errors == [] and page.watch.foreign_requests == []
    finally:
        page.context.close()

    # The day closed at both tills: the Z-reports and the SIE file carry the voucher sold and spent.
    sold = api.call("POST", f"/tills/{skh}/close", {"counted_cash_ore": 50000}, expect=201)
    spent = api.call("POST", f"/tills/{hus}/close", {"counted_cash_ore": 50000}, expect=201)
    assert (sold["vouchers_sold_count"], sold["vouchers_sold_ore"], sold["payments"]["card"]) == (1, 50000, 50000)
    assert (spent["vouchers_redeemed_count"], spent["vouchers_redeemed_ore"]) == (1, 14900)
    assert spent["payments"]["voucher"] == 14900
    day = sold["business_date"]
    sie = api.http.get(demo_server.url(f"/api/v1/exports/sie?from={day}&to={day}"), timeout=30)
    assert sie.status_code == 200
    text = sie.content.decode("cp437")
    for till, line in ((skh, "#TRANS 2421 {} -500.00"), (hus, "#TRANS 2421 {} 149.00")):
        voucher_text = text[text.index(f'"Kassa {till} Z1"'):]
        assert line in voucher_text[:voucher_text.index("\r\n}")], voucher_text[:400]
