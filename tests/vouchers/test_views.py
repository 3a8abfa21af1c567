"""Gift vouchers on the till's screens: sold from the cart, a scanned voucher opens the pay screen with it
filled in, paid with in part, the receipts' balance and validity, and the printable A6 voucher."""

import re

import pytest
from sqlalchemy import select

from boutique.extensions import db
from boutique.places.settings import set_setting
from boutique.vouchers.models import GiftVoucher
from tests.conftest import login
from tests.labels.scan import decode, rasterise

JSON = {"Accept": "application/json"}


@pytest.fixture
def seller(client, make_user, open_till_):
    """A signed-in participant (English pages) at open tills SKH-1 and HUS-1."""
    user = make_user("participant", username="seller", language="en")
    login(client, user)
    open_till_("SKH-1", "SKH")
    open_till_("HUS-1", "HUS")
    return user


def _key(client, till):
    page = client.get(f"/till/{till}/pay")
    return re.search(r'name="key" type="hidden" value="([0-9a-f]+)"', page.text).group(1)


def _sold_voucher(client, amount="500"):
    added = client.post("/till/SKH-1/voucher", data={"voucher-amount": amount}, headers=JSON)
    assert added.status_code == 200 and added.json["ok"], added.json
    assert "Gift voucher" in added.json["cart_html"]
    paid = client.post("/till/SKH-1/pay", data={"key": _key(client, "SKH-1"), "quick": "cash"})
    assert paid.status_code == 302
    return db.session.scalar(select(GiftVoucher).order_by(GiftVoucher.id.desc())), paid.headers["Location"]


def test_a_voucher_sold_at_one_till_is_part_spent_at_another_with_balance_and_validity_on_both_receipts(
        client, seller, make_item):
    set_setting(db.session, "voucher_validity_months", "12")
    db.session.commit()
    voucher, receipt_url = _sold_voucher(client)
    receipt = client.get(receipt_url).text
    assert f"Presentkort<br><small>{voucher.code}</small>" in receipt and voucher.valid_until.isoformat() in receipt
    assert "donated goods" not in receipt  # only a voucher: its own VAT note
    assert f"/vouchers/{voucher.code}.pdf" in receipt  # the voucher to print, from its receipt
    dress = make_item(price_ore=14900, location="HUS")
    client.post("/till/HUS-1/scan", data={"code": dress.code}, headers=JSON)
    scanned = client.post("/till/HUS-1/scan", data={"code": voucher.code}, headers=JSON)
    assert scanned.json["kind"] == "voucher" and scanned.json["target"].endswith(f"voucher={voucher.code}")
    assert "500,00\xa0kr left" in scanned.json["message"]
    pay = client.get(scanned.json["target"]).text
    assert f'value="{voucher.code}"' in pay and 'value="149,00"' in pay and 'id="voucher-balance"' in pay
    paid = client.post("/till/HUS-1/pay", data={"key": _key(client, "HUS-1"), "voucher_code": voucher.code,
                                                "voucher": "100", "cash": "49"})
    assert paid.status_code == 302, paid.text
    second = client.get(paid.headers["Location"]).text
    assert "Betalt med det" in second and "400,00\xa0kr" in second and voucher.valid_until.isoformat() in second
    db.session.refresh(voucher)
    assert voucher.balance_ore == 40000


def test_a_voucher_payment_needs_its_code_and_a_spent_one_is_refused_on_the_pay_screen(client, seller, make_item):
    voucher, _ = _sold_voucher(client, "100")
    client.post("/till/SKH-1/scan", data={"code": make_item(price_ore=14900).code}, headers=JSON)
    no_code = client.post("/till/SKH-1/pay", data={"key": _key(client, "SKH-1"), "voucher": "100", "cash": "49"})
    assert no_code.status_code == 422 and "Scan the gift voucher" in no_code.text
    too_much = client.post("/till/SKH-1/pay", data={"key": _key(client, "SKH-1"), "voucher_code": voucher.code,
                                                    "voucher": "149"})
    assert too_much.status_code == 409 and "100,00\xa0kr left" in too_much.text


def test_a_bad_voucher_scan_is_said_not_taken_for_an_item(client, seller):
    wrong = client.post("/till/SKH-1/scan", data={"code": "2712345678903"}, headers=JSON)
    assert wrong.status_code == 422 and "voucher" in wrong.json["message"]
    unknown = client.post("/till/SKH-1/scan", data={"code": "2712345678902"}, headers=JSON)
    assert unknown.status_code == 404 and "gift voucher" in unknown.json["message"]


def test_the_printed_voucher_is_a6_and_its_barcode_scans_as_its_code(client, seller, tmp_path):
    voucher, _ = _sold_voucher(client)
    response = client.get(f"/vouchers/{voucher.code}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    [page] = rasterise(response.data, 300, tmp_path)
    assert abs(page.width - 1240) <= 2 and abs(page.height - 1748) <= 2  # 105 x 148 mm at 300 dpi
    assert decode(page) == [voucher.code]


def test_goods_paid_with_a_voucher_are_returned_onto_a_new_voucher_from_the_returns_screen(client, seller, make_item):
    voucher, _ = _sold_voucher(client, "200")
    dress = make_item(price_ore=14900)
    client.post("/till/SKH-1/scan", data={"code": dress.code}, headers=JSON)
    paid = client.post("/till/SKH-1/pay", data={"key": _key(client, "SKH-1"), "voucher_code": voucher.code,
                                                "voucher": "149"})
    number = int(paid.headers["Location"].rsplit("/", 1)[-1])
    found = client.get(f"/till/SKH-1/returns?q={number}&till=SKH-1").text
    refund_select = found[found.index('name="refund_method"'):]
    refund_choices = re.findall(r'<option[^>]*value="(\w+)"', refund_select[:refund_select.index("</select>")])
    assert refund_choices[:2] == ["voucher", "cash"]  # the voucher first: what it paid goes back on one
    line_id = re.search(r'name="line" value="(\d+)"', found).group(1)
    sale_id = re.search(r'/returns/(\d+)"', found).group(1)
    done = client.post(f"/till/SKH-1/returns/{sale_id}", data={"line": line_id, "refund_method": "voucher"})
    refund = client.get(done.headers["Location"]).text
    new = db.session.scalar(select(GiftVoucher).order_by(GiftVoucher.id.desc()))
    assert new.code != voucher.code and new.balance_ore == 14900
    assert "goes back on a new gift voucher" in refund and f"/vouchers/{new.code}.pdf" in refund
