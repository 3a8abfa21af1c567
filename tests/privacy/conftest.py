"""A participant with a history in every corner of the boutique, made through the API and the pages as
she would make it: a drop-off unpacked, priced and labelled, a weigh-out, two sales (one copy printed),
a lot with hours, a product and a photo, a token and a failed sign-in."""

import io
from dataclasses import dataclass

import pytest
from PIL import Image

from boutique.auth.models import User
from boutique.auth.services import set_pin
from boutique.extensions import db
from tests.conftest import PASSWORD, ApiClient, login

CONTACT = "070-123 45 67"


@dataclass
class History:
    amira: User
    karin: User
    api: ApiClient
    items: list[str]
    lot_id: int
    photo_id: int


def _ok(response, status=200):
    assert response.status_code == status, response.get_data()[:300]
    return response.json


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def history(app, make_user, make_till, api_as) -> History:
    karin = make_user("supervisor", username="karin", display_name="Karin")
    amira = make_user("participant", username="amira", display_name="Amira")
    amira.contact, amira.supervisor_id = CONTACT, karin.id
    set_pin(db.session, amira, pin="2468")
    make_till("SKH-1")
    db.session.commit()
    ids = (amira.id, karin.id)  # the test's requests share this app context: read the users again after
    api, boss = api_as(user=amira), api_as(user=karin)
    donation = _ok(api.post("/api/v1/donations", json={"source": "drop_off", "location": "SKH",
                                                       "weight_grams": 3000, "bags": 1}), 201)
    items = [item["code"] for item in _ok(api.post(f"/api/v1/donations/{donation['id']}/items", json={
        "items": [{"category": "women-dresses"}] * 2 + [{"category": "textiles"}]}), 201)["items"]]
    for code in items[:2]:
        for step, body in (("wash", {}), ("sort", {"category": "women-dresses", "grade": "shop"}),
                           ("value", {"value_ore": 9000}), ("price", {"price_ore": 9900})):
            _ok(api.post(f"/api/v1/items/{code}/{step}", json=body))
    _ok(api.post(f"/api/v1/items/{items[2]}/sort", json={"category": "textiles", "grade": "redesign"}))
    browser = app.test_client()
    assert browser.post("/login", data={"username": "amira", "password": "not her password"}).status_code == 401
    login(browser, amira, PASSWORD)
    assert browser.post("/labels/queue", data={"selected": [f"{code}:9900" for code in items[:2]],
                                               "action": "mark"}).status_code in (302, 303)
    assert browser.post("/pipeline/weigh-outs", data={"grade": "recycle", "weight": "4,5", "fibre": "bomull",
                                                      "location": "SKH"}).status_code in (302, 303)
    _ok(api.post("/api/v1/tills/SKH-1/open", json={"float_ore": 0}), 201)
    for number, code in enumerate(items[:2], start=1):
        _ok(api.post("/api/v1/sales", headers={"Idempotency-Key": f"till-sale-{number}"}, json={
            "till": "SKH-1", "lines": [{"code": code}], "payments": [{"method": "card", "amount_ore": 9900}]}), 201)
    lot = _ok(boss.post("/api/v1/lots", json={"title": "Indigo totes", "location": "SKH"}), 201)
    _ok(boss.post(f"/api/v1/lots/{lot['id']}/members", json={"username": "amira", "role": "participant"}), 201)
    _ok(api.post(f"/api/v1/lots/{lot['id']}/materials", json={"codes": [items[2]]}))
    _ok(api.post(f"/api/v1/lots/{lot['id']}/hours", json={"day": "2026-03-03", "minutes": 150}))
    _ok(api.post(f"/api/v1/lots/{lot['id']}/products", json={"items": [{"category": "textiles",
                                                                        "description": "Tote"}]}), 201)
    photo = _ok(api.client.post(f"/api/v1/lots/{lot['id']}/photos", headers={"Authorization": f"Bearer {api.token}"},
                                data={"kind": "after", "caption": "Finished",
                                      "photo": (io.BytesIO(_jpeg()), "tote.jpg", "image/jpeg")},
                                content_type="multipart/form-data"), 201)
    assert browser.post("/till/SKH-1/receipts/2/copy").status_code == 302
    db.session.remove()
    amira, karin = (db.session.get(User, user_id) for user_id in ids)
    return History(amira=amira, karin=karin, api=api, items=items, lot_id=lot["id"], photo_id=photo["id"])
