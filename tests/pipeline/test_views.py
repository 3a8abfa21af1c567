"""The work queue pages, the per-item work page and its forms, in Swedish and English."""

import pytest
from sqlalchemy import select

from boutique.items.codes import item_code
from boutique.items.models import ItemStatus
from boutique.pipeline.models import BulkWeighOut, WashLoad
from tests.pipeline.helpers import english_client

QUEUE_PAGES = [("/pipeline/wash", "received", "Att tvätta", "To wash"),
               ("/pipeline/sort", "washed", "Att sortera", "To sort"),
               ("/pipeline/value", "sorted", "Att värdera", "To value"),
               ("/pipeline/price", "valued", "Att prissätta", "To price")]


@pytest.mark.parametrize(("url", "status", "swedish", "english"), QUEUE_PAGES)
def test_each_queue_page_lists_its_items_with_count_and_scan_box_in_both_languages(
        app, client, login_as, make_user, make_item, url, status, swedish, english):
    item = make_item(status=status, description="Klänning med blommor فستان")
    login_as("participant")
    page = client.get(url).get_data(as_text=True)
    assert f"{swedish}: 1" in page and item.code in page and "فستان" in page
    assert 'name="code"' in page and "autofocus" in page
    page = english_client(app, make_user).get(url).get_data(as_text=True)
    assert f"{english}: 1" in page and "Scan an item to open it" in page


def test_queue_page_says_when_nothing_is_waiting(client, login_as):
    login_as("participant", language="en")
    assert "Nothing is waiting to be sorted." in client.get("/pipeline/sort").get_data(as_text=True)


def test_students_cannot_open_the_work_queues(client, login_as):
    login_as("student")
    assert client.get("/pipeline/wash").status_code == 403
    assert client.get("/pipeline/weigh-outs").status_code == 403


@pytest.mark.parametrize(("typed", "message"), [
    (item_code(9_999_999), f"{item_code(9_999_999)}."),
    ("2900000000000", "kontrollsiffra"),
    ("29abc", "13 siffror"),
])
def test_scanning_a_bad_or_unknown_code_says_so(client, login_as, typed, message):
    login_as("participant")
    response = client.get("/pipeline/scan", query_string={"code": typed, "queue": "sort"}, follow_redirects=True)
    assert response.request.path == "/pipeline/sort"
    assert message in response.get_data(as_text=True)


