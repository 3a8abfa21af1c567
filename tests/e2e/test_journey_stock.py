"""Stock in a browser: a count of Husby's rugs (most of the shelf scanned as a USB scanner types, the
missing and the unexpected settled, the report printed, the histories showing it), and a transfer from
Husby to Skärholmen scanned out and in with one item missing, settled, while Husby's till refuses an item
in transit. Then the stock pages at the till's 1024×768 and a laptop, in Swedish and English.

Every screen goes through tour.look; the screenshots land in test-artifacts/screenshots/tour/."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, new_till, open_till
from tests.e2e.tour import look, sign_in_speaking, tour_page

RUGS = [("Trasmatta blå", 24900), ("Ryamatta", 39900), ("Kelim", 59900), ("Dörrmatta", 9900),
        ("Trasmatta randig", 19900), ("Plastmatta", 14900)]
JOURNEY = {}


def scan_in_page(page, code: str) -> None:
    """Type the code as a USB scanner does (digits, then Enter) and wait for the screen's confirmation."""
    field = page.locator("#code")
    expect(field).to_be_focused()  # the scanner page keeps the field focused: a scanner needs no click
    with page.expect_response(lambda response: "/scan" in response.url):
        page.keyboard.type(code, delay=2)
        page.keyboard.press("Enter")
    expect(field).to_have_value("")
    expect(page.locator("#stock-message")).to_contain_text(code)


def settle(page, code: str, choice: str, reason: str) -> None:
    row = page.locator(".difference", has=page.locator(f"code:text-is('{code}')"))
    row.get_by_label(choice).check()
    row.get_by_placeholder("Varför").fill(reason)
    row.get_by_role("button", name="Red ut").click()
    expect(page.locator(".flash-success")).to_contain_text(code)


@pytest.fixture(scope="module")
def goods(api):
    """Husby's rug shelf, one rug that belongs to Skärholmen, and three lamps to move to Skärholmen."""
    return {"rugs": api.items_for_sale(RUGS, category="rugs", location="HUS"),
            "stray": api.items_for_sale([("Gångmatta", 12900)], category="rugs", location="SKH")[0],
            "lamps": api.items_for_sale([("Bordslampa", 29900), ("Golvlampa", 49900), ("Taklampa", 19900)],
                                        category="lamps", location="HUS")}


def test_a_count_of_husby_settled_and_reported(browser, demo_server, goods, api):
    page = tour_page(browser, demo_server, size="till", language="sv")
    try:
        sign_in_speaking(page, demo_server, "handledare2", "sv")
        page.goto(demo_server.url("/stock/"))
        page.get_by_label("Butik", exact=True).select_option("HUS")
        page.get_by_label("Del av butiken (frivilligt)").fill("Mattorna vid fönstret")
        page.get_by_label("Kategori (frivilligt)").select_option("rugs")
        page.get_by_role("button", name="Börja inventera").click()
        page.wait_for_url(re.compile(r"/stock/counts/\d+$"))
        JOURNEY["count"] = page.url
        rugs = goods["rugs"]
        for code in rugs[:4]:  # most of the shelf; two rugs are not found
            scan_in_page(page, code)
        expect(page.locator("#stock-message")).to_have_class(re.compile("is-ok"))
        scan_in_page(page, rugs[0])  # scanned twice: counted once, and said so
        expect(page.locator("#stock-message")).to_contain_text("redan skannad")
        scan_in_page(page, goods["stray"])
        expect(page.locator("#stock-message")).to_contain_text("den hör till Skärholmen")
        expect(page.locator("#stock-message")).to_have_class(re.compile("is-warn"))
        expect(page.locator("[data-tally]")).to_have_text("5")
        look(page, "stock-01-counting")
        page.get_by_role("button", name="Pausa").click()
        expect(page.locator(".stock-paused")).to_be_visible()
        page.get_by_role("button", name="Fortsätt").click()
        page.get_by_role("button", name="Avsluta inventeringen").click()
        expect(page.locator(".lead")).to_contain_text("3 avvikelser kvar att reda ut.")
        look(page, "stock-02-differences", full_page=True)
        settle(page, rugs[4], "Förlorad", "Inte vid fönstret eller i lagret")
        settle(page, rugs[5], "Hittad ändå", "Låg i skyltfönstret")
        settle(page, goods["stray"], "Flyttad hit", "Kom med förra leveransen")
        expect(page.locator(".lead")).to_contain_text("Alla avvikelser är utredda.")
        look(page, "stock-03-settled", full_page=True)

        page.get_by_role("link", name="Rapport", exact=True).click()
        expect(page.locator("h1")).to_contain_text("Inventeringsrapport: Husby")
        look(page, "stock-04-report")
        page.emulate_media(media="print")
        look(page, "stock-05-report-print", full_page=True)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.pdf(path=str(SCREENSHOTS / "stock-report.pdf"), format="A4")
        page.emulate_media(media="screen")
        csv = page.request.get(demo_server.url(page.get_by_role("link", name="CSV").get_attribute("href")))
        assert csv.ok and rugs[4] in csv.text() and "Inte vid fönstret eller i lagret" in csv.text()

        assert api.get(f"/items/{rugs[4]}")["status"] == "lost"
        moved = api.get(f"/items/{goods['stray']}")
        assert moved["location"] == "HUS" and [h["event"] for h in moved["history"]][-2:] == ["counted", "moved"]
        page.goto(demo_server.url(f"/items/{rugs[4]}"))
        history = page.locator(".history")
        expect(history).to_contain_text("inventering")
        expect(history).to_contain_text("Förlorad")
        expect(history).to_contain_text("Inte vid fönstret eller i lagret")
        look(page, "stock-06-history-lost", full_page=True)
    finally:
        page.context.close()


