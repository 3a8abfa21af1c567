"""Gift vouchers over the JSON API: sold as a line, spent as a payment with its code, refunded to a new one,
looked up by code; every refusal a JSON error with its code."""

import pytest

from boutique.extensions import db
from boutique.places.settings import set_setting


@pytest.fixture
def api(api_as, till):
    return api_as("participant")


def _sell(api, lines, payments, status=201):
    response = api.post("/api/v1/sales", json={"till": "SKH-1", "lines": lines, "payments": payments})
    assert response.status_code == status, response.json
    return response.json


def test_a_voucher_sold_spent_and_looked_up_through_the_api(api, make_item):
    set_setting(db.session, "voucher_validity_months", "12")
    db.session.commit()
    sold = _sell(api, [{"voucher_ore": 30000}], [{"method": "swish", "amount_ore": 30000}])
    [issued] = sold["vouchers"]
    assert sold["vat"] == [] and sold["lines"][0]["voucher_code"] == issued["code"]
    dress = make_item(price_ore=14900).code  # read now: the API's requests end the test's session
    spent = _sell(api, [{"code": dress}], [{"method": "voucher", "code": issued["code"], "amount_ore": 10000},
                                                 {"method": "card", "amount_ore": 4900}])
    assert spent["vouchers"] == [{"code": issued["code"], "kind": "redeemed", "amount_ore": 10000,
                                  "balance_ore": 20000, "valid_until": issued["valid_until"]}]
    assert [(p["method"], p["amount_ore"], p["reference"]) for p in spent["payments"]] == [
        ("card", 4900, None), ("voucher", 10000, issued["code"])]
    found = api.get(f"/api/v1/vouchers/{issued['code']}").json
    assert (found["balance_ore"], found["expired"], [e["kind"] for e in found["history"]]) == (
        20000, False, ["issued", "redeemed"])
    back = api.post("/api/v1/returns", json={"till": "SKH-1", "original": {"till": "SKH-1",
                    "receipt_number": spent["receipt_number"]}, "codes": [dress], "refund_method": "voucher"})
    assert back.status_code == 201 and back.json["vouchers"][0]["kind"] == "issued"
    assert back.json["vouchers"][0]["amount_ore"] == 14900  # the whole refund, on a new voucher


def test_voucher_refusals_are_json_errors(api, make_item):
    dress = make_item(price_ore=14900).code
    no_code = api.post("/api/v1/sales", json={"till": "SKH-1", "lines": [{"code": dress}],
                                              "payments": [{"method": "voucher", "amount_ore": 14900}]})
    assert no_code.status_code == 422
    unknown = api.post("/api/v1/sales", json={"till": "SKH-1", "lines": [{"code": dress}],
                                              "payments": [{"method": "voucher", "code": "2700000000007",
                                                            "amount_ore": 14900}]})
    assert unknown.status_code == 404 and unknown.json["error"]["code"] == "voucher_not_found"
    assert api.get("/api/v1/vouchers/2700000000008").json["error"]["code"] == "invalid_voucher_code"
    mixed = api.post("/api/v1/sales", json={"till": "SKH-1", "lines": [{"voucher_ore": 100, "code": dress}],
                                            "payments": [{"method": "card", "amount_ore": 100}]})
    assert mixed.status_code == 422


def test_a_voucher_scanned_where_an_item_is_asked_for_is_said_to_be_a_voucher(api):
    sold = _sell(api, [{"voucher_ore": 10000}], [{"method": "card", "amount_ore": 10000}])
    code = sold["vouchers"][0]["code"]
    scanned = api.get(f"/api/v1/tills/SKH-1/scan/{code}")
    assert scanned.status_code == 422 and scanned.json["error"]["code"] == "voucher_not_item"
