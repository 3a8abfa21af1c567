"""The money pages looked at (issue 20): paying with the Swish QR, a receipt carrying the Swish reference,
the X-report with an unfinished sale and its time of printing, the Z-report of the close that emptied the
cart, and the SIE page warning that days were exported before; in Swedish and English, at the till's
size for the till's pages and a laptop's for the back office."""

import io
import re
from urllib.parse import unquote

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import new_till, scan
from tests.e2e.tour import look, sign_in_speaking, tour_page

pytestmark = pytest.mark.browser
LANGUAGES = ("sv", "en")


def test_the_money_pages_read_well_at_the_till_and_in_the_back_office(browser, demo_server, api):
    till = new_till(demo_server)
    cardigan, shawl = api.items_for_sale([("Ullkofta", 14949), ("Sjal", 7900)])
    api.call("POST", f"/tills/{till}/open", {"float_ore": 50000}, expect=201)
    pages = {}
    for language, username in zip(LANGUAGES, ("handledare", "handledare2"), strict=True):  # a language each
        pages[language] = tour_page(browser, demo_server, size="till", language=language)
        sign_in_speaking(pages[language], demo_server, username, language)
    sv = pages["sv"]

    sv.goto(demo_server.url(f"/till/{till}"))
    scan(sv, cardigan)
    for page in pages.values():
        page.goto(demo_server.url(f"/till/{till}/pay"))
        expect(page.locator("#swish-qr")).to_be_visible()
        look(page, "money-pay", full_page=True)  # the Swish QR is below the fold at the till's size
    # What a phone reads from the QR: Swish's prefilled format, the message URL-encoded and naming the sale.
    image = Image.open(io.BytesIO(sv.locator("#swish-qr").screenshot())).convert("L")
    payload = zxingcpp.read_barcodes(image)[0].text
    assert re.fullmatch(rf"C[0-9]+;149,49;{till}%20[0-9A-F]{{8}};0", payload), payload

    sv.locator("button[name=quick][value=swish]").click()
    sv.wait_for_url(re.compile(rf"/till/{till}/receipts/1"))
    expect(sv.locator(".receipt-totals")).to_contain_text(unquote(payload.split(";")[2]))  # the QR's reference
    look(sv, "money-receipt-swish", full_page=True)

    sv.goto(demo_server.url(f"/till/{till}"))
    scan(sv, shawl)  # left in the cart: an unfinished sale
    for page in pages.values():
        page.goto(demo_server.url(f"/till/{till}/x"))
        look(page, "money-x-report", full_page=True)
    for page in pages.values():  # the X-report is the shop's document: Swedish whatever the cashier speaks
        expect(page.get_by_role("main")).to_contain_text("Ej avslutade försäljningar (1)")
        expect(page.get_by_role("main")).to_contain_text("Utskriven ")

    z = api.call("POST", f"/tills/{till}/close", {"counted_cash_ore": 50000}, expect=201)
    assert (z["unfinished_count"], z["unfinished_ore"]) == (1, 7900)
    for page in pages.values():
        page.goto(demo_server.url(f"/till/{till}/z/{z['z_number']}"))
        look(page, "money-z-report", full_page=True)

    today = z["business_date"]
    exported = api.http.get(demo_server.url(f"/api/v1/exports/sie?from={today}&to={today}"), timeout=30)
    assert exported.status_code == 200
    for page in pages.values():
        page.set_viewport_size({"width": 1366, "height": 768})
        page.tour_size = "laptop"
        page.goto(demo_server.url(f"/reports/sie?from={today}&to={today}"))
        expect(page.locator("#sie-reexported")).to_contain_text(f"{till} Z{z['z_number']}")
        look(page, "money-sie", full_page=True)
    for page in pages.values():
        page.context.close()