def test_a_transfer_from_husby_with_one_item_missing_and_the_till_refusing_it(browser, demo_server, goods, api):
    page = tour_page(browser, demo_server, size="till", language="sv")
    lamps = goods["lamps"]
    try:
        sign_in_speaking(page, demo_server, "handledare2", "sv")
        page.goto(demo_server.url("/stock/"))
        page.get_by_label("Från", exact=True).select_option("HUS")
        page.get_by_label("Till", exact=True).select_option("SKH")
        page.get_by_label("Anteckning (frivilligt)").fill("Lampor till skyltfönstret")
        page.get_by_role("button", name="Börja en flyttlista").click()
        page.wait_for_url(re.compile(r"/stock/transfers/\d+$"))
        transfer = page.url
        for code in lamps:
            scan_in_page(page, code)
        expect(page.locator("#stock-message")).to_contain_text("På listan, på väg")
        look(page, "stock-07-transfer-out")
        page.get_by_role("button", name="Skicka till Skärholmen").click()
        expect(page.locator(".flash-success")).to_contain_text("Skickad")

        till = new_till(demo_server, "HUS")  # Husby's till: a lamp on its way cannot be sold
        open_till(page, demo_server, till)
        field = page.get_by_label("Skanna eller skriv en kod")
        with page.expect_response(lambda response: response.url.endswith("/scan")):
            field.fill(lamps[2])
            field.press("Enter")
        expect(page.locator("#till-message")).to_contain_text("på väg mellan butikerna")
        expect(page.locator("#till-message")).to_have_class(re.compile("is-error"))
        refusal = [message for message in page.watch.console_errors if "409" in message]
        assert len(refusal) == 1  # the browser logs the till's 409 answer itself: the refusal we want
        page.watch.console_errors.remove(refusal[0])
        look(page, "stock-08-till-refuses-in-transit")

        page.goto(transfer)
        for code in lamps[:2]:  # the third lamp never arrives
            scan_in_page(page, code)
        expect(page.locator("#stock-message")).to_contain_text("Framme")
        look(page, "stock-09-transfer-in")
        page.get_by_role("button", name="Allt är inskannat").click()
        expect(page.locator(".lead")).to_contain_text("1 avvikelse kvar att reda ut.")
        settle(page, lamps[2], "Förlorad", "Fanns inte i påsen")
        look(page, "stock-10-transfer-settled", full_page=True)
        arrived = api.get(f"/items/{lamps[0]}")
        assert (arrived["status"], arrived["location"]) == ("for_sale", "SKH")
        assert [h["event"] for h in arrived["history"]][-3:] == ["sent", "arrived", "moved"]
        assert api.get(f"/items/{lamps[2]}")["status"] == "lost"
    finally:
        page.context.close()


@pytest.mark.parametrize("language", ("sv", "en"))
@pytest.mark.parametrize("size", ("till", "laptop"))
def test_tour_of_the_stock_pages(browser, demo_server, goods, size, language):
    page = tour_page(browser, demo_server, size=size, language=language)
    try:
        sign_in_speaking(page, demo_server, "handledare2", language)
        page.goto(demo_server.url("/stock/?place=HUS"))
        look(page, "stock-20-start")
        page.locator("select[name=category]").select_option("yarn")  # nothing expected: the counting screen
        page.locator("form[action$='/stock/counts'] [type=submit]").click()
        page.wait_for_url(re.compile(r"/stock/counts/\d+$"))
        scan_in_page(page, goods["rugs"][1])
        look(page, "stock-21-counting")
        page.goto(demo_server.url("/stock/counts/1"))  # the demo's settled count of Husby
        look(page, "stock-22-demo-count", full_page=True)
        page.goto(demo_server.url("/stock/transfers/1"))  # the demo's received transfer, one item lost
        look(page, "stock-23-demo-transfer", full_page=True)
        page.goto(demo_server.url("/stock/transfers/2"))  # the demo's transfer still on its way
        look(page, "stock-24-demo-on-its-way")
        page.goto(demo_server.url("/stock/counts/1"))
        page.locator(".stock-head a.button").click()
        look(page, "stock-25-demo-report")
    finally:
        page.context.close()


def test_the_printed_report_fits_a4():
    pdf = SCREENSHOTS / "stock-report.pdf"
    if not pdf.exists():
        pytest.skip("the count journey made no PDF")
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", pages), pages
