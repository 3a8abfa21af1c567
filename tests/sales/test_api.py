"""The Sales part of the API contract (shared/API.md), call by call."""

import pytest
from sqlalchemy import event, func, select

from boutique.extensions import db
from boutique.sales.models import Sale, SaleLine


@pytest.fixture
def api(api_as, make_till):
    make_till("SKH-1")
    make_till("SKH-2")
    client = api_as("participant")
    assert client.post("/api/v1/tills/SKH-1/open", json={"float_ore": 100000}).status_code == 201
    return client


def _sale(api, codes, payments, key=None, till="SKH-1"):
    headers = {"Idempotency-Key": key} if key else None
    return api.post("/api/v1/sales", json={"till": till, "lines": [{"code": c} for c in codes],
                                           "payments": payments}, headers=headers)


def test_open_answers_201_and_409_when_already_open(api, make_till):
    response = api.post("/api/v1/tills/SKH-2/open", json={"float_ore": 0})
    assert response.status_code == 201 and response.json["status"] == "open"
    again = api.post("/api/v1/tills/SKH-2/open", json={"float_ore": 0})
    assert again.status_code == 409 and again.json["error"]["code"] == "till_open"
    assert api.post("/api/v1/tills/NOPE/open", json={"float_ore": 0}).status_code == 404


@pytest.mark.parametrize("body", [{"float_ore": -1}, {"float_ore": "100"}, {"float_ore": 1.5}, {},
                                  {"float_ore": 2_147_483_648}, {"float_ore": True}])
def test_open_refuses_bad_floats(api, body):
    response = api.post("/api/v1/tills/SKH-2/open", json=body)
    assert response.status_code == 422 and response.json["error"]["code"] == "validation_failed"


def test_a_sale_answers_the_documented_fields_with_cash_rounding(api, make_item):
    item = make_item(price_ore=14950)
    response = _sale(api, [item.code], [{"method": "cash", "amount_ore": 20000}], key="k-1")
    assert response.status_code == 201, response.json
    body = response.json
    assert {k: body[k] for k in ("till", "receipt_number", "total_ore", "rounding_ore", "change_ore")} == {
        "till": "SKH-1", "receipt_number": 1, "total_ore": 14950, "rounding_ore": 50, "change_ore": 5000}
    assert body["lines"][0]["code"] == item.code and body["payments"][0]["amount_ore"] == 15000


def test_manual_lines_and_discounts_over_the_api(api, make_item):
    item = make_item(price_ore=10000)
    response = api.post("/api/v1/sales", json={"till": "SKH-1", "lines": [
        {"code": item.code, "discount": {"percent": 10, "reason": "Fläck"}},
        {"description": "Knappar", "category": "decor", "price_ore": 1500}],
        "payments": [{"method": "swish", "amount_ore": 10500}]})
    assert response.status_code == 201, response.json
    assert response.json["total_ore"] == 10500 and response.json["discount_ore"] == 1000
    too_big = api.post("/api/v1/sales", json={"till": "SKH-1", "lines": [
        {"description": "Knappar", "category": "decor", "price_ore": 1500,
         "discount": {"percent": 90, "reason": "Vänlighet"}}], "payments": [{"method": "cash", "amount_ore": 200}]})
    assert too_big.status_code == 403 and too_big.json["error"]["code"] == "approval_required"


def test_same_idempotency_key_twice_gives_one_sale_and_the_same_receipt(api, make_item):
    item = make_item(price_ore=10000)
    payments = [{"method": "card", "amount_ore": 10000}]
    first = _sale(api, [item.code], payments, key="till-1-abc")
    second = _sale(api, [item.code], payments, key="till-1-abc")
    assert first.status_code == second.status_code == 201
    assert first.json == second.json
    assert db.session.scalar(select(func.count(Sale.id))) == 1
    other_body = _sale(api, [item.code], [{"method": "cash", "amount_ore": 10000}], key="till-1-abc")
    assert other_body.status_code == 422 and other_body.json["error"]["code"] == "idempotency_mismatch"
    assert db.session.scalar(select(func.count(Sale.id))) == 1


def test_idempotency_keys_belong_to_their_user(api, api_as, make_item):
    one, two = make_item(price_ore=10000), make_item(price_ore=10000)
    payments = [{"method": "card", "amount_ore": 10000}]
    assert _sale(api, [one.code], payments, key="same").status_code == 201
    assert _sale(api_as("supervisor"), [two.code], payments, key="same").status_code == 201


