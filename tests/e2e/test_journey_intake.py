"""Journey 1: a participant registers a drop-off, unpacks 10 items with the keyboard, washes them as one
load, sorts and values each, prices them as a set and prints their labels on an A4 sheet."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in
from tests.labels.scan import decode, rasterise

ITEMS = 10
PRICE_ORE = 5950


def scan_into(page, label: str, code: str) -> None:
    """A scanner in a field: the digits, then Enter."""
    page.get_by_label(label).focus()
    page.keyboard.type(code, delay=2)
    page.keyboard.press("Enter")


def test_participant_takes_a_drop_off_from_bags_to_printed_labels(page, demo_server, api, tmp_path):
    sign_in(page, demo_server, "deltagare")

    # 1. Register the drop-off at Skärholmen.
    page.get_by_role("link", name="Gåvor").click()
    page.get_by_role("link", name="Registrera en gåva").click()
    page.get_by_label("Inlämning i butiken").check()
    page.get_by_label("Plats").select_option(label="Skärholmen")
    page.get_by_label("Vikt (kg)").fill("4,5")
    page.get_by_label("Kassar").fill("2")
    page.get_by_label("Anteckning", exact=True).fill("Två kassar med blusar")
    screenshot(page, "journey1-01-dropoff")
    page.get_by_role("button", name="Registrera och packa upp").click()
    page.wait_for_url(re.compile(r"/donations/\d+"))
    donation_id = int(re.search(r"/donations/(\d+)", page.url).group(1))
    expect(page.locator(".flashes")).to_contain_text(f"Gåva {donation_id} är registrerad")
    expect(page.locator(".donation-facts")).to_contain_text("Skärholmen")
    expect(page.locator(".donation-facts")).to_contain_text("4,5 kg")

    # 2. Unpack: the number key of "Toppar och blusar", then Enter once per item.
    shortcut = page.get_by_role("button", name=re.compile("Toppar och blusar"))
    page.keyboard.press(shortcut.get_attribute("data-key"))
    expect(page.get_by_role("button", name=re.compile("^Lägg till"))).to_be_focused()
    for count in range(1, ITEMS + 1):
        page.keyboard.press("Enter")
        expect(page.locator("[data-total]")).to_have_text(str(count))
    expect(page.locator("[data-tally]")).to_contain_text("Toppar och blusar")
    codes = [code.strip() for code in page.locator("[data-recent] code").all_inner_texts()]
    assert len(set(codes)) == ITEMS and all(re.fullmatch(r"29\d{11}", code) for code in codes)
    screenshot(page, "journey1-02-unpacked")
    page.get_by_role("button", name="Klart: allt är uppackat").click()
    assert api.get(f"/donations/{donation_id}")["items"] == ITEMS

    # 3. Wash all ten as one load: scan each into the load's list.
    page.get_by_role("link", name="Arbetsköer").click()
    page.get_by_role("link", name=re.compile("^Att tvätta")).first.click()
    codes_field = page.get_by_label("Skannade koder")
    codes_field.focus()
    for code in codes:
        page.keyboard.type(code, delay=2)
        page.keyboard.press("Enter")
    page.get_by_label("Program").fill("Fintvätt")
    page.get_by_label("Temperatur (°C)").fill("30")
    screenshot(page, "journey1-03-wash-load")
    page.get_by_role("button", name="Tvätta dessa som en omgång").click()
    expect(page.locator(".flash-success")).to_be_visible()
    assert {api.get(f"/items/{code}")["status"] for code in codes} == {"washed"}

    # 4. Sort each: scan it in the sort queue, grade it for the shop, save; back in the queue.
    page.get_by_role("link", name=re.compile("^Att sortera")).first.click()
    for number, code in enumerate(codes, start=1):
        scan_into(page, "Skanna en vara för att öppna den", code)
        expect(page.get_by_role("heading", level=1)).to_contain_text(code)
        page.get_by_label("Butik: sälj som den är").check()
        page.get_by_label("4 mycket bra").check()
        page.get_by_label("Färg").fill("blå")
        page.get_by_label("Storlek").fill("M")
        if number == 1:
            screenshot(page, "journey1-04-sort")
        page.get_by_role("button", name="Spara sortering").click()
        expect(page.locator(".flash-success")).to_contain_text(code)
    assert {api.get(f"/items/{code}")["status"] for code in codes} == {"sorted"}

    # 5. Value each in the value queue (the suggestion is prefilled; she writes her own).
    page.get_by_role("link", name=re.compile("^Att värdera")).first.click()
    for number, code in enumerate(codes, start=1):
        scan_into(page, "Skanna en vara för att öppna den", code)
        expect(page.get_by_role("heading", level=1)).to_contain_text(code)
        page.get_by_label("Värde (kr)").fill("55")
        if number == 1:
            screenshot(page, "journey1-05-value")
        page.get_by_role("button", name="Spara värde").click()
        expect(page.locator(".flash-success")).to_contain_text(code)
    assert {api.get(f"/items/{code}")["value_ore"] for code in codes} == {5500}

    # 6. Price all ten at once: scan them into "Prissätt flera", one price for all.
    page.get_by_role("link", name=re.compile("^Att prissätta")).first.click()
    page.get_by_label("Skannade koder").focus()
    for code in codes:
        page.keyboard.type(code, delay=2)
        page.keyboard.press("Enter")
    page.get_by_label("Ett pris för alla (kr)").fill("59,50")
    screenshot(page, "journey1-06-price-set")
    page.get_by_role("button", name="Prissätt dessa").click()
    expect(page.locator(".flash-success")).to_be_visible()
    for code in codes:
        item = api.get(f"/items/{code}")
        assert (item["status"], item["price_ore"], item["location"]) == ("for_sale", PRICE_ORE, "SKH")

    # 7. Labels: only these ten on the sheet, from position 1; the PDF's barcodes are exactly our codes.
    page.get_by_role("link", name="Etiketter").first.click()
    expect(page.get_by_role("heading", name="Etiketter att skriva ut")).to_be_visible()
    page.get_by_label("Plats", exact=True).select_option(label="Skärholmen")
    page.get_by_label("Ordning").select_option(label="Senast prissatta först")  # the set just priced: sheet 1
    page.get_by_role("button", name="Visa").click()
    page.get_by_label("Välj alla").uncheck()
    for code in codes:
        row = page.get_by_role("row").filter(has_text=code)
        expect(row).to_contain_text("59,50\xa0kr")
        row.get_by_role("checkbox").check()
    page.locator("form.labels-queue").get_by_label("Börja på plats").fill("1")  # the reprint form has one too
    screenshot(page, "journey1-07-label-queue")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Skriv ut ark (PDF)").click()
    sheet_url = opened.value.url
    assert "/labels/sheet.pdf" in sheet_url
    response = page.request.get(sheet_url)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    (sheet,) = rasterise(response.body(), 200, tmp_path)
    assert sorted(decode(sheet)) == sorted(codes)

    page.get_by_role("button", name="Markera som utskrivna").click()
    expect(page.locator(".flash-success")).to_have_text("10 etiketter markerade som utskrivna.")
    for code in codes:
        expect(page.get_by_role("row").filter(has_text=code)).to_have_count(0)
    screenshot(page, "journey1-08-labels-printed")
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []
