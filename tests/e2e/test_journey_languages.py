"""A participant who speaks Tigrinya (and one who speaks Arabic) works a donation from bags to the till in
their own language: registers it, unpacks two items, washes them as one load, sorts, values and prices
them, marks their labels printed, sells both at the till (one code typed in their own digits) and takes
one back. Buttons are found by their names in the language (from the catalogs, as the app shows them),
and every screen is checked for Swedish or English text left on it (tour.not_in_language)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_till
from tests.e2e.tour import look, not_in_language, say, sign_in_speaking, tour_page

# Free text the demo's people typed themselves (a wash programme, a colour): their words, not the app's.
TYPED_BY_PEOPLE = ("Fintvätt", "Handtvätt", "brun", "grön", "svart", "blå", "deltagare2")


@pytest.mark.parametrize(("language", "username"), [("ti", "deltagare2"), ("ar", "deltagare5")])
def test_a_donation_from_bags_to_the_till_in_the_participants_language(browser, demo_server, api, language,
                                                                       username):
    page = tour_page(browser, demo_server, size="till", language=language)
    page.on("dialog", lambda dialog: dialog.accept())
    found: list[str] = []

    def check(step: str) -> None:
        look(page, f"journey-lang-{step}")
        found.extend(f"{step}: {text}" for text in not_in_language(page, language, allowed=TYPED_BY_PEOPLE))

    def button(msgid: str):
        return page.get_by_role("button", name=say(language, msgid))

    try:
        sign_in_speaking(page, demo_server, username, language)
        # 1. A drop-off at Skärholmen.
        page.goto(demo_server.url("/donations/new"))
        page.locator("input[name=source][value=drop_off]").check()
        page.locator("select[name=location]").select_option("SKH")
        page.locator("input[name=weight]").fill("1,5")
        page.locator("input[name=bags]").fill("1")
        check("01-donation")
        button("Register and unpack").click()
        page.wait_for_url(re.compile(r"/donations/\d+"))
        donation = int(re.search(r"/donations/(\d+)", page.url).group(1))

        # 2. Unpack two items with the first category's key.
        page.keyboard.press(page.locator("button.shortcut").first.get_attribute("data-key"))
        for count in (1, 2):
            page.keyboard.press("Enter")
            expect(page.locator("[data-total]")).to_have_text(str(count))
        codes = [code.strip() for code in page.locator("[data-recent] code").all_inner_texts()][:2]
        check("02-unpack")
        button("Done: everything is unpacked").click()
        assert api.get(f"/donations/{donation}")["items"] == 2

        # 3. Wash both as one load.
        page.goto(demo_server.url("/pipeline/wash"))
        page.locator("textarea[name=codes]").fill("\n".join(codes))
        check("03-wash")
        button("Wash these as one load").click()
        expect(page.locator(".flash-success")).to_be_visible()
        assert {api.get(f"/items/{code}")["status"] for code in codes} == {"washed"}

        # 4. Sort, 5. value, one by one, opened by scanning.
        for step, fill, save in (("sort", None, "Save sorting"), ("value", "55", "Save value")):
            for code in codes:
                page.goto(demo_server.url(f"/pipeline/{step}"))
                page.locator("#scan-code").fill(code)
                page.locator("#scan-code").press("Enter")
                page.wait_for_url(re.compile(rf"/pipeline/items/{code}"))
                if step == "sort":
                    page.locator("input[name=grade][value=shop]").check()
                    page.locator("input[name=condition][value='4']").check()
                else:
                    page.locator("input[name=value]").fill(fill)
                if code == codes[0]:
                    check(f"04-{step}")
                button(save).click()
                expect(page.locator(".flash-success")).to_contain_text(code)
        assert {api.get(f"/items/{code}")["value_ore"] for code in codes} == {5500}

        # 6. Price both at once.
        page.goto(demo_server.url("/pipeline/price"))
        page.locator("textarea[name=codes]").fill("\n".join(codes))
        page.locator("#batch input[name=price]").fill("60")
        check("05-price")
        button("Price these").click()
        expect(page.locator(".flash-success")).to_be_visible()
        assert {api.get(f"/items/{code}")["status"] for code in codes} == {"for_sale"}

        # 7. Their labels: only these two, marked printed.
        page.goto(demo_server.url("/labels/queue?location=SKH&order=newest"))
        for box in page.locator("input[name=selected]").all():
            box.set_checked(box.get_attribute("value").split(":")[0] in codes)
        check("06-labels")
        button("Mark printed").click()
        expect(page.locator(".flash-success")).to_be_visible()
        for code in codes:
            expect(page.get_by_role("row").filter(has_text=code)).to_have_count(0)

        # 8. The till: both sold (the second typed in Arabic-Indic digits), one taken back to the card.
        till = new_till(demo_server)
        page.goto(demo_server.url(f"/till/{till}"))
        page.locator("input[name=float_amount]").fill("500")
        button("Open the till").click()
        field = page.locator("#code")
        for code in (codes[0], codes[1].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))):
            expect(field).to_be_focused()
            with page.expect_response(lambda response: response.url.endswith("/scan")):
                page.keyboard.type(code, delay=2)
                page.keyboard.press("Enter")
        expect(page.locator("#cart .cart-line")).to_have_count(2)
        check("07-till")
        page.keyboard.press("F2")
        page.wait_for_url(re.compile(rf"/till/{till}/pay$"))
        page.keyboard.press("F3")
        page.wait_for_url(re.compile(rf"/till/{till}/receipts/1"))
        check("08-receipt")
        assert {api.get(f"/items/{code}")["status"] for code in codes} == {"sold"}
        page.locator(".receipt-actions a[href*='/returns']").click()
        page.wait_for_url(re.compile(rf"/till/{till}/returns"))
        page.locator("input[name=line]").first.check()
        page.locator("select[name=refund_method]").select_option("card")
        check("09-return")
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_url(re.compile(rf"/till/{till}/receipts/2"))
        expect(page.locator(".pay-back-due")).to_contain_text(say(language, "Pay back %(amount)s to the card",
                                                                  amount="§").split("§")[-1].strip())
        check("10-returned")
        assert sorted(api.get(f"/items/{code}")["status"] for code in codes) == ["for_sale", "sold"]
        assert not found, f"{language}: texts not in the language:\n  " + "\n  ".join(found)
    finally:
        page.context.close()