def test_a_failed_sale_does_not_use_up_its_key(api, make_item):
    item = make_item(price_ore=10000)
    short = _sale(api, [item.code], [{"method": "cash", "amount_ore": 9000}], key="retry-me")
    assert short.status_code == 422 and short.json["error"]["code"] == "payment_short"
    assert _sale(api, [item.code], [{"method": "cash", "amount_ore": 10000}], key="retry-me").status_code == 201


@pytest.mark.parametrize(("status", "code"), [("sold", 409), ("valued", 409), ("received", 409)])
def test_an_item_not_for_sale_is_409_and_nothing_is_sold(api, make_item, status, code):
    good, bad = make_item(), make_item(status=status)
    response = _sale(api, [good.code, bad.code], [{"method": "card", "amount_ore": 29800}])
    assert response.status_code == code and response.json["error"]["code"] == "item_unavailable"
    assert bad.code in response.json["error"]["message"]
    assert db.session.scalar(select(func.count(SaleLine.id))) == 0


@pytest.mark.parametrize(("codes", "status", "error"), [
    (["2900099999996"], 404, "item_not_found"), (["2900099999993"], 422, "invalid_code"),
    (["hello"], 422, "invalid_code"), (["29000999999960000"], 422, "invalid_code"),
])
def test_garbage_codes_are_clear_errors(api, codes, status, error):
    response = _sale(api, codes, [{"method": "card", "amount_ore": 100}])
    assert response.status_code == status and response.json["error"]["code"] == error


def test_payment_short_is_422_with_a_clear_message(api, make_item):
    item = make_item(price_ore=14950)
    response = _sale(api, [item.code], [{"method": "cash", "amount_ore": 14900}])
    assert response.status_code == 422 and response.json["error"]["code"] == "payment_short"
    assert db.session.scalar(select(func.count(Sale.id))) == 0


@pytest.mark.parametrize("body", [
    {"till": "SKH-1", "lines": []},
    {"till": "SKH-1", "lines": [{"code": "x", "price_ore": 100}]},
    {"till": "SKH-1", "lines": [{"description": "Knappar", "category": "decor"}]},
    {"till": "SKH-1", "lines": [{"description": "Knappar", "category": "decor", "price_ore": 0}]},
    {"till": "SKH-1", "lines": [{"description": "Knappar", "category": "decor", "price_ore": True}]},
    {"till": "SKH-1", "lines": [{"description": "Knappar", "category": "decor", "price_ore": 100}],
     "payments": [{"method": "cheque", "amount_ore": 100}]},
    {"till": "SKH-1", "lines": [{"description": "Knappar", "category": "decor", "price_ore": 100}],
     "payments": [{"method": "cash", "amount_ore": "100"}]},
    {"till": "SKH-1", "lines": [{"description": "Knappar", "category": "decor", "price_ore": 100}], "extra": 1},
])
def test_malformed_sales_are_422(api, body):
    response = api.post("/api/v1/sales", json=body)
    assert response.status_code == 422, response.json


