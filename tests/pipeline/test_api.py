"""API.md "Items and the pipeline": every call, its statuses and its error codes."""

import pytest

from boutique.items.codes import item_code

NEVER_ISSUED = item_code(9_999_999)


def _error(response) -> str:
    return response.get_json()["error"]["code"]


def test_get_item_returns_the_contract_fields_and_history(api_as, make_item):
    item = make_item(status="for_sale", price_ore=14900, description="ቀሚስ فستان klänning åäö")
    body = api_as("student").get(f"/api/v1/items/{item.code}").get_json()
    assert {"code", "status", "category", "grade", "value_ore", "price_ore", "location", "lot_id",
            "history"} <= set(body)
    assert (body["code"], body["status"], body["category"], body["location"], body["price_ore"]) == (
        item.code, "for_sale", "women-dresses", "SKH", 14900)
    assert body["description"] == "ቀሚስ فستان klänning åäö"
    assert body["shelf_price_ore"] == 14900 and body["markdown_percent"] == 0
    (entry,) = body["history"]
    assert entry["event"] == "received" and entry["by"] is None and entry["at"][-6] in "+-"


@pytest.mark.parametrize(("code", "status", "error"), [
    (NEVER_ISSUED, 404, "item_not_found"), ("2900000000000", 422, "invalid_code"), ("29000000000", 422, "invalid_code"),
    ("abcdefghijklm", 422, "invalid_code"), ("29000000000011", 422, "invalid_code"),
    ("\"(!!!!!!!!!!!", 422, "invalid_code"), ("२९००००००००००१", 422, "invalid_code"),
    ("٢٩٠٠٠٠٠٠٠٠٠٠٠", 422, "invalid_code")])
def test_unknown_and_malformed_codes(api_as, code, status, error):
    api = api_as("participant")
    for response in (api.get(f"/api/v1/items/{code}"), api.post(f"/api/v1/items/{code}/wash")):
        assert response.status_code == status and _error(response) == error


def test_wash_moves_received_to_washed_and_refuses_anything_else(api_as, make_item):
    api = api_as("participant")
    item = make_item(status="received")
    response = api.post(f"/api/v1/items/{item.code}/wash")
    assert response.status_code == 200 and response.get_json()["status"] == "washed"
    assert response.get_json()["history"][-1]["by"] == api.user.username
    again = api.post(f"/api/v1/items/{item.code}/wash")
    assert again.status_code == 409 and _error(again) == "invalid_transition"
    assert "tvättad" in again.get_json()["error"]["message"]  # the user reads Swedish


def test_wash_accepts_program_and_temperature_and_refuses_bad_ones(api_as, make_item):
    api = api_as("participant")
    item = make_item(status="received")
    assert api.post(f"/api/v1/items/{item.code}/wash", json={"temperature_c": 200}).status_code == 422
    response = api.post(f"/api/v1/items/{item.code}/wash", json={"program": "Ull", "temperature_c": 30})
    assert response.get_json()["history"][-1]["details"]["program"] == "Ull"


@pytest.mark.parametrize(("grade", "status"), [("shop", "sorted"), ("repair", "sorted"), ("redesign", "material"),
                                               ("recycle", "recycled"), ("discard", "discarded")])
def test_sort_from_received_or_washed_goes_where_the_grade_says(api_as, make_item, grade, status):
    api = api_as("participant")
    for start in ("received", "washed"):
        item = make_item(status=start)
        response = api.post(f"/api/v1/items/{item.code}/sort", json={
            "category": "men-knitwear", "grade": grade, "fibre": "ull", "colour": "grå", "size": "L",
            "brand": "Dale of Norway", "condition": 3})
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        assert (body["status"], body["grade"], body["category"], body["condition"]) == (
            status, grade, "men-knitwear", 3)


@pytest.mark.parametrize("body", [
    {"category": "no-such", "grade": "shop"}, {"category": "men-shirts", "grade": "vintage"},
    {"category": "men-shirts", "grade": "shop", "condition": 0}, {"category": "men-shirts", "grade": "shop",
                                                                  "condition": 6},
    {"category": "men-shirts", "grade": "shop", "condition": "3"}, {"grade": "shop"},
    {"category": "men-shirts", "grade": "shop", "colour": "x" * 81},
    {"category": "men-shirts", "grade": "shop", "surprise": 1}])
def test_sort_refuses_invalid_bodies_with_422(api_as, make_item, body):
    item = make_item(status="washed")
    response = api_as("participant").post(f"/api/v1/items/{item.code}/sort", json=body)
    assert response.status_code == 422


def test_unknown_category_has_its_own_error_code(api_as, make_item):
    item = make_item(status="washed")
    response = api_as("participant").post(f"/api/v1/items/{item.code}/sort", json={"category": "x", "grade": "shop"})
    assert _error(response) == "unknown_category"


def test_sorting_a_sold_item_is_a_conflict(api_as, make_item):
    item = make_item(status="sold")
    response = api_as("participant").post(f"/api/v1/items/{item.code}/sort",
                                          json={"category": "men-shirts", "grade": "shop"})
    assert response.status_code == 409 and _error(response) == "invalid_transition"


def test_value_then_price_then_reprice(api_as, make_item):
    api = api_as("supervisor")
    item = make_item(status="sorted")
    assert api.post(f"/api/v1/items/{item.code}/value", json={"value_ore": 12000}).get_json()["status"] == "valued"
    priced = api.post(f"/api/v1/items/{item.code}/price", json={"price_ore": 12900}).get_json()
    assert (priced["status"], priced["price_ore"], priced["first_price_ore"]) == ("for_sale", 12900, 12900)
    repriced = api.post(f"/api/v1/items/{item.code}/price", json={"price_ore": 9900}).get_json()
    assert (repriced["price_ore"], repriced["first_price_ore"]) == (9900, 12900)
    assert [h["event"] for h in repriced["history"]][-3:] == ["valued", "priced", "repriced"]


