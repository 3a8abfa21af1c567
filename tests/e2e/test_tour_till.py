"""The screenshot tour of the till, as a participant works it: open, the empty register, ten lines after a
reload (one from Husby, one discounted, a discount form open), pay, a sale's receipt, a return with its
pay-back, the receipts journal, the X-report, switching cashier, and closing the day by a blind count,
at the till's 1024×768, 1280×800, 1366×768 and a portrait 768×1024, in Swedish and English.

Every screen goes through tour.look (no markup or template text, nothing scrolls sideways, no console
error); the till, pay and return screens also have no target under 44×44 px. The screenshots land in
test-artifacts/screenshots/tour/ to be looked at."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_till
from tests.e2e.tour import above_the_key_bar, in_first_viewport, look, sign_in_speaking, small_targets, tour_page

SIZES = ("till", "wide", "laptop", "portrait")
LANGUAGES = ("sv", "en")
SHELF = [("Randig tröja", 9900), ("Linneskjorta med lång ärm och pärlemorknappar", 12900), ("Sidenblus", 8500),
         ("Jeansjacka", 24900), ("Ullkofta", 14950), ("Sammetskjol", 11000), ("Blommig klänning", 19900),
         ("Skinnbälte", 4500), ("Halsduk", 3900)]
WORDS = {
    "sv": {"husby": "Obs: varan hör till Husby", "from": "Från Husby",
           "payback": "Betala tillbaka 149,00 kr till kortet", "short": "Det fattas 20,00 kr"},
    "en": {"husby": "Note: this item belongs to Husby", "from": "From Husby",
           "payback": "Pay back 149,00 kr to the card", "short": "20,00 kr short"},
}


@pytest.fixture(scope="module")
def stock(api):
    """The shelf the tour scans (Skärholmen, and one item from Husby), and one item to sell per screen size
    and language (each is returned to the shelf, but a failed run must not starve the next)."""
    runs = [(size, language) for size in SIZES for language in LANGUAGES]
    return {"shelf": api.items_for_sale(SHELF),
            "husby": api.items_for_sale([("Mönstrad sjal", 6900)], location="HUS")[0],
            "sell": dict(zip(runs, api.items_for_sale([("Kashmirtröja", 14900)] * len(runs)), strict=True))}


def kr_text(locator) -> str:
    return locator.inner_text().replace("\xa0", " ").strip()


def check_targets(page, name: str) -> None:
    small = small_targets(page)
    assert not small, f"{name}: targets under 44×44 px:\n  " + "\n  ".join(small)


def scan_quietly(page, server, till: str, code: str) -> None:
    """Scan as the till's script does (the page's own session and CSRF token), without drawing."""
    token = page.locator("#till").get_attribute("data-csrf")
    response = page.request.post(server.url(f"/till/{till}/scan"), form={"code": code},
                                 headers={"Accept": "application/json", "X-CSRFToken": token})
    assert response.ok and response.json()["ok"], response.text()


def scan_typed(page, code: str) -> None:
    field = page.locator("#code")
    expect(field).to_be_focused()
    with page.expect_response(lambda response: response.url.endswith("/scan")):
        page.keyboard.type(code, delay=2)
        page.keyboard.press("Enter")
    expect(field).to_have_value("")


def test_the_till_works_without_javascript(browser, demo_server, stock):
    """Every form posts and the server draws the answer: open, scan (a Husby item: said so), remove, pay."""
    page = tour_page(browser, demo_server, size="till", language="sv", javascript=False)
    try:
        sign_in_speaking(page, demo_server, "deltagare", "sv")
        till = new_till(demo_server)
        page.goto(demo_server.url(f"/till/{till}"))
        page.get_by_label("Växelkassa").fill("300")
        page.get_by_role("button", name="Öppna kassan").click()
        for code in (stock["husby"], stock["shelf"][0]):
            page.get_by_label("Skanna eller skriv en kod").fill(code)
            page.get_by_role("button", name="Lägg till").click()
            page.wait_for_url(re.compile(rf"/till/{till}$"))
        expect(page.locator("#cart .cart-line")).to_have_count(2)
        expect(page.locator("#cart")).to_contain_text("Från Husby")
        look(page, "till-nojs-two-lines")
        page.get_by_role("button", name="Ta bort Mönstrad sjal").click()
        expect(page.locator("#till-message")).to_have_text("Raden är borttagen.")
        expect(page.locator("#cart .cart-line")).to_have_count(1)
        page.get_by_role("link", name="Betala").click()
        page.get_by_role("button", name=re.compile("^Kort godkänt")).click()
        page.wait_for_url(re.compile(rf"/till/{till}/receipts/1"))
        look(page, "till-nojs-receipt")
        page.get_by_role("link", name=re.compile("^Returnera varor")).click()
        page.get_by_label("Randig tröja").check()
        page.get_by_role("button", name="Skapa returkvittot").click()
        expect(page.locator(".pay-back-due")).to_have_text("Betala tillbaka 99,00\xa0kr kontant")
    finally:
        page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_tour_of_the_till(browser, demo_server, stock, size, language):
    page = tour_page(browser, demo_server, size=size, language=language)
    page.on("dialog", lambda dialog: dialog.accept())
    words = WORDS[language]
    try:
        sign_in_speaking(page, demo_server, "deltagare2", language)
        till = page.tour_till = new_till(demo_server)
        page.goto(demo_server.url(f"/till/{till}"))
        look(page, "till-01-open")
        page.locator("input[name=float_amount]").fill("500")
        page.locator("input[name=float_amount]").press("Enter")
        page.wait_for_selector("#code")
        look(page, "till-02-empty")
        check_targets(page, "the empty till")

        # Ten lines: nine from Skärholmen's shelf, one from Husby scanned as a scanner does (the till says so).
        for code in stock["shelf"]:
            scan_quietly(page, demo_server, till, code)
        scan_typed(page, stock["husby"])
        expect(page.locator("#till-message")).to_contain_text(words["husby"])
        expect(page.locator("#till-message")).to_have_class(re.compile("is-warn"))
        look(page, "till-03-husby-scanned")

        # After a reload (the server renders the cart itself): the lines in their area, total and Pay in sight.
        page.reload()
        page.wait_for_selector("#code")
        lines = page.locator("#cart .cart-line")
        expect(lines).to_have_count(10)
        expect(page.locator("#cart")).to_contain_text(words["from"])
        look(page, "till-04-ten-lines-after-reload")
        for selector in ("#code", "#cart-total", ".pay-button", "#cart .cart-line:last-child"):
            assert in_first_viewport(page, selector), f"{selector} is not in the first viewport"
        assert page.evaluate("""() => { const cart = document.querySelector('#cart').getBoundingClientRect();
            return [...document.querySelectorAll('#cart .cart-line')].filter(line => {
              const box = line.getBoundingClientRect(); return box.top >= cart.top - 1 && box.bottom <= cart.bottom + 1;
            }).length; }""") >= 4, "fewer than four whole lines show in the cart area"
        check_targets(page, "the till with ten lines")

        # A line's discount opens inside the cart, which stays beside the side panel, not under it.
        first = lines.first
        first.locator("summary").click()
        expect(first.locator(".discount form")).to_be_visible()
        cart_box, side_box = page.locator("#cart").bounding_box(), page.locator(".till-side").bounding_box()
        table_box = page.locator("#cart table").bounding_box()
        assert table_box["width"] <= cart_box["width"] + 1, f"table {table_box['width']} in {cart_box['width']}px"
        if side_box["x"] > cart_box["x"]:
            assert cart_box["x"] + cart_box["width"] <= side_box["x"], "the cart runs under the side panel"
        look(page, "till-05-discount-open")
        first.locator("select").select_option("percent")
        first.locator("input[name=discount-value]").fill("10")
        first.locator("input[name=discount-reason]").fill("Fläck" if language == "sv" else "A stain")
        first.locator(".discount form button[type=submit]").click()
        expect(first.locator(".line-discount")).to_be_visible()

        # Pay: its total and buttons in sight; Esc from the cash field (where the cursor lands) goes back.
        page.keyboard.press("F2")
        page.wait_for_url(re.compile(rf"/till/{till}/pay$"))
        expect(page.locator("#cash")).to_be_focused()
        look(page, "till-06-pay")
        for selector in ("#pay-total", "#pay-form button[type=submit]", ".pay-quick button"):
            assert in_first_viewport(page, selector), f"{selector} is not in the first viewport of pay"
        check_targets(page, "pay")
        page.keyboard.type("20")
        page.keyboard.press("Escape")
        page.wait_for_url(re.compile(rf"/till/{till}$"))

        # A sale by card (F9 empties the cart, F3 is a card for the whole amount).
        page.keyboard.press("F9")
        expect(page.locator("#cart .cart-line")).to_have_count(0)
        scan_typed(page, stock["sell"][(size, language)])
        page.keyboard.press("F2")
        page.wait_for_url(re.compile(rf"/till/{till}/pay$"))
        page.keyboard.press("F3")
        page.wait_for_url(re.compile(rf"/till/{till}/receipts/1"))
        look(page, "till-07-receipt")

        # A return, refunded to the card, says what to pay back as big as change.
        page.locator(".receipt-actions a[href*='/returns']").click()
        page.wait_for_url(re.compile(rf"/till/{till}/returns"))
        look(page, "till-08-return")
        check_targets(page, "return")
        page.locator("input[name=line]").check()
        page.locator("select[name=refund_method]").select_option("card")
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_url(re.compile(rf"/till/{till}/receipts/2"))
        assert kr_text(page.locator(".pay-back-due")) == words["payback"]
        look(page, "till-09-return-pay-back")

        page.goto(demo_server.url(f"/till/{till}/receipts"))
        expect(page.locator(".journal-table tbody tr")).to_have_count(2)
        look(page, "till-10-journal")
        page.goto(demo_server.url(f"/till/{till}/x"))
        look(page, "till-11-x-report")
        page.keyboard.press("F8")
        page.wait_for_url(re.compile(rf"/till/{till}/cashier"))
        look(page, "till-12-cashier")

        # Closing: the count alone, then it beside the expected, and a reason for the difference.
        page.goto(demo_server.url(f"/till/{till}/close"))
        expect(page.locator("main")).not_to_contain_text("500,00")
        look(page, "till-13-close-count")
        page.locator("input[name=counted]").fill("480")
        page.locator("input[name=counted]").press("Enter")
        expect(page.locator("#count-difference")).to_have_text("-20,00\xa0kr")
        expect(page.locator(".count-verdict")).to_contain_text(words["short"])
        look(page, "till-14-close-result")
        if page.tour_size == "till":  # its three buttons above the key bar, the reason field shown
            assert above_the_key_bar(page, ".close-card .register-actions a:last-child")
        page.locator("textarea[name=note]").fill("Växel fel" if language == "sv" else "Wrong change")
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_url(re.compile(rf"/till/{till}/z/1"))
        look(page, "till-15-z-report")
    finally:
        if till_code := getattr(page, "tour_till", None):  # free the shared shelf for the next size and language
            token = page.locator("input[name=csrf_token]").first.input_value()
            page.request.post(demo_server.url(f"/till/{till_code}/clear"),
                              headers={"Accept": "application/json", "X-CSRFToken": token})
        page.context.close()
