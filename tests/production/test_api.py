"""The Production lots section of API.md, call by call, with its permissions and errors."""

from sqlalchemy import func, select

from boutique.extensions import db
from boutique.items.codes import item_code
from boutique.items.models import ItemEvent, ItemStatus
from boutique.production.models import LotMaterial


def _new_lot(api, **body):
    response = api.post("/api/v1/lots", json={"title": "Tilet borders", "location": "SKH", **body})
    assert response.status_code == 201, response.json
    return response.json


def test_create_lot_answers_201_with_its_id(api_as, make_location):
    make_location()
    lot = _new_lot(api_as("supervisor"), concept="Totes with Eritrean tilet borders", tags=["Tilet", "indigo"])
    assert isinstance(lot["id"], int)
    assert (lot["status"], lot["location"], lot["tags"]) == ("planned", "SKH", ["indigo", "tilet"])
    assert lot["members"] == [] and lot["products"] == []


def test_create_lot_checks_its_body_and_location(api_as, make_location):
    make_location()
    api = api_as("supervisor")
    assert api.post("/api/v1/lots", json={"location": "SKH"}).status_code == 422
    assert api.post("/api/v1/lots", json={"title": "x", "location": "SKH", "colour": "red"}).status_code == 422
    assert api.post("/api/v1/lots", json=["title"]).status_code == 400
    response = api.post("/api/v1/lots", json={"title": "x", "location": "NOPE"})
    assert response.status_code == 404 and response.json["error"]["code"] == "location_not_found"


def test_student_cannot_create_a_lot(api_as, make_location):
    make_location()
    response = api_as("student").post("/api/v1/lots", json={"title": "x", "location": "SKH"})
    assert response.status_code == 403


def test_members_are_added_by_username_and_role(api_as, make_lot, make_user):
    lot = make_lot()
    amira = make_user("participant", display_name="Amira")
    api = api_as("supervisor")
    response = api.post(f"/api/v1/lots/{lot.id}/members", json={"username": amira.username, "role": "participant"})
    assert response.status_code == 201
    assert response.json == {"username": amira.username, "display_name": "Amira", "role": "participant"}
    again = api.post(f"/api/v1/lots/{lot.id}/members", json={"username": amira.username, "role": "supervisor"})
    assert again.status_code == 200 and again.json["role"] == "supervisor"
    assert api.post(f"/api/v1/lots/{lot.id}/members", json={"username": amira.username, "role": "boss"}
                    ).status_code == 422
    assert api.post(f"/api/v1/lots/{lot.id}/members", json={"username": "nobody", "role": "participant"}
                    ).status_code == 404


def test_only_a_supervisor_manages_the_team(api_as, make_lot, make_user):
    amira = make_user("participant")
    lot = make_lot(members={amira: "participant"})
    response = api_as(user=amira).post(f"/api/v1/lots/{lot.id}/members",
                                       json={"username": amira.username, "role": "supervisor"})
    assert response.status_code == 403


def test_consuming_materials_turns_them_consumed(api_as, make_lot, make_material):
    lot = make_lot()
    shawl = make_material()
    response = api_as("supervisor").post(f"/api/v1/lots/{lot.id}/materials", json={"codes": [shawl.code]})
    assert response.status_code == 200, response.json
    [item] = response.json["items"]
    assert item["status"] == "consumed"
    assert [h["event"] for h in item["history"]] == ["received", "consumed"]


def test_one_non_material_item_gives_409_and_nothing_changes(api_as, make_lot, make_material, make_item):
    lot = make_lot()
    material, sold = make_material(), make_item("sold")
    response = api_as("supervisor").post(f"/api/v1/lots/{lot.id}/materials",
                                         json={"codes": [material.code, sold.code]})
    assert response.status_code == 409
    assert response.json["error"]["code"] == "material_unavailable"
    db.session.expire_all()
    assert material.status == ItemStatus.material and sold.status == ItemStatus.sold
    assert db.session.scalar(select(func.count(LotMaterial.id))) == 0
    assert db.session.scalar(select(func.count(ItemEvent.id)).where(ItemEvent.event == "consumed")) == 0


def test_bad_codes_are_422_and_unknown_codes_404(api_as, make_lot):
    lot = make_lot()
    api = api_as("supervisor")
    assert api.post(f"/api/v1/lots/{lot.id}/materials", json={"codes": ["2900000000012"]}).status_code == 422
    assert api.post(f"/api/v1/lots/{lot.id}/materials", json={"codes": []}).status_code == 422
    assert api.post(f"/api/v1/lots/{lot.id}/materials", json={"codes": "2900000000015"}).status_code == 422
    assert api.post(f"/api/v1/lots/{lot.id}/materials", json={"codes": [item_code(99_999)]}).status_code == 404


def test_products_answer_201_with_item_json(api_as, make_lot, make_user, make_material):
    amira = make_user("participant", display_name="Amira")
    lot = make_lot(members={amira: "participant"})
    shawl = make_material()
    api = api_as(user=amira)
    assert api.post(f"/api/v1/lots/{lot.id}/materials", json={"codes": [shawl.code]}).status_code == 200
    response = api.post(f"/api/v1/lots/{lot.id}/products", json={"items": [
        {"category": "bags", "description": "Tote, tilet border", "materials": [shawl.code]},
        {"category": "cushions"}]})
    assert response.status_code == 201, response.json
    first, second = response.json["items"]
    assert set(first) >= {"code", "status", "category", "grade", "value_ore", "price_ore", "location", "lot_id",
                          "history"}
    assert (first["status"], first["grade"], first["lot_id"], first["location"]) == ("sorted", "shop", lot.id, "SKH")
    assert first["category"] == "bags" and second["category"] == "cushions"
    assert [h["event"] for h in first["history"]] == ["sorted"]
    assert first["history"][0]["by"] == amira.username and first["history"][0]["at"][-6:] in ("+01:00", "+02:00")


