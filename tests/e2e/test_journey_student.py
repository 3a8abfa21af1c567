"""Journey 3: a product of a student's production lot is sold at the till, and the student sees it on
her lot's sales feedback: sold, for what, and in the chart beside the shop."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import new_page, new_till, open_till, scan, screenshot, sign_in

LOT = "Tilet-kanter på tygkassar"  # a demo lot: Elsa Berg (username student) is in its team


def cells(row) -> list[str]:
    return [text.replace("\xa0", " ").strip() for text in row.get_by_role("cell").all_inner_texts()]


def test_student_sees_her_lots_sold_product_and_its_chart(browser, demo_server, page):
    # The student looks up her lot: its products, all on the shelf.
    sign_in(page, demo_server, "student")
    page.get_by_role("link", name="Produktion").click()
    page.get_by_role("link", name=LOT).click()
    products = page.locator("#products")
    on_shelf = products.get_by_role("row").filter(has_text="till salu")
    before = on_shelf.count()
    product = on_shelf.first
    code = product.locator("code").inner_text().strip()
    category, name = cells(product)[1].split(": ", 1)
    price = cells(product)[4]
    screenshot(page, "journey3-01-lot-products")

    # A cashier sells that product at her till (card, one press).
    cashier = new_page(browser, demo_server)
    try:
        till = new_till(demo_server)
        sign_in(cashier, demo_server, "deltagare4")
        open_till(cashier, demo_server, till, float_kronor="300")
        scan(cashier, code)
        expect(cashier.locator("#till-message")).to_contain_text(name)
        cashier.keyboard.press("F2")
        cashier.wait_for_url(re.compile(rf"/till/{till}/pay$"))
        cashier.keyboard.press("F3")  # "Kort godkänt"
        cashier.wait_for_url(re.compile(rf"/till/{till}/receipts/\d+"))
        expect(cashier.locator(".receipt-body")).to_contain_text(name)
        screenshot(cashier, "journey3-02-product-sold")
        assert cashier.watch.console_errors == []
    finally:
        cashier.context.close()

    # The student opens the lot's sales feedback: Rapporter → Säljåterkoppling → her lot.
    page.get_by_role("link", name="Rapporter").click()
    page.get_by_role("link", name="Säljåterkoppling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Säljåterkoppling: Elsa Berg")
    page.get_by_role("main").get_by_role("link", name=LOT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Säljåterkoppling: {LOT}")
    sold_row = page.get_by_role("row").filter(has_text=code)
    expect(sold_row).to_contain_text("såld")
    row = cells(sold_row)
    assert name in row[0] and price in row  # sold at the asking price: "Såld för" shows it
    assert page.get_by_role("row").filter(has_text="på hyllan").count() == before - 1

    # The chart of the lot's sell-through beside the shop's, and the same figure in the table below.
    chart = page.get_by_role("img").filter(has_text="Försäljningsgrad")
    expect(chart).to_have_count(1)
    expect(chart).to_contain_text(category)
    comparison = page.get_by_role("region", name="Dina produkter och butiken, per kategori")
    # A group with few products on offer is marked "*" after its name.
    label = page.get_by_role("cell", name=re.compile(rf"^{re.escape(category)}( \*)?$"))
    category_row = cells(comparison.get_by_role("row").filter(has=label))
    sold, offered = (int(n) for n in category_row[1].split(" av "))  # "Dina: sålda av till salu", e.g. "4 av 4"
    assert 1 <= sold <= offered
    share = category_row[2]  # "Försäljningsgrad, dina" of the lot's products in that category, e.g. "75,0 %"
    assert share != "0,0 %"
    assert share in chart.text_content().replace("\xa0", " ")
    screenshot(page, "journey3-03-feedback-with-chart")
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []
