"""The stock API: a count and a transfer as a scanner app drives them, and the errors it gets."""

import pytest

from boutique.extensions import db
from boutique.sales.services.days import open_till


@pytest.fixture
def api(api_as, make_location):
    make_location("SKH")
    make_location("HUS", "Husby")
    return api_as("participant")


def test_a_count_over_the_api(api, make_item):
    shelf = [make_item(price_ore=9900, weight_grams=250) for _ in range(2)]
    started = api.post("/api/v1/stocktakes", json={"location": "SKH", "zone": "Hylla 2"})
    assert started.status_code == 201 and started.json["status"] == "counting"
    count = started.json["id"]
    scanned = api.post(f"/api/v1/stocktakes/{count}/scan", json={"code": shelf[0].code})
    assert scanned.status_code == 200 and scanned.json["finding"] == "fine" and scanned.json["tally"] == 1
    assert api.post(f"/api/v1/stocktakes/{count}/scan", json={"code": shelf[0].code}).json["again"] is True
    bad = api.post(f"/api/v1/stocktakes/{count}/scan", json={"code": "123"})
    assert bad.status_code == 422 and "error" in bad.json
    early = api.post(f"/api/v1/stocktakes/{count}/lines/1/settle", json={"choice": "lost", "reason": "x"})
    assert early.status_code == 409 and early.json["error"]["code"] == "stocktake_counting"
    finished = api.post(f"/api/v1/stocktakes/{count}/finish")
    assert finished.json["missing"] == {"items": 1, "ore": 9900, "grams": 250}
    line = finished.json["missing_lines"][0]
    assert line["item"] == shelf[1].code and line["choices"] == ["lost", "found"]
    wrong = api.post(f"/api/v1/stocktakes/{count}/lines/{line['id']}/settle", json={"choice": "moved_here",
                                                                                    "reason": "x"})
    assert wrong.status_code == 422 and wrong.json["error"]["code"] == "invalid_choice"
    settled = api.post(f"/api/v1/stocktakes/{count}/lines/{line['id']}/settle", json={"choice": "lost",
                                                                                      "reason": "Borta"})
    assert settled.json["settled"] is True and settled.json["line"]["settlement"] == "lost"
    assert api.get(f"/api/v1/items/{shelf[1].code}").json["status"] == "lost"
    day = finished.json["finished_at"][:10]
    report = api.get(f"/api/v1/stocktakes/report?location=SKH&day={day}")
    assert report.status_code == 200 and report.json["counted"]["items"] == 1
    assert api.get("/api/v1/stocktakes/report?location=SKH&day=yesterday").status_code == 422
    assert api.get("/api/v1/stocktakes/999").status_code == 404


def test_a_transfer_over_the_api_and_the_till_refusing_what_is_in_transit(api, make_item, make_till, make_user):
    item = make_item(location="HUS")
    transfer = api.post("/api/v1/transfers", json={"from": "HUS", "to": "SKH"})
    assert transfer.status_code == 201 and transfer.json["from"] == "HUS"
    number = transfer.json["id"]
    out = api.post(f"/api/v1/transfers/{number}/scan-out", json={"code": item.code})
    assert out.json["status"] == "in_transit"
    till = make_till("HUS-1", location="HUS")
    open_till(db.session, till=till, user=make_user("participant"), float_ore=0)
    db.session.commit()
    refused = api.post("/api/v1/sales", headers={"Idempotency-Key": "transit-1"}, json={
        "till": "HUS-1", "lines": [{"code": item.code}], "payments": [{"method": "card", "amount_ore": 14900}]})
    assert refused.status_code == 409 and refused.json["error"]["code"] == "item_unavailable"
    assert "på väg mellan butikerna" in refused.json["error"]["message"]  # the Swedish default
    assert api.post(f"/api/v1/transfers/{number}/scan-in", json={"code": item.code}).status_code == 409
    api.post(f"/api/v1/transfers/{number}/send")
    arrived = api.post(f"/api/v1/transfers/{number}/scan-in", json={"code": item.code})
    assert arrived.json["status"] == "for_sale" and arrived.json["location"] == "SKH"
    done = api.post(f"/api/v1/transfers/{number}/finish")
    assert done.json["status"] == "received" and done.json["open_differences"] == 0
    assert api.post("/api/v1/transfers", json={"from": "HUS", "to": "HUS"}).status_code == 422


def test_students_may_read_counts_but_not_scan(api_as, api, make_item):
    count = api.post("/api/v1/stocktakes", json={"location": "SKH"}).json["id"]
    student = api_as("student")
    assert student.get(f"/api/v1/stocktakes/{count}").status_code == 200
    assert student.post(f"/api/v1/stocktakes/{count}/scan", json={"code": make_item().code}).status_code == 403


def test_an_id_past_the_database_integer_is_not_found(api):
    for path in ("/api/v1/stocktakes/193063651773579360468992", "/api/v1/transfers/193063651773579360468992"):
        assert api.get(path).status_code == 404
    count = api.post("/api/v1/stocktakes", json={"location": "SKH"}).json["id"]
    api.post(f"/api/v1/stocktakes/{count}/finish")
    settle = api.post(f"/api/v1/stocktakes/{count}/lines/99999999999999999999/settle",
                      json={"choice": "lost", "reason": "x"})
    assert settle.status_code == 404
