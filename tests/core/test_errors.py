"""Unexpected failures become calm pages or JSON, never tracebacks; bad input never becomes a 500."""

import pytest
from sqlalchemy.exc import OperationalError

from boutique.web.access import EVERYONE, allow


def _add_failing_routes(app):
    @allow(EVERYONE)
    def explode():
        raise RuntimeError("secret internals")

    @allow(EVERYONE)
    def locked():
        raise OperationalError("UPDATE items", {}, Exception("database is locked"))

    app.add_url_rule("/explode", "explode", explode)
    app.add_url_rule("/api/v1/explode", "api_explode", explode)
    app.add_url_rule("/locked", "locked", locked)
    app.add_url_rule("/api/v1/locked", "api_locked", locked)


def test_unexpected_error_is_a_500_page_without_internals(app, client, login_as):
    _add_failing_routes(app)
    login_as("participant")
    page = client.get("/explode")
    assert page.status_code == 500
    text = page.get_data(as_text=True)
    assert "Inget sparades" in text and "secret internals" not in text and "Traceback" not in text
    api = client.get("/api/v1/explode")
    assert api.status_code == 500 and api.json["error"]["code"] == "internal_error"


def test_database_busy_answers_503_try_again(app, client, login_as):
    _add_failing_routes(app)
    login_as("participant")
    assert client.get("/locked").status_code == 503
    api = client.get("/api/v1/locked")
    assert api.status_code == 503 and api.json["error"]["code"] == "try_again"


NASTY = ["", " ", "\x00", "‮evil", "ሰላም", "زهرا 🧵", "x" * 5000, "'; DROP TABLE users; --", "{{7*7}}", "-1", "1e309"]


@pytest.mark.parametrize("value", NASTY)
def test_forms_answer_bad_input_without_500(client, login_as, make_location, value):
    make_location("SKH")
    login_as("admin")
    for url, fields in [
        ("/login", ["username", "password", "next"]),
        ("/language", ["language", "next"]),
        ("/account/password", ["current_password", "new_password", "repeat_password"]),
        ("/people/new", ["username", "display_name", "role", "language", "contact", "password"]),
        ("/places/locations", ["code", "name", "address"]),
        ("/places/tills", ["code", "location"]),
        ("/places/settings", ["org_name", "org_number", "receipt_footer"]),
    ]:
        response = client.post(url, data={field: value for field in fields})
        assert response.status_code < 500, (url, value, response.status_code)


@pytest.mark.parametrize("body", [None, "null", "[]", '"x"', "{", '{"username": null}', '{"role": 1}',
                                  '{"username": "a", "role": "student", "password": 12345678}',
                                  '{"username": "' + "x" * 70 + '", "role": "student", "password": "long enough"}'])
def test_api_answers_bad_bodies_without_500(api_as, body):
    admin = api_as("admin")
    response = admin.post("/api/v1/users", data=body, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500 and "error" in response.json


def test_nul_bytes_are_refused_before_they_reach_the_database(client, api_as, login_as):
    login_as("admin")
    assert client.post("/places/locations", data={"code": "A\x00", "name": "x"}).status_code == 400
    assert client.get("/people/?q=a%00b").status_code == 400
    admin = api_as("admin")
    body = '{"username": "nul\\u0000", "role": "student", "password": "long enough pw"}'
    response = admin.post("/api/v1/users", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_request"
