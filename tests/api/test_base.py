"""The API's base: health, OpenAPI, locations, categories, users."""

from boutique.catalog.taxonomy import STANDARD_TAXONOMY


def test_health_needs_no_sign_in(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_openapi_document_lists_every_api_route(client, app):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.")
    documented = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    import re

    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "api.document":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented, f"{method} {path} is not in the OpenAPI document"
    assert document["paths"]["/api/v1/health"]["get"]["security"] == []


def test_locations_list_their_tills(api_as, make_till):
    make_till("SKH-1")
    make_till("SKH-2")
    make_till("HUS-1", location="HUS")
    response = api_as("student").get("/api/v1/locations")
    assert response.status_code == 200
    by_code = {loc["code"]: loc for loc in response.json}
    assert [t["code"] for t in by_code["SKH"]["tills"]] == ["SKH-1", "SKH-2"]
    assert by_code["HUS"]["tills"] == [{"code": "HUS-1"}]
    assert by_code["SKH"]["name"] == "Skärholmen"


def test_fresh_database_holds_the_standard_taxonomy(api_as):
    response = api_as("participant").get("/api/v1/categories")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json}
    assert len(rows) == len(STANDARD_TAXONOMY)
    assert rows["women"]["parent"] is None and rows["women-dresses"]["parent"] == "women"
    assert rows["women-dresses"]["vat_rate_percent"] == 0
    assert rows["new-goods"]["vat_rate_percent"] == 25
    assert {"women", "men", "children", "accessories", "textiles", "interior"} <= set(rows)


def test_users_api_is_for_supervisors_and_admins(api_as):
    supervisor = api_as("supervisor")
    created = supervisor.post("/api/v1/users", json={"username": "hodan", "role": "participant",
                                                     "password": "long enough pw", "display_name": "Hodan"})
    assert created.status_code == 201 and created.json["display_name"] == "Hodan"
    assert "contact" not in created.json and "password_hash" not in created.json
    listed = supervisor.get("/api/v1/users")
    assert "hodan" in {u["username"] for u in listed.json}
    # A supervisor may not create admins; a duplicate is a conflict; bad bodies are 400/422.
    assert supervisor.post("/api/v1/users", json={"username": "boss", "role": "admin",
                                                  "password": "long enough pw"}).status_code == 403
    duplicate = supervisor.post("/api/v1/users", json={"username": "HODAN", "role": "participant",
                                                       "password": "long enough pw"})
    assert duplicate.status_code == 409 and duplicate.json["error"]["code"] == "username_taken"
    assert supervisor.post("/api/v1/users", data="{nope", headers={"Content-Type": "application/json"}
                           ).status_code == 400
    assert supervisor.post("/api/v1/users", json=[1, 2]).status_code == 400
    invalid = supervisor.post("/api/v1/users", json={"username": "x", "role": "wizard", "password": "p"})
    assert invalid.status_code == 422 and invalid.json["error"]["code"] == "validation_failed"
    assert supervisor.post("/api/v1/users", json={"username": "x", "role": "student", "password": "long enough",
                                                  "extra": 1}).status_code == 422
