"""The till works offline from the internet: no console errors, no request beyond our server, and it still
scans and takes payment when every other address is cut off (the shop's network may be down)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_till, open_till, scan, screenshot, sign_in


@pytest.fixture
def till_and_codes(api, demo_server):
    return new_till(demo_server), api.items_for_sale([("Bomullsskjorta", 8990), ("Halsduk", 4500)])


def test_till_scans_and_takes_payment_with_only_our_server_reachable(page, demo_server, till_and_codes):
    till, codes = till_and_codes
    origin = demo_server.base_url
    cut_off: list[str] = []

    def refuse(route):
        cut_off.append(route.request.url)
        route.abort()

    page.context.route(lambda url: not url.startswith((origin, "data:")), refuse)
    sign_in(page, demo_server, "deltagare5")
    open_till(page, demo_server, till)
    assert page.evaluate("document.documentElement.classList.contains('js')")  # the till's script ran
    foreign = page.evaluate("""origin => [...document.querySelectorAll('script[src], link[href], img[src]')]
        .map(el => el.src || el.href).filter(url => !url.startsWith(origin))""", origin)
    assert foreign == []

    for code in codes:
        scan(page, code)
    assert page.locator("#cart-total").inner_text().replace("\xa0", " ") == "134,90 kr"
    page.keyboard.press("F2")
    page.wait_for_url(re.compile(rf"/till/{till}/pay$"))
    page.get_by_label("Mottagna kontanter").fill("200")  # the change is previewed by our own server
    expect(page.locator("#pay-preview")).to_have_text("Växel: 65,00\xa0kr")
    page.keyboard.press("F2")
    page.wait_for_url(re.compile(rf"/till/{till}/receipts/1"))
    expect(page.locator(".change-due")).to_have_text("Växel: 65,00\xa0kr")
    screenshot(page, "till-hygiene-receipt")
    page.keyboard.press("Escape")  # the next customer
    page.wait_for_url(re.compile(rf"/till/{till}$"))
    expect(page.locator("#cart")).to_contain_text("Varukorgen är tom")

    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == [] and cut_off == []
    assert page.watch.failed_requests == [] and page.watch.error_responses == []
