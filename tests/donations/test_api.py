"""POST /donations and POST /donations/{id}/items as API.md says."""

import pytest


def _error(response) -> str:
    return response.get_json()["error"]["code"]


def test_register_a_donation_and_unpack_it(api_as, make_location):
    make_location("HUS", name="Husby")
    api = api_as("participant")
    response = api.post("/api/v1/donations", json={"source": "collection", "location": "HUS", "weight_grams": 8200,
                                                   "bags": 3, "note": "Container vid tunnelbanan"})
    assert response.status_code == 201
    donation = response.get_json()
    assert (donation["source"], donation["location"], donation["weight_grams"], donation["items"]) == (
        "collection", "HUS", 8200, 0)
    unpacked = api.post(f"/api/v1/donations/{donation['id']}/items", json={"items": [
        {"category": "women-dresses", "description": "Blommig klänning"}, {"category": "shoes"},
        {"category": "scarves", "description": "ሻርፕ / وشاح"}]})
    assert unpacked.status_code == 201
    items = unpacked.get_json()["items"]
    assert [(i["status"], i["category"], i["location"]) for i in items] == [
        ("received", "women-dresses", "HUS"), ("received", "shoes", "HUS"), ("received", "scarves", "HUS")]
    assert all(len(i["code"]) == 13 and i["code"].startswith("29") for i in items)
    assert items[2]["description"] == "ሻርፕ / وشاح"
    assert items[0]["history"] == [{"event": "received", "at": items[0]["history"][0]["at"],
                                    "by": api.user.username, "status": "received", "location": "HUS",
                                    "details": {"donation_id": donation["id"]}}]
    assert api.get(f"/api/v1/donations/{donation['id']}").get_json()["items"] == 3


@pytest.mark.parametrize(("body", "code"), [
    ({"source": "gift", "location": "SKH"}, "validation_failed"),
    ({"source": "pickup", "location": "NOPE"}, "unknown_location"),
    ({"source": "pickup", "location": "SKH", "weight_grams": -5}, "validation_failed"),
    ({"source": "pickup", "location": "SKH", "weight_grams": 2.5}, "validation_failed"),
    ({"source": "pickup", "location": "SKH", "weight_grams": 0}, "validation_failed"),  # as the form: more than zero
    ({"source": "pickup", "location": "SKH", "bags": 100000}, "validation_failed"),
    ({"source": "pickup"}, "validation_failed"),
    ({"source": "pickup", "location": "SKH", "received_at": "2026-01-01T10:00:00"}, "invalid_time"),
])
def test_bad_donations_are_422(api_as, make_location, body, code):
    make_location("SKH")
    response = api_as("participant").post("/api/v1/donations", json=body)
    assert response.status_code == 422 and _error(response) == code


def test_unpack_errors(api_as, make_location):
    make_location("SKH")
    api = api_as("participant")
    donation = api.post("/api/v1/donations", json={"source": "drop_off", "location": "SKH"}).get_json()
    url = f"/api/v1/donations/{donation['id']}/items"
    assert api.post("/api/v1/donations/999999/items", json={"items": [{"category": "bags"}]}).status_code == 404
    assert _error(api.post(url, json={"items": [{"category": "bags"}, {"category": "nope"}]})) == "unknown_category"
    assert api.post(url, json={"items": []}).status_code == 422
    assert api.post(url, json={"items": [{"category": "bags"}] * 501}).status_code == 422
    assert api.post(url, json={"items": [{"category": "bags", "description": "x" * 301}]}).status_code == 422
    assert api.get(f"/api/v1/donations/{donation['id']}").get_json()["items"] == 0


def test_students_cannot_register_or_unpack(api_as, make_location):
    make_location("SKH")
    api = api_as("student")
    assert api.post("/api/v1/donations", json={"source": "drop_off", "location": "SKH"}).status_code == 403
