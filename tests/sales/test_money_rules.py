"""Issue 20, items 1, 2 and 8: only cash is rounded, cash is whole kronor, every sale names how it was
paid, and the Swish QR carries an encoded reference that its payment keeps. On every path: the settling
arithmetic, POST /sales, the till's pay page and its preview, training sales and refunds."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from boutique.core.errors import InvalidInput
from boutique.core.money import round_cash
from boutique.extensions import db
from boutique.items.models import ItemStatus
from boutique.sales.arithmetic import settle, settle_refund
from boutique.sales.models import Payment, PaymentMethod, Sale
from boutique.sales.receipts import swish_payload, swish_reference
from tests.conftest import login

JSON = {"Accept": "application/json"}


def _refused(total, payments) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        settle(total, payments)
    return refused.value


# --- the arithmetic ---------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["card", "swish"])
def test_card_or_swish_short_of_the_total_is_not_rounded_away(method):
    # 149,49 kr paid "card 149,00": the 49 öre are not rounding, they are unpaid.
    refused = _refused(14949, [(method, 14900)])
    assert refused.code == "payment_short" and refused.details["left_ore"] == 49


def test_the_rest_after_card_is_rounded_only_as_cash():
    result = settle(14949, [("card", 14900), ("cash", 0)])  # 0,49 kr in cash rounds to 0 kr
    assert (result.card_ore, result.cash_ore, result.rounding_ore, result.change_ore) == (14900, 0, -49, 0)
    assert result.by_method() == {PaymentMethod.cash: 0, PaymentMethod.card: 14900}  # the receipt says cash


def test_a_sale_with_no_payment_is_refused_even_when_its_cash_would_round_to_nothing():
    assert _refused(40, []).code == "payment_short"
    paid_in_cash = settle(40, [("cash", 0)])
    assert (paid_in_cash.cash_ore, paid_in_cash.rounding_ore) == (0, -40)
    assert PaymentMethod.cash in paid_in_cash.by_method()
    assert settle(0, []).paid_ore == 0  # a fully discounted sale has nothing to pay


@pytest.mark.parametrize("tendered", [14949, 15001, 20050])
def test_cash_is_handed_over_in_whole_kronor(tendered):
    refused = _refused(14949, [("cash", tendered)])
    assert refused.code == "cash_not_whole_kronor"


@given(st.integers(1, 500_000), st.integers(0, 100), st.integers(0, 2_000_000))
def test_whatever_is_accepted_pays_card_exactly_and_cash_in_whole_kronor(total, card_share, tendered):
    card = total * card_share // 100
    try:
        result = settle(total, [("card", card), ("cash", tendered)])
    except InvalidInput:
        assert tendered < round_cash(total - card) or tendered % 100
        return
    assert result.card_ore == card and result.rounding_ore == result.cash_ore - (total - card)
    assert result.tendered_ore % 100 == result.change_ore % 100 == result.cash_ore % 100 == 0


def test_refunds_by_card_and_swish_are_exact_and_only_cash_refunds_are_rounded():
    assert (settle_refund(-14949, "card").rounding_ore, settle_refund(-14949, "card").card_ore) == (0, -14949)
    assert (settle_refund(-14949, "swish").rounding_ore, settle_refund(-14949, "swish").swish_ore) == (0, -14949)
    assert (settle_refund(-14949, "cash").cash_ore, settle_refund(-14949, "cash").rounding_ore) == (-14900, 49)


# --- the API ----------------------------------------------------------------------------------------

@pytest.fixture
def api(api_as, make_till):
    make_till("SKH-1")
    client = api_as("participant")
    assert client.post("/api/v1/tills/SKH-1/open", json={"float_ore": 0}).status_code == 201
    return client


def _sell(api, code, payments, **extra):
    return api.post("/api/v1/sales", json={"till": "SKH-1", "lines": [{"code": code}], "payments": payments, **extra})


@pytest.mark.parametrize("training", [False, True])
def test_api_refuses_a_card_only_sale_short_of_the_total(api, make_item, training):
    item = make_item(price_ore=14949)
    response = _sell(api, item.code, [{"method": "card", "amount_ore": 14900}], training=training)
    assert response.status_code == 422 and response.json["error"]["code"] == "payment_short"
    assert db.session.scalar(select(func.count(Sale.id))) == 0
    exact = _sell(api, item.code, [{"method": "card", "amount_ore": 14949}], training=training)
    assert exact.status_code == 201 and exact.json["rounding_ore"] == 0


def test_api_refuses_a_sale_with_no_payment_and_sells_it_with_a_cash_line(api, make_item):
    item = make_item(price_ore=40)
    refused = _sell(api, item.code, [])
    assert refused.status_code == 422 and refused.json["error"]["code"] == "payment_short"
    sold = _sell(api, item.code, [{"method": "cash", "amount_ore": 0}])
    assert sold.status_code == 201, sold.json
    assert sold.json["rounding_ore"] == -40
    assert [(p["method"], p["amount_ore"]) for p in sold.json["payments"]] == [("cash", 0)]


def test_api_refuses_cash_in_ore(api, make_item):
    item = make_item(price_ore=14949)
    refused = _sell(api, item.code, [{"method": "cash", "amount_ore": 14949}])
    assert refused.status_code == 422 and refused.json["error"]["code"] == "cash_not_whole_kronor"
    sold = _sell(api, item.code, [{"method": "cash", "amount_ore": 15000}])
    assert sold.status_code == 201 and (sold.json["rounding_ore"], sold.json["change_ore"]) == (-49, 100)


def test_a_card_refund_of_a_card_sale_is_exact(api, make_item):
    item = make_item(price_ore=14949)
    assert _sell(api, item.code, [{"method": "card", "amount_ore": 14949}]).status_code == 201
    refund = api.post("/api/v1/returns", json={"till": "SKH-1", "original": {"till": "SKH-1", "receipt_number": 1},
                                               "codes": [item.code], "refund_method": "card"})
    assert refund.status_code == 201 and refund.json["rounding_ore"] == 0
    assert refund.json["payments"] == [{"method": "card", "amount_ore": -14949, "tendered_ore": None,
                                        "change_ore": 0, "reference": None}]


# --- the till's pay page ----------------------------------------------------------------------------

@pytest.fixture
def seller(client, make_user, open_till_):
    user = make_user("participant", username="seller", language="en")
    login(client, user)
    open_till_("SKH-1")
    return user


def _cart_with(client, item):
    client.post("/till/SKH-1/scan", data={"code": item.code}, headers=JSON)
    page = client.get("/till/SKH-1/pay")
    return re.search(r'name="key" type="hidden" value="([0-9a-f]+)"', page.text).group(1)


def test_pay_page_refuses_card_short_of_the_total(client, seller, make_item):
    item = make_item(price_ore=14949)
    key = _cart_with(client, item)
    page = client.post("/till/SKH-1/pay", data={"key": key, "card": "149,00", "card_confirmed": "y"})
    assert page.status_code == 422 and "0,49" in page.text and "Card and Swish pay exact amounts" in page.text
    assert db.session.scalar(select(func.count(Sale.id))) == 0
    preview = client.get("/till/SKH-1/pay/preview?cash=&card=149,00&swish=").json
    assert preview["ok"] is False


def test_pay_page_refuses_cash_in_ore_and_sells_for_whole_kronor(client, seller, make_item):
    item = make_item(price_ore=14949)
    key = _cart_with(client, item)
    refused = client.post("/till/SKH-1/pay", data={"key": key, "cash": "149,49"})
    assert refused.status_code == 422 and "whole kronor" in refused.text
    assert client.get("/till/SKH-1/pay/preview?cash=149,49&card=&swish=").json["ok"] is False
    assert client.post("/till/SKH-1/pay", data={"key": key, "cash": "150"}).status_code == 302
    sale = db.session.scalar(select(Sale))
    assert (sale.rounding_ore, sale.change_ore) == (-49, 100)


def test_pay_page_sells_a_sale_that_rounds_to_nothing_with_a_cash_line(client, seller, make_item):
    item = make_item(price_ore=40)
    key = _cart_with(client, item)
    assert client.post("/till/SKH-1/pay", data={"key": key, "quick": "cash"}).status_code == 302
    sale = db.session.scalar(select(Sale))
    assert sale.total_ore == 40 and sale.rounding_ore == -40
    assert [(p.method, p.amount_ore) for p in sale.payments] == [(PaymentMethod.cash, 0)]
    db.session.refresh(item)
    assert item.status == ItemStatus.sold


# --- Swish ------------------------------------------------------------------------------------------

def test_swish_payload_follows_the_prefilled_format_with_an_encoded_message():
    assert swish_payload("1231181189", 14950, "SKH-1 AB12CD34") == "C1231181189;149,50;SKH-1%20AB12CD34;0"
    # The separator, an ampersand and a Swedish letter inside a message cannot break the fields.
    assert swish_payload("1231181189", 100, "a;b&å") == "C1231181189;1,00;a%3Bb%26%C3%A5;0"
    assert len(swish_reference("SKH-1", "0" * 32)) <= 50


@pytest.mark.parametrize("amount", ["abc", "-5", "0", "", "2147483648", "99999999999", "1e3", "١٠٠"])
def test_a_bad_swish_amount_is_refused_not_drawn_as_zero(client, seller, amount):
    response = client.get(f"/till/SKH-1/swish.svg?amount={amount}")
    assert response.status_code == 422 and b"<svg" not in response.data


def test_the_swish_payment_keeps_the_reference_its_qr_showed(client, seller, make_item, monkeypatch):
    shown = []

    def qr(session, *, amount_ore, message):
        shown.append((amount_ore, message))
        return b"<svg/>"

    monkeypatch.setattr("boutique.sales.views_pay.swish_qr_svg", qr)
    item = make_item(price_ore=14950)
    key = _cart_with(client, item)
    assert client.get("/till/SKH-1/swish.svg?amount=14950").status_code == 200
    assert shown == [(14950, swish_reference("SKH-1", key))] and "Ny Form" not in shown[0][1]
    assert client.post("/till/SKH-1/pay", data={"key": key, "quick": "swish"}).status_code == 302
    payment = db.session.scalar(select(Payment))
    assert (payment.method, payment.amount_ore, payment.reference) == (PaymentMethod.swish, 14950, shown[0][1])
    receipt = client.get("/till/SKH-1/receipts/1")
    assert shown[0][1] in receipt.text
    # The next sale shows another reference.
    next_key = _cart_with(client, make_item(price_ore=100))
    assert swish_reference("SKH-1", next_key) != shown[0][1]
