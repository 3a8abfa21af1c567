"""Issue 20, items 3 to 5: what the X- and Z-reports must hold (SKVFS 2014:9: copies and unfinished
sales, the X-report's time), one rule for a cash difference on every path, and days whose sums pass
32 bits closing on PostgreSQL as on SQLite."""

from datetime import datetime

import pytest
from sqlalchemy import func, select

from boutique.core.errors import InvalidInput
from boutique.core.money import MAX_ORE
from boutique.extensions import db
from boutique.places.services import get_till
from boutique.sales.cart_models import CartLine
from boutique.sales.day_models import ZReport
from boutique.sales.models import Sale
from boutique.sales.queries import scan_lookup
from boutique.sales.receipts import print_copy
from boutique.sales.services import carts
from boutique.sales.services.days import close_till

MANUAL = {"description": "Konstverk", "category": "decor"}


@pytest.fixture
def api(api_as, make_till):
    make_till("SKH-1")
    make_till("SKH-2")
    client = api_as("supervisor")
    assert client.post("/api/v1/tills/SKH-1/open", json={"float_ore": 50000}).status_code == 201
    return client


def _sell(api, lines, payments):
    response = api.post("/api/v1/sales", json={"till": "SKH-1", "lines": lines, "payments": payments})
    assert response.status_code == 201, response.json
    return response.json


# --- item 3: copies and unfinished sales on the X and Z; the X-report's time ---------------------------

def test_x_and_z_carry_copies_and_unfinished_sales_and_the_close_empties_the_cart(api, make_item, make_user):
    sold, left = make_item(price_ore=14900), make_item(price_ore=7900)
    _sell(api, [{"code": sold.code}], [{"method": "card", "amount_ore": 14900}])
    print_copy(db.session, db.session.scalar(select(Sale)), user=api.user)
    till = _till("SKH-1")
    cart = carts.get_cart(db.session, till)
    carts.add_item(db.session, cart, code=left.code)
    db.session.commit()

    x = api.get("/api/v1/tills/SKH-1/x").json
    assert (x["copies_count"], x["copies_ore"], x["unfinished_count"], x["unfinished_ore"]) == (1, 14900, 1, 7900)
    assert datetime.fromisoformat(x["printed_at"]).tzinfo is not None

    z = api.post("/api/v1/tills/SKH-1/close", json={"counted_cash_ore": 50000}).json
    assert (z["copies_count"], z["copies_ore"], z["unfinished_count"], z["unfinished_ore"]) == (1, 14900, 1, 7900)
    stored = db.session.scalar(select(ZReport))
    assert (stored.copies_ore, stored.unfinished_count, stored.unfinished_ore) == (14900, 1, 7900)
    # The cart was emptied: the item is free for any till, today and the next day.
    assert db.session.scalar(select(func.count(CartLine.id))) == 0
    assert scan_lookup(db.session, till_code="SKH-2", code_text=left.code).in_cart_of is None
    assert api.post("/api/v1/tills/SKH-1/open", json={"float_ore": 50000}).status_code == 201
    assert api.get("/api/v1/tills/SKH-1/x").json["unfinished_count"] == 0


def test_a_training_cart_is_emptied_at_close_but_is_no_unfinished_sale(cashier, open_till_, make_item):
    till = open_till_()
    cart = carts.get_cart(db.session, till)
    carts.set_training(db.session, cart, on=True)
    carts.add_item(db.session, cart, code=make_item().code)
    report = close_till(db.session, till=till, user=cashier, counted_cash_ore=100000)
    assert (report.unfinished_count, report.unfinished_ore) == (0, 0)
    assert db.session.scalar(select(func.count(CartLine.id))) == 0


def test_the_pages_show_copies_unfinished_sales_and_when_the_x_was_printed(client, login_as, api, make_item):
    item = make_item(price_ore=7900)
    carts.add_item(db.session, carts.get_cart(db.session, _till("SKH-1")), code=item.code)
    db.session.commit()
    login_as("supervisor", language="en")
    x = client.get("/till/SKH-1/x").text
    # The X- and Z-reports are the shop's documents, in Swedish whatever the supervisor speaks.
    assert "Utskriven " in x and "Ej avslutade försäljningar (1)" in x and "79,00" in x and "Kvittokopior (0)" in x
    api.post("/api/v1/tills/SKH-1/close", json={"counted_cash_ore": 50000})
    z = db.session.scalar(select(ZReport))
    page = client.get(f"/till/SKH-1/z/{z.z_number}").text
    assert "Ej avslutade försäljningar (1)" in page and "79,00" in page
    summary = client.get(f"/reports/till/{z.id}").text
    assert "Unfinished sales" in summary and "79,00" in summary


# --- item 4: a cash difference needs a reason, on every path ------------------------------------------

def test_api_close_with_a_difference_and_no_reason_is_refused(api):
    for body in ({"counted_cash_ore": 49000}, {"counted_cash_ore": 49000, "note": "   "}):
        refused = api.post("/api/v1/tills/SKH-1/close", json=body)
        assert refused.status_code == 422 and refused.json["error"]["code"] == "variance_reason_required"
    assert db.session.scalar(select(func.count(ZReport.id))) == 0
    closed = api.post("/api/v1/tills/SKH-1/close", json={"counted_cash_ore": 49000, "note": "En tia saknas"})
    assert closed.status_code == 201 and (closed.json["variance_ore"], closed.json["note"]) == (-1000, "En tia saknas")


def test_the_close_service_itself_refuses_a_difference_without_a_reason(cashier, open_till_):
    till = open_till_(float_ore=100000)
    with pytest.raises(InvalidInput) as refused:
        close_till(db.session, till=till, user=cashier, counted_cash_ore=100100)
    assert refused.value.code == "variance_reason_required"
    assert refused.value.details == {"expected_cash_ore": 100000, "variance_ore": 100}
    assert close_till(db.session, till=till, user=cashier, counted_cash_ore=100000).variance_ore == 0


# --- item 5: any day the contract allows closes -----------------------------------------------------

def test_a_day_past_32_bits_closes_and_keeps_its_sums(api):
    big = 1_500_000_000
    for _ in range(2):
        _sell(api, [{**MANUAL, "price_ore": big}], [{"method": "card", "amount_ore": big}])
    _sell(api, [{**MANUAL, "price_ore": MAX_ORE}], [{"method": "swish", "amount_ore": MAX_ORE}])
    closed = api.post("/api/v1/tills/SKH-1/close", json={"counted_cash_ore": 50000})
    assert closed.status_code == 201, closed.json
    total = 2 * big + MAX_ORE
    body = closed.json
    assert (body["sales_ore"], body["net_ore"], body["payments"]["card"]) == (total, total, 2 * big)
    db.session.expire_all()
    z = db.session.scalar(select(ZReport))
    assert (z.sales_ore, z.card_ore, z.swish_ore) == (total, 2 * big, MAX_ORE)
    assert sum(row.gross_ore for row in z.vat_rows) == total
    assert {row.method.value: row.net_ore for row in z.payment_rows}["card"] == 2 * big


def test_a_sale_whose_discounts_pass_the_limit_is_refused_not_stored_out_of_range(api):
    line = {**MANUAL, "price_ore": MAX_ORE, "discount": {"percent": 100, "reason": "Gåva"}}
    refused = api.post("/api/v1/sales", json={"till": "SKH-1", "lines": [line, line], "payments": []})
    assert refused.status_code == 422 and refused.json["error"]["code"] == "total_too_large"


def _till(code):
    return get_till(db.session, code)