def test_product_bodies_are_checked(api_as, make_lot):
    lot = make_lot()
    api = api_as("supervisor")
    url = f"/api/v1/lots/{lot.id}/products"
    assert api.post(url, json={"items": []}).status_code == 422
    assert api.post(url, json={"items": [{"category": "unknown-thing"}]}).status_code == 422
    assert api.post(url, json={"items": [{"category": "bags", "floor_price_ore": 0}]}).status_code == 422
    assert api.post(url, json={"items": [{"category": "bags", "floor_price_ore": 1.5}]}).status_code == 422
    assert api.post(url, json={"items": [{"category": "bags", "price_ore": 100}]}).status_code == 422


def test_get_lot_shows_members_materials_and_products_with_status_and_price(api_as, make_lot, make_user,
                                                                            make_material, supervisor):
    amira = make_user("participant", display_name="Amira")
    lot = make_lot(members={amira: "participant"})
    api = api_as(user=supervisor)
    shawl = make_material(description="Indigo shawl")
    api.post(f"/api/v1/lots/{lot.id}/materials", json={"codes": [shawl.code]})
    [product] = api.post(f"/api/v1/lots/{lot.id}/products", json={"items": [{"category": "bags"}]}).json["items"]
    body = api.get(f"/api/v1/lots/{lot.id}").json
    assert body["members"] == [{"username": amira.username, "display_name": "Amira", "role": "participant"}]
    assert [m["code"] for m in body["materials"]] == [shawl.code]
    assert body["products"][0]["code"] == product["code"]
    assert body["products"][0]["status"] == "sorted" and body["products"][0]["price_ore"] is None
    assert body["products"][0]["makers"] == ["Amira"]


def test_unknown_lot_404_and_outsider_403(api_as, make_lot):
    lot = make_lot()
    assert api_as("supervisor").get("/api/v1/lots/999999").status_code == 404
    response = api_as("student").get(f"/api/v1/lots/{lot.id}")
    assert response.status_code == 403 and response.json["error"]["code"] == "lot_forbidden"
    assert api_as("participant").post(f"/api/v1/lots/{lot.id}/materials", json={"codes": []}).status_code == 403


def test_student_member_sees_display_names_only(api_as, make_lot, make_user):
    student = make_user("student", display_name="Elsa Berg")
    amira = make_user("participant", display_name="Amira")
    amira.contact = "070-123 45 67"
    lot = make_lot(members={student: "student", amira: "participant"})
    api = api_as(user=student)
    api.post(f"/api/v1/lots/{lot.id}/products", json={"items": [{"category": "bags"}]})
    response = api.get(f"/api/v1/lots/{lot.id}")
    assert response.status_code == 200
    assert {"display_name": "Amira", "role": "participant"} in response.json["members"]
    text = response.get_data(as_text=True)
    assert amira.username not in text and "070-123" not in text and student.username not in text


def test_student_lists_only_their_lots(api_as, make_lot, make_user):
    student = make_user("student")
    mine = make_lot("Mine", members={student: "student"})
    make_lot("Other")
    assert [lot["id"] for lot in api_as(user=student).get("/api/v1/lots").json] == [mine.id]


def test_hours_and_status_through_the_api(api_as, make_lot, make_user, supervisor):
    amira = make_user("participant")
    lot = make_lot(members={amira: "participant"})
    mine = api_as(user=amira)
    assert mine.post(f"/api/v1/lots/{lot.id}/hours", json={"day": "2026-03-02", "minutes": 150}).json == {
        "hours_minutes": 150}
    other = make_user("participant")
    assert mine.post(f"/api/v1/lots/{lot.id}/hours",
                     json={"day": "2026-03-02", "minutes": 60, "username": other.username}).status_code == 403
    boss = api_as(user=supervisor)
    assert boss.post(f"/api/v1/lots/{lot.id}/hours", json={"day": "2026-03-03", "minutes": 60,
                                                           "username": amira.username}).json["hours_minutes"] == 210
    assert mine.post(f"/api/v1/lots/{lot.id}/hours", json={"day": "2026-03-03", "minutes": 2000}).status_code == 422
    assert mine.post(f"/api/v1/lots/{lot.id}/status", json={"status": "in_production"}).status_code == 403
    assert boss.post(f"/api/v1/lots/{lot.id}/status", json={"status": "done"}).status_code == 409
    assert boss.post(f"/api/v1/lots/{lot.id}/status", json={"status": "in_production"}).json["status"] == (
        "in_production")


def test_openapi_documents_every_lot_call(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"post", "get"} <= set(paths["/api/v1/lots"])
    assert "get" in paths["/api/v1/lots/{lot_id}"]
    for call in ("members", "materials", "products"):
        operation = paths[f"/api/v1/lots/{{lot_id}}/{call}"]["post"]
        assert "requestBody" in operation and {"403", "404", "422"} <= set(operation["responses"])
    assert "409" in paths["/api/v1/lots/{lot_id}/materials"]["post"]["responses"]
    assert "201" in paths["/api/v1/lots/{lot_id}/products"]["post"]["responses"]


def test_unknown_status_filter_is_422(api_as):
    assert api_as("supervisor").get("/api/v1/lots?status=finished").status_code == 422
