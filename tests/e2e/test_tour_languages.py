"""The participant's screens in Arabic, Persian, Somali and Tigrinya at the till's 1024×768: sign-in, home,
donations and unpacking, the queues and an item at its step, items, labels, lots, the work record, their
own data, and the till (open, scan, pay, receipt, return, cashier, close).

Each screen goes through tour.look (no markup shown, nothing sideways, no console error) and
tour.not_in_language (no message's Swedish or English text where the language has its own words). In
Arabic and Persian the page is mirrored (the menu and the till's side panel on the other side) and codes
and prices read left to right. The screenshots, ``lang-<screen>-till-<language>.png``, are the ones each
message's translator comment points at (scripts/i18n_screens.py)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_till
from tests.e2e.tour import above_the_key_bar, look, not_in_language, sign_in_speaking, tour_page

LANGUAGES = ("ar", "fa", "so", "ti")
RTL = ("ar", "fa")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# A code or a figure with a space or letters in it ("129,00 kr", "SKH-1"), not kept left to right: a plain
# number reads left to right in any text.
_LEFT_TO_RIGHT = """() => [...document.querySelectorAll('main code, main .code-link, main td.num')]
  .filter(el => el.getClientRects().length && getComputedStyle(el).direction !== 'ltr'
          && /\\d/.test(el.textContent) && /[\\sA-Za-z]/.test(el.textContent.trim())
          && !/^\\u2066[^\\u2069]*\\u2069$/.test(el.textContent.trim()))
  .map(el => el.tagName.toLowerCase() + ' ' + el.textContent.trim().slice(0, 30))"""


@pytest.fixture(scope="module")
def stock(api):
    """Per language: an item to sell and return, and one to sell typed in the language's own digits."""
    items = api.items_for_sale([("Kashmirtröja", 14900)] * len(LANGUAGES) * 2)
    return {language: items[2 * n:2 * n + 2] for n, language in enumerate(LANGUAGES)}


class Visit:
    """Looks at each screen and gathers what is not in the language, to say it all at the end."""

    def __init__(self, page, server, language: str):
        self.page, self.server, self.language = page, server, language
        self.found: list[str] = []

    def look(self, name: str, path: str | None = None) -> None:
        if path:
            response = self.page.goto(self.server.url(path) if path.startswith("/") else path)
            assert response.status == 200, f"{path}: {response.status}"
        look(self.page, f"lang-{name}")
        html = self.page.locator("html")
        assert html.get_attribute("lang") == self.language, name
        assert html.get_attribute("dir") == ("rtl" if self.language in RTL else "ltr"), name
        self.found += [f"{name}: {text}" for text in not_in_language(self.page, self.language)]
        if self.language in RTL:
            self.found += [f"{name}: right to left: {what}" for what in self.page.evaluate(_LEFT_TO_RIGHT)]

    def done(self) -> None:
        assert not self.found, f"{self.language}: {len(self.found)} texts:\n  " + "\n  ".join(self.found)


def _first_href(page, selector: str) -> str:
    href = page.locator(selector).first.get_attribute("href")
    assert href, selector
    return href