def test_scanning_a_code_with_scanner_line_ends_opens_the_item(client, login_as, make_item):
    item = make_item(status="washed")
    login_as("participant")
    response = client.get("/pipeline/scan", query_string={"code": f" {item.code}\r\n", "queue": "sort"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/pipeline/items/{item.code}?queue=sort")


def test_wash_a_scanned_set_as_one_load(client, login_as, make_item, session):
    items = [make_item(status="received") for _ in range(3)]
    login_as("participant")
    codes = "\r\n".join(i.code for i in items[:2])
    response = client.post("/pipeline/wash", data={"codes": codes, "program": "Fin", "temperature": "40",
                                                    "codes_extra": ""})
    assert response.status_code == 302
    session.expire_all()
    assert [i.status for i in items] == [ItemStatus.washed, ItemStatus.washed, ItemStatus.received]
    assert len(session.scalar(select(WashLoad)).items) == 2


def test_wash_ticked_items_from_the_list(client, login_as, make_item, session):
    items = [make_item(status="received") for _ in range(2)]
    login_as("participant")
    response = client.post("/pipeline/wash", data={"codes": [items[0].code, items[1].code], "program": "Normal"})
    assert response.status_code == 302
    session.expire_all()
    assert {i.status for i in items} == {ItemStatus.washed}


def test_wash_set_with_a_bad_code_changes_nothing_and_names_the_code(client, login_as, make_item, session):
    item = make_item(status="received")
    sorted_item = make_item(status="sorted")
    login_as("participant", language="en")
    response = client.post("/pipeline/wash", data={"codes": f"{item.code}\n2900000000000", "program": "Normal"})
    assert response.status_code == 422
    assert "2900000000000" in response.get_data(as_text=True)
    response = client.post("/pipeline/wash", data={"codes": f"{item.code}\n{sorted_item.code}", "program": "N"})
    assert response.status_code == 422
    assert "sorted, waiting for a value" in response.get_data(as_text=True)
    session.expire_all()
    assert item.status == ItemStatus.received
    assert session.scalar(select(WashLoad.id)) is None


def test_wash_form_refuses_digits_of_other_scripts_for_temperature(client, login_as, make_item):
    item = make_item(status="received")
    login_as("participant", language="en")
    response = client.post("/pipeline/wash", data={"codes": item.code, "program": "N", "temperature": "४०"})
    assert response.status_code == 422
    assert "whole number from 0 to 95" in response.get_data(as_text=True)


def test_wash_form_reads_arabic_indic_temperature_and_code(client, login_as, make_item, session):
    item = make_item(status="received")
    login_as("participant", language="ar")
    arabic_code = item.code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    response = client.post("/pipeline/wash", data={"codes": arabic_code, "program": "N", "temperature": "٤٠"})
    assert response.status_code == 302
    session.expire_all()
    assert item.status == ItemStatus.washed
    assert session.scalar(select(WashLoad.temperature_c)) == 40


def test_price_a_scanned_set_with_one_price(client, login_as, make_item, session):
    items = [make_item(status="valued", value_ore=5000) for _ in range(2)]
    login_as("participant")
    response = client.post("/pipeline/price", data={"codes": " ".join(i.code for i in items), "price": "79,50"})
    assert response.status_code == 302
    session.expire_all()
    assert [(i.status, i.price_ore) for i in items] == [(ItemStatus.for_sale, 7950)] * 2


def test_price_set_refuses_a_bad_amount_in_swedish(client, login_as, make_item):
    item = make_item(status="valued")
    login_as("participant")
    response = client.post("/pipeline/price", data={"codes": item.code, "price": "1e3"})
    assert response.status_code == 422
    assert "Skriv ett belopp i kronor" in response.get_data(as_text=True)


@pytest.mark.parametrize(("status", "english_heading"), [
    ("received", "Skip washing"), ("washed", "Save sorting"), ("sorted", "Save value"), ("valued", "Save price"),
    ("for_sale", "Re-price"), ("sold", "A sold item can only come back through a return at the till.")])
def test_work_page_offers_the_next_step(app, client, login_as, make_user, make_item, status, english_heading):
    item = make_item(status=status)
    response = english_client(app, make_user).get(f"/pipeline/items/{item.code}")
    assert response.status_code == 200
    assert english_heading in response.get_data(as_text=True)
    login_as("participant")
    assert client.get(f"/pipeline/items/{item.code}").status_code == 200


def test_work_page_for_unknown_and_malformed_codes(client, login_as):
    login_as("participant")
    assert client.get(f"/pipeline/items/{item_code(9_999_999)}").status_code == 404
    assert client.get("/pipeline/items/12345").status_code == 422


def test_sort_form_saves_and_returns_to_the_queue(client, login_as, make_item, session):
    item = make_item(status="washed")
    login_as("participant")
    response = client.post(f"/pipeline/items/{item.code}/sort", data={
        "category": "women-skirts", "grade": "shop", "condition": "4", "colour": "grön", "size": "38",
        "brand": "Marimekko", "fibre": "bomull", "weight": "0,45", "queue": "sort"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/pipeline/sort")
    session.expire_all()
    assert (item.status, item.category.code, item.condition, item.weight_grams) == (
        ItemStatus.sorted, "women-skirts", 4, 450)
    said = client.get("/pipeline/sort").get_data(as_text=True)
    assert f"{item.code} sparad: sorterad, väntar på värdering." in said  # never "sorterad: sorterad"


def test_sort_form_errors_show_in_the_users_language(client, login_as, make_item):
    item = make_item(status="washed")
    login_as("participant", language="en")
    response = client.post(f"/pipeline/items/{item.code}/sort", data={"category": "nope", "grade": "shop",
                                                                       "weight": "2,5555"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Not a valid choice" in page and "Write the weight in kilograms" in page


def test_sorting_a_sold_item_says_what_state_it_is_in(client, login_as, make_item):
    item = make_item(status="sold")
    login_as("participant", language="en")
    response = client.post(f"/pipeline/items/{item.code}/sort", data={"category": "women-skirts", "grade": "shop"})
    assert response.status_code == 409
    assert "is sold; it cannot be sorted" in response.get_data(as_text=True)


def test_value_form_is_prefilled_with_the_suggestion_and_shows_comparables(client, login_as, make_item, make_sold_item,
                                                                            session):
    for price in (10000, 12000, 14000):
        make_sold_item(price_ore=price, grade="shop")
    item = make_item(status="sorted", grade="shop")
    login_as("participant", language="en")
    page = client.get(f"/pipeline/items/{item.code}").get_data(as_text=True)
    assert 'value="120,00"' in page and "Rests on 3 sold comparable items." in page
    response = client.post(f"/pipeline/items/{item.code}/value", data={"value": "110"})
    assert response.status_code == 302
    session.expire_all()
    assert (item.status, item.value_ore) == (ItemStatus.valued, 11000)
    assert item.events[-1].details == {"value_ore": 11000, "suggested_ore": 12000}


def test_price_form_puts_item_on_sale_and_refuses_zero(client, login_as, make_item, session):
    item = make_item(status="valued", value_ore=8900)
    login_as("participant")
    page = client.get(f"/pipeline/items/{item.code}").get_data(as_text=True)
    assert 'value="89,00"' in page
    assert client.post(f"/pipeline/items/{item.code}/price", data={"price": "0"}).status_code == 422
    assert client.post(f"/pipeline/items/{item.code}/price", data={"price": "89:-"}).status_code == 302
    session.expire_all()
    assert (item.status, item.price_ore, item.first_price_ore) == (ItemStatus.for_sale, 8900, 8900)


def test_wash_and_skip_wash_forms_on_the_work_page(client, login_as, make_item, session):
    washed, skipped = make_item(status="received"), make_item(status="received")
    login_as("participant")
    assert client.post(f"/pipeline/items/{washed.code}/wash", data={"program": "Normal"}).status_code == 302
    assert client.post(f"/pipeline/items/{skipped.code}/skip-wash", data={"reason": ""}).status_code == 422
    assert client.post(f"/pipeline/items/{skipped.code}/skip-wash", data={"reason": "Skor"}).status_code == 302
    session.expire_all()
    assert washed.status == ItemStatus.washed
    assert skipped.events[-1].event == "wash_skipped"


def test_weigh_out_page_saves_kilograms_with_a_decimal_comma(client, login_as, make_location, session):
    make_location("SKH")
    login_as("participant", language="en")
    assert client.get("/pipeline/weigh-outs").status_code == 200
    response = client.post("/pipeline/weigh-outs", data={"grade": "recycle", "weight": "12,5", "fibre": "bomull",
                                                          "location": "SKH"})
    assert response.status_code == 302
    assert session.scalar(select(BulkWeighOut.grams)) == 12500
    response = client.post("/pipeline/weigh-outs", data={"grade": "recycle", "weight": "-3", "location": "SKH"})
    assert response.status_code == 422
    page = client.get("/pipeline/weigh-outs").get_data(as_text=True)
    assert "12,5\u00a0kg" in page


def test_home_page_cards_link_to_the_queues(client, login_as, make_item):
    make_item(status="received")
    login_as("participant")
    page = client.get("/").get_data(as_text=True)
    for url in ("/pipeline/wash", "/pipeline/sort", "/pipeline/value", "/pipeline/price", "/items/"):
        assert f'href="{url}"' in page, url


def test_a_huge_scanned_set_is_refused_before_any_lookup(client, login_as):
    login_as("participant", language="en")
    response = client.post("/pipeline/price", data={"codes": "\n".join(["2900000000018"] * 501)})
    assert response.status_code == 422 and "At most 500 items at a time." in response.get_data(as_text=True)


def _forms_in_order(page: str, code: str) -> list[str]:
    """The steps whose forms the work page shows, in the order a person reads them."""
    found = [(page.find(f'action="/pipeline/items/{code}/{step}"'), step)
             for step in ("wash", "skip-wash", "sort", "value", "price")]
    return [step for at, step in sorted(found) if at >= 0]


@pytest.mark.parametrize(("queue", "first"), [("wash", "wash"), ("sort", "sort"), (None, "wash")])
def test_an_item_opens_at_the_step_of_the_queue_it_was_scanned_in(client, login_as, make_item, queue, first):
    login_as("participant")
    item = make_item(status=ItemStatus.received)
    response = client.get(f"/pipeline/scan?queue={queue}&code={item.code}" if queue else f"/pipeline/items/{item.code}",
                          follow_redirects=True)
    page = response.get_data(as_text=True)
    steps = _forms_in_order(page, item.code)
    assert steps[0] == first and set(steps) == {"wash", "skip-wash", "sort"}
    assert page.index('class="work-forms"') < page.index("Varan")  # the form before what is known


@pytest.mark.parametrize(("status", "queue", "step"), [(ItemStatus.sorted, "value", "value"),
                                                      (ItemStatus.valued, "price", "price")])
def test_value_and_price_queues_open_an_item_at_their_form(client, login_as, make_item, status, queue, step):
    login_as("participant")
    item = make_item(status=status)
    page = client.get(f"/pipeline/scan?queue={queue}&code={item.code}", follow_redirects=True).get_data(as_text=True)
    assert _forms_in_order(page, item.code) == [step]