def test_not_json_is_400(api):
    response = api.post("/api/v1/sales", data="{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json["error"]["code"] == "malformed_json"


def test_a_sale_on_a_closed_till_is_409_till_closed(api, make_item):
    response = _sale(api, [make_item().code], [{"method": "card", "amount_ore": 14900}], till="SKH-2")
    assert response.status_code == 409 and response.json["error"]["code"] == "till_closed"


def test_returns_x_and_close(api, make_item):
    one, two = make_item(price_ore=14950), make_item(price_ore=5000)
    sale = _sale(api, [one.code, two.code], [{"method": "cash", "amount_ore": 20000}]).json
    refund = api.post("/api/v1/returns", json={"till": "SKH-1", "original": {"till": "SKH-1", "receipt_number": 1},
                                               "codes": [one.code], "refund_method": "cash"})
    assert refund.status_code == 201, refund.json
    assert (refund.json["total_ore"], refund.json["rounding_ore"], refund.json["receipt_number"]) == (-14950, -50, 2)
    twice = api.post("/api/v1/returns", json={"till": "SKH-1", "original": {"till": "SKH-1", "receipt_number": 1},
                                              "codes": [one.code], "refund_method": "cash"})
    assert twice.status_code == 409 and twice.json["error"]["code"] == "already_returned"
    other = make_item()
    larger = api.post("/api/v1/returns", json={"till": "SKH-1", "original": {"till": "SKH-1", "receipt_number": 1},
                                               "codes": [two.code, other.code], "refund_method": "cash"})
    assert larger.status_code == 422 and larger.json["error"]["code"] == "not_in_sale"
    by_card = api.post("/api/v1/returns", json={"till": "SKH-1", "original": {"till": "SKH-1", "receipt_number": 1},
                                                "codes": [two.code], "refund_method": "card"})
    assert by_card.status_code == 422 and by_card.json["error"]["code"] == "refund_method_not_allowed"
    missing = api.post("/api/v1/returns", json={"till": "SKH-1", "original": {"till": "SKH-1", "receipt_number": 9},
                                                "codes": [two.code], "refund_method": "cash"})
    assert missing.status_code == 404

    x = api.get("/api/v1/tills/SKH-1/x")
    assert x.status_code == 200
    assert (x.json["receipts_count"], x.json["returns_count"], x.json["net_ore"]) == (1, 1, sale["total_ore"] - 14950)
    assert x.json["payments"]["cash"] == 20000 - 15000 and x.json["expected_cash_ore"] == 105000
    closed = api.post("/api/v1/tills/SKH-1/close", json={"counted_cash_ore": 105000})
    assert closed.status_code == 201 and closed.json["z_number"] == 1 and closed.json["variance_ore"] == 0
    again = api.post("/api/v1/tills/SKH-1/close", json={"counted_cash_ore": 105000})
    assert again.status_code == 409 and again.json["error"]["code"] == "till_closed"
    assert api.get("/api/v1/tills/SKH-1/x").status_code == 409
    after = _sale(api, [make_item().code], [{"method": "card", "amount_ore": 14900}])
    assert after.status_code == 409 and after.json["error"]["code"] == "till_closed"


def test_receipt_and_scan_lookups(api, make_item):
    item = make_item(price_ore=14900, size="M")
    scan = api.get(f"/api/v1/tills/SKH-1/scan/{item.code}")
    assert scan.status_code == 200 and scan.json["available"] and scan.json["price_ore"] == 14900
    _sale(api, [item.code], [{"method": "card", "amount_ore": 14900}])
    assert api.get(f"/api/v1/tills/SKH-1/scan/{item.code}").json["available"] is False
    assert api.get("/api/v1/tills/SKH-1/receipts/1").json["lines"][0]["code"] == item.code
    assert api.get("/api/v1/tills/SKH-1/receipts/2").status_code == 404


def test_a_scan_reads_in_autocommit_and_a_sale_after_it_in_a_transaction(api, make_item):
    """The scan (reads_in_autocommit) opens no transaction: on SQLite no BEGIN, on PostgreSQL the driver in
    autocommit. The connection goes back to the pool as it came: the next request's sale is one transaction."""
    code = make_item(price_ore=14900).code
    db.session.remove()  # the requests share the test's app context: start them without its transaction
    seen: list[tuple[str, bool]] = []

    def listen(connection, cursor, statement, parameters, context, executemany):
        driver = connection.connection.dbapi_connection
        transaction = driver.in_transaction if connection.dialect.name == "sqlite" else not driver.autocommit
        seen.append((statement.split()[0].upper(), transaction))

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        assert api.get(f"/api/v1/tills/SKH-1/scan/{code}").json["available"] is True
        scan, seen[:] = list(seen), []
        _sale(api, [code], [{"method": "card", "amount_ore": 14900}])
        sale = list(seen)
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    assert len(scan) == 2 and not any(transaction for _, transaction in scan)  # the token's user, the code
    writes = [transaction for kind, transaction in sale if kind in ("INSERT", "UPDATE")]
    assert writes and all(writes)


@pytest.mark.parametrize(("method", "url"), [
    ("POST", "/api/v1/tills/SKH-1/open"), ("POST", "/api/v1/sales"), ("POST", "/api/v1/returns"),
    ("GET", "/api/v1/tills/SKH-1/x"), ("POST", "/api/v1/tills/SKH-1/close"),
])
def test_students_may_not_sell_return_open_or_close(api, api_as, method, url):
    student = api_as("student")
    assert student.request(method, url, json={}).status_code == 403


def test_the_openapi_document_describes_the_sales_calls(api):
    document = api.get("/api/v1/openapi.json").json
    sale = document["paths"]["/api/v1/sales"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in sale["parameters"])
    assert {"201", "409", "422"} <= set(sale["responses"])
    for path in ("/api/v1/tills/{till}/open", "/api/v1/returns", "/api/v1/tills/{till}/x",
                 "/api/v1/tills/{till}/close"):
        assert path in document["paths"]
    assert "201" in document["paths"]["/api/v1/tills/{till}/close"]["post"]["responses"]
