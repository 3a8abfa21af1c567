"""The till speaks its cashier's language (who switched in with badge and PIN), and the shop's documents
(receipts, X- and Z-reports) stay in the shop's language whatever the cashier speaks."""

import re

import pytest

from boutique.auth.badges import badge_code
from boutique.auth.services import set_pin
from boutique.extensions import db
from tests.conftest import login

JSON = {"Accept": "application/json"}


@pytest.fixture
def supervisor_at_till(client, make_user, open_till_):
    """A supervisor (Swedish) signed in at open till SKH-1, and Hodan (Arabic) with a badge and PIN."""
    login(client, make_user("supervisor", username="karin", language="sv"))
    open_till_("SKH-1")
    hodan = make_user("participant", username="hodan", language="ar")
    set_pin(db.session, hodan, pin="1234")
    db.session.commit()
    return hodan


def test_the_till_speaks_the_language_of_the_cashier_who_switched_in(client, supervisor_at_till):
    hodan = supervisor_at_till
    assert 'lang="sv"' in client.get("/till/SKH-1").get_data(as_text=True)
    switched = client.post("/till/SKH-1/cashier", headers=JSON,
                           data={"cashier-badge": badge_code(hodan.id), "cashier-pin": "١٢٣٤"})
    body = switched.get_json()
    assert switched.status_code == 200 and body["kind"] == "cashier" and body["reload"] is True
    assert 'lang="ar" dir="rtl"' in client.get("/till/SKH-1").get_data(as_text=True)
    assert 'lang="sv"' in client.get("/items/").get_data(as_text=True)  # the back room: the signed-in person's


def test_the_till_language_switch_changes_the_cashiers_own_setting(client, supervisor_at_till):
    hodan = supervisor_at_till
    client.post("/till/SKH-1/cashier", data={"cashier-badge": badge_code(hodan.id), "cashier-pin": "1234"})
    till = client.get("/till/SKH-1").get_data(as_text=True)
    assert 'action="/till/SKH-1/language" class="language-switch"' in till  # the till's bar: the cashier's setting
    assert 'action="/language" class="language-switch"' in client.get("/items/").get_data(as_text=True)
    response = client.post("/till/SKH-1/language", data={"language": "so", "next": "/till/SKH-1/pay"})
    assert response.headers["Location"] == "/till/SKH-1/pay"
    db.session.refresh(hodan)
    assert hodan.language == "so"
    assert 'lang="so"' in client.get("/till/SKH-1").get_data(as_text=True)
    assert 'lang="sv"' in client.get("/items/").get_data(as_text=True)


def test_receipts_and_z_reports_stay_in_the_shops_language_whatever_the_cashier_speaks(client, supervisor_at_till,
                                                                                    make_item):
    hodan = supervisor_at_till
    client.post("/till/SKH-1/cashier", data={"cashier-badge": badge_code(hodan.id), "cashier-pin": "1234"})
    item = make_item("for_sale", price_ore=12900)
    client.post("/till/SKH-1/scan", data={"code": item.code}, headers=JSON)
    key = re.search(r'name="key" type="hidden" value="([0-9a-f]+)"', client.get("/till/SKH-1/pay").text).group(1)
    paid = client.post("/till/SKH-1/pay", data={"key": key, "quick": "card"})
    receipt = client.get(paid.headers["Location"]).get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in receipt and 'lang="sv" dir="ltr"' in receipt
    assert "KVITTO" in receipt and "Totalt" in receipt
    closed = client.post("/till/SKH-1/close", data={"counted": "1000", "confirmed": "1"})
    assert closed.status_code == 302, closed.get_data(as_text=True)[:2000]
    z = client.get("/till/SKH-1/z/1").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in z
    document = z[z.index('class="shop-document"'):]
    assert document.startswith('class="shop-document" lang="sv" dir="ltr"') and "Z-rapport 1, kassa SKH-1" in document
    assert "Väntat i kassalådan" in document and "Per betalsätt" in document


def test_a_code_typed_in_arabic_indic_digits_sells_the_item(client, supervisor_at_till, make_item):
    hodan = supervisor_at_till
    client.post("/till/SKH-1/cashier", data={"cashier-badge": badge_code(hodan.id), "cashier-pin": "١٢٣٤"})
    item = make_item("for_sale", price_ore=12900)
    typed = item.code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert typed != item.code and typed[:2] == "٢٩"  # as an Arabic keyboard types the label's 29…
    scanned = client.post("/till/SKH-1/scan", data={"code": typed}, headers=JSON)
    assert scanned.status_code == 200, scanned.get_data(as_text=True)
    assert item.code in scanned.get_json()["cart_html"]
    key = re.search(r'name="key" type="hidden" value="([0-9a-f]+)"', client.get("/till/SKH-1/pay").text).group(1)
    assert client.post("/till/SKH-1/pay", data={"key": key, "quick": "card"}).status_code == 302
    db.session.refresh(item)
    assert item.status.value == "sold"


def test_the_till_shows_pictograms_beside_pay_return_and_receipts(client, supervisor_at_till):
    till = client.get("/till/SKH-1").get_data(as_text=True)
    for symbol in ("banknote", "undo-2", "receipt"):
        assert f'pictograms.svg#{symbol}"' in till, symbol