@pytest.mark.parametrize(("path", "body"), [
    ("value", {"value_ore": -1}), ("value", {"value_ore": 2_147_483_648}), ("value", {"value_ore": 1.5}),
    ("value", {"value_ore": "100"}), ("value", {}), ("price", {"price_ore": 0}), ("price", {"price_ore": -5}),
    ("price", {"price_ore": 2_147_483_648}), ("price", {"price_ore": True})])
def test_value_and_price_out_of_range_are_422(api_as, make_item, path, body):
    item = make_item(status="sorted" if path == "value" else "valued")
    response = api_as("participant").post(f"/api/v1/items/{item.code}/{path}", json=body)
    assert response.status_code == 422


@pytest.mark.parametrize(("path", "body", "status"), [
    ("value", {"value_ore": 100}, "washed"), ("value", {"value_ore": 100}, "for_sale"),
    ("price", {"price_ore": 100}, "washed"), ("price", {"price_ore": 100}, "sorted"),
    ("price", {"price_ore": 100}, "sold"), ("wash", None, "sorted")])
def test_wrong_transitions_are_409(api_as, make_item, path, body, status):
    item = make_item(status=status)
    response = api_as("participant").post(f"/api/v1/items/{item.code}/{path}", json=body)
    assert response.status_code == 409 and _error(response) == "invalid_transition"


def test_students_may_read_items_but_not_change_them(api_as, make_item):
    item = make_item(status="received")
    api = api_as("student")
    assert api.get(f"/api/v1/items/{item.code}").status_code == 200
    for path, body in (("wash", None), ("skip-wash", {"reason": "x"}), ("sort", {"category": "bags", "grade": "shop"}),
                       ("value", {"value_ore": 1}), ("price", {"price_ore": 1})):
        assert api.post(f"/api/v1/items/{item.code}/{path}", json=body).status_code == 403


def test_no_token_is_401(client, make_item):
    item = make_item(status="received")
    assert client.get(f"/api/v1/items/{item.code}").status_code == 401
    assert client.post(f"/api/v1/items/{item.code}/wash").status_code == 401


def test_malformed_json_is_400_and_huge_body_is_413(api_as, make_item, app):
    item = make_item(status="washed")
    api = api_as("participant")
    response = api.post(f"/api/v1/items/{item.code}/sort", data="{not json", headers={
        "Content-Type": "application/json"})
    assert response.status_code == 400
    huge = api.post(f"/api/v1/items/{item.code}/sort", data=b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1),
                    headers={"Content-Type": "application/json"})
    assert huge.status_code == 413


def test_skip_wash_and_wash_load_calls(api_as, make_item):
    api = api_as("participant")
    shoe = make_item(status="received", category="shoes")
    skipped = api.post(f"/api/v1/items/{shoe.code}/skip-wash", json={"reason": "Skor"}).get_json()
    assert skipped["status"] == "received" and skipped["history"][-1]["event"] == "wash_skipped"
    items = [make_item(status="received") for _ in range(3)]
    load = api.post("/api/v1/wash-loads", json={"codes": [i.code for i in items], "program": "Kulört",
                                                "temperature_c": 40})
    assert load.status_code == 201 and {i["status"] for i in load.get_json()["items"]} == {"washed"}
    again = api.post("/api/v1/wash-loads", json={"codes": [items[0].code]})
    assert again.status_code == 409


def test_suggestion_call_shows_the_comparables(api_as, make_item, make_sold_item):
    for price in (4000, 5000, 6000):
        make_sold_item(price_ore=price, grade="shop")
    item = make_item(status="sorted", grade="shop")
    body = api_as("student").get(f"/api/v1/items/{item.code}/suggestion").get_json()
    assert body == {"value_ore": 5000, "comparables": 3, "source": "comparables"}


def test_search_items_by_status_and_category(api_as, make_item):
    make_item(status="for_sale", category="bags")
    make_item(status="sold", category="bags")
    make_item(status="for_sale", category="men-shirts")
    api = api_as("student")
    found = api.get("/api/v1/items", query_string={"status": "for_sale", "category": "accessories"}).get_json()
    assert [i["category"] for i in found["items"]] == ["bags"]
    assert api.get("/api/v1/items", query_string={"status": "vanished"}).status_code == 422


def test_every_pipeline_call_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path, method in [("/api/v1/donations", "post"), ("/api/v1/donations/{donation_id}/items", "post"),
                         ("/api/v1/items/{code}", "get"), ("/api/v1/items/{code}/wash", "post"),
                         ("/api/v1/items/{code}/sort", "post"), ("/api/v1/items/{code}/value", "post"),
                         ("/api/v1/items/{code}/price", "post")]:
        operation = paths[path][method]
        assert "422" in operation["responses"] or path == "/api/v1/items/{code}"
    assert {"404", "422"} <= set(paths["/api/v1/items/{code}"]["get"]["responses"])
    assert "409" in paths["/api/v1/items/{code}/price"]["post"]["responses"]


def test_a_code_in_arabic_indic_or_persian_digits_is_the_same_item(api_as, make_item):
    api = api_as("participant")
    item = make_item(status="received")
    arabic = item.code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    persian = item.code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert api.get(f"/api/v1/items/{arabic}").get_json()["code"] == item.code
    washed = api.post(f"/api/v1/items/{persian}/wash")
    assert washed.status_code == 200 and washed.get_json()["status"] == "washed"
