"""Deny by default: every endpoint declares who may call it, and only a short list is public."""

import re

import pytest

from boutique.web.access import PUBLIC, policy_for

PUBLIC_ENDPOINTS = {"static", "auth.login", "auth.language", "api.health", "api.document", "home.favicon"}


def test_every_endpoint_has_an_explicit_role_policy(app):
    missing = [rule.endpoint for rule in app.url_map.iter_rules() if policy_for(app, rule.endpoint) is None]
    assert missing == [], f"endpoints without @allow/@public: {missing}"


def test_only_the_allow_list_is_public(app):
    public = {rule.endpoint for rule in app.url_map.iter_rules() if policy_for(app, rule.endpoint) is PUBLIC}
    assert public == PUBLIC_ENDPOINTS


def test_an_endpoint_without_policy_is_refused(app, login_as):
    app.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    client = app.test_client()
    from tests.conftest import login

    user = login_as("admin")
    login(client, user)
    assert client.get("/forgotten").status_code == 403


def _sample_url(rule) -> str:
    return re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: "1" if m.group(1) == "int" else "2900000000015", rule.rule)


def test_anonymous_requests_to_every_non_public_route_are_sent_to_sign_in(app, client):
    for rule in app.url_map.iter_rules():
        if policy_for(app, rule.endpoint) is PUBLIC:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(_sample_url(rule), method=method)
            if rule.rule.startswith("/api/"):
                assert response.status_code == 401, (rule.rule, method)
                assert response.json["error"]["code"] == "unauthorized"
            else:
                assert response.status_code in (302, 401), (rule.rule, method, response.status_code)
                if response.status_code == 302:
                    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize(("role", "url", "expected"), [
    ("participant", "/people/", 403), ("student", "/people/", 403), ("supervisor", "/people/", 200),
    ("supervisor", "/places/settings", 403), ("admin", "/places/settings", 200),
    ("student", "/api/v1/users", 403), ("participant", "/api/v1/users", 403), ("admin", "/api/v1/users", 200),
    ("student", "/", 200), ("student", "/api/v1/locations", 200),
])
def test_roles_are_checked_on_pages_and_api(client, login_as, role, url, expected):
    login_as(role)
    assert client.get(url).status_code == expected