@pytest.mark.parametrize("language", LANGUAGES)
def test_participant_back_room_in_their_language(browser, demo_server, language):
    page = tour_page(browser, demo_server, size="till", language=language)
    visit = Visit(page, demo_server, language)
    try:
        page.goto(demo_server.url("/login"))
        page.locator(f".language-switch button[value='{language}']").click()
        page.wait_for_load_state()
        visit.look("signin")
        sign_in_speaking(page, demo_server, "deltagare2", language)
        visit.look("home", "/")
        if language in RTL:  # mirrored: the page's start (the brand, the first menu entry) is on the right
            brand = page.locator("header a").first.bounding_box()
            assert brand["x"] > page.viewport_size["width"] / 2, brand
        visit.look("password", "/account/password")
        visit.look("donations", "/donations/")
        unpack = _first_href(page, "table a.code-link")
        visit.look("donation-new", "/donations/new")
        visit.look("unpack", unpack)
        visit.look("queue-wash", "/pipeline/wash")
        visit.look("queue-sort", "/pipeline/sort")
        code = re.search(r"/items/(\d{13})", _first_href(page, "table a.code-link")).group(1)
        page.locator("#scan-code").fill(code.translate(ARABIC_INDIC if language == "ar" else PERSIAN)
                                        if language in RTL else code)  # as their keyboard types it
        page.locator("#scan-code").press("Enter")
        page.wait_for_url(re.compile(rf"/pipeline/items/{code}"))
        visit.look("item-sort")
        visit.look("items", "/items/?status=for_sale")
        visit.look("item", _first_href(page, "table a[href*='/items/29']"))
        visit.look("labels", "/labels/queue")
        visit.look("lots", "/lots/")
        lot = page.locator("main a[href*='/lots/']")
        if lot.count():
            visit.look("lot", lot.first.get_attribute("href"))
        visit.look("work", "/reports/participants")
        visit.look("data", "/account/data")
        visit.done()
    finally:
        page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_participant_till_in_their_language(browser, demo_server, stock, language):
    page = tour_page(browser, demo_server, size="till", language=language)
    page.on("dialog", lambda dialog: dialog.accept())
    visit = Visit(page, demo_server, language)
    sell, typed = stock[language]
    try:
        sign_in_speaking(page, demo_server, "deltagare2", language)
        till = page.tour_till = new_till(demo_server)
        visit.look("till-open", f"/till/{till}")
        page.locator("input[name=float_amount]").fill("500")
        page.locator("input[name=float_amount]").press("Enter")
        page.wait_for_selector("#code")
        field = page.locator("#code")
        expect(field).to_be_focused()
        with page.expect_response(lambda response: response.url.endswith("/scan")):
            page.keyboard.type(sell, delay=2)
            page.keyboard.press("Enter")
        # In their own digits, as their keyboard types them (٢٩… in Arabic): the till sells it all the same.
        own_digits = typed.translate(PERSIAN if language == "fa" else ARABIC_INDIC)
        with page.expect_response(lambda response: response.url.endswith("/scan")):
            page.keyboard.type(own_digits, delay=2)
            page.keyboard.press("Enter")
        expect(page.locator("#cart .cart-line")).to_have_count(2)
        visit.look("till")
        if language in RTL:  # mirrored: the side panel (total, Pay) on the cart's left
            cart, side = page.locator("#cart").bounding_box(), page.locator(".till-side").bounding_box()
            assert side["x"] + side["width"] <= cart["x"] + 1, (cart, side)
        page.keyboard.press("F2")
        page.wait_for_url(re.compile(rf"/till/{till}/pay$"))
        visit.look("till-pay")
        page.keyboard.press("F3")
        page.wait_for_url(re.compile(rf"/till/{till}/receipts/1"))
        visit.look("till-receipt")
        expect(page.locator(".receipt")).to_have_attribute("lang", "sv")  # the customer's receipt: Swedish
        page.locator(".receipt-actions a[href*='/returns']").click()
        page.wait_for_url(re.compile(rf"/till/{till}/returns"))
        visit.look("till-return")
        page.locator("input[name=line]").first.check()
        page.locator("select[name=refund_method]").select_option("card")
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_url(re.compile(rf"/till/{till}/receipts/2"))
        visit.look("till-return-done")
        page.keyboard.press("F8")
        page.wait_for_url(re.compile(rf"/till/{till}/cashier"))
        visit.look("till-cashier")
        visit.look("till-close", f"/till/{till}/close")
        page.locator("input[name=counted]").fill("1")  # short of the float: the reason field shows
        page.locator("input[name=counted]").press("Enter")
        expect(page.locator("textarea[name=note]")).to_be_visible()
        visit.look("till-close-result")
        assert above_the_key_bar(page, ".close-card .register-actions a:last-child")
        visit.done()
    finally:
        page.context.close()
