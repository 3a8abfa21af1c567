"""Headers, CSRF, cookies and error bodies: the rules that hold for every response."""

import re

import pytest

from tests.conftest import PASSWORD, login

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def _assert_security_headers(response):
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, name
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


@pytest.mark.parametrize("url", ["/login", "/api/v1/health", "/no-such-page", "/api/v1/no-such-thing",
                                 "/static/css/boutique.css", "/api/v1/openapi.json"])
def test_security_headers_on_html_json_404_and_static(client, url):
    _assert_security_headers(client.get(url))


def test_session_cookie_is_httponly_samesite_and_secure_over_tls(client, make_user):
    user = make_user()
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    tls = client.application.test_client()
    response = tls.post("/login", data={"username": user.username, "password": PASSWORD},
                        base_url="https://boutique.example")
    assert "Secure" in response.headers["Set-Cookie"]


@pytest.fixture
def csrf_client(make_app, app):
    return make_app(WTF_CSRF_ENABLED=True).test_client()


def test_post_without_csrf_token_is_rejected(csrf_client, make_user):
    user = make_user()
    response = csrf_client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 400
    assert "Ladda om sidan" in response.get_data(as_text=True)
    assert csrf_client.get("/").status_code == 302  # not signed in


def test_post_with_csrf_token_signs_in(csrf_client, make_user):
    user = make_user()
    page = csrf_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = csrf_client.post("/login", data={"csrf_token": token, "username": user.username,
                                                "password": PASSWORD})
    assert response.status_code == 302


def test_browser_session_api_write_needs_csrf_header(csrf_client, make_user):
    admin = make_user("admin")
    page = csrf_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    csrf_client.post("/login", data={"csrf_token": token, "username": admin.username, "password": PASSWORD})
    body = {"username": "newbie", "role": "participant", "password": "long enough pw"}
    refused = csrf_client.post("/api/v1/users", json=body)
    assert refused.status_code == 400 and refused.json["error"]["code"] == "csrf_failed"
    page = csrf_client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    accepted = csrf_client.post("/api/v1/users", json=body, headers={"X-CSRFToken": token})
    assert accepted.status_code == 201


def _write_operations(client) -> list[tuple[str, str]]:
    """Every write of the API as its own document lists it, with made-up path values."""
    document = client.get("/api/v1/openapi.json").json
    return [(method.upper(), re.sub(r"{(\w+)}", lambda m: "1" if m[1].endswith("id") or m[1] == "number"
                                     else "SKH-1", path))
            for path, operations in document["paths"].items() for method in operations
            if method.upper() not in ("GET", "HEAD", "OPTIONS")]


def test_anonymous_api_writes_are_told_to_sign_in_not_that_the_form_expired(csrf_client):
    """Authentication before CSRF: no cookie and no token is 401 on every write, never 400 csrf_failed."""
    writes = _write_operations(csrf_client)
    assert len(writes) >= 21
    for method, url in writes:
        response = csrf_client.open(url, method=method, json={})
        assert (response.status_code, response.json["error"]["code"]) == (401, "unauthorized"), (method, url)


def test_a_signed_in_browser_still_needs_the_csrf_header_on_every_api_write(csrf_client, make_user):
    admin = make_user("admin")
    page = csrf_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    csrf_client.post("/login", data={"csrf_token": token, "username": admin.username, "password": PASSWORD})
    for method, url in _write_operations(csrf_client):
        response = csrf_client.open(url, method=method, json={})
        assert (response.status_code, response.json["error"]["code"]) == (400, "csrf_failed"), (method, url)


def test_a_token_needs_no_csrf_header_and_a_page_post_without_sign_in_goes_to_sign_in(csrf_client, api_as):
    api = api_as("participant")
    answer = csrf_client.post("/api/v1/donations", json={"source": "drop_off", "location": "NOPE"},
                              headers={"Authorization": f"Bearer {api.token}"})
    assert answer.status_code == 422  # past authentication and CSRF, into the body's check
    page = csrf_client.post("/donations/new", data={"source": "drop_off"})
    assert page.status_code == 302 and "/login?next=" in page.headers["Location"]


def test_cookie_replay_after_sign_out_is_rejected(app, make_user):
    user = make_user()
    browser = app.test_client()
    login(browser, user)
    stolen = browser.get_cookie("boutique_session").value
    assert browser.post("/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("boutique_session", stolen)
    response = thief.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_sign_out_ends_the_users_other_sessions_too(app, make_user):
    user = make_user()
    laptop, till = app.test_client(), app.test_client()
    login(laptop, user)
    login(till, user)
    laptop.post("/logout")
    assert till.get("/").status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, make_user):
    user = make_user()
    here, elsewhere = app.test_client(), app.test_client()
    login(here, user)
    login(elsewhere, user)
    response = here.post("/account/password", data={"current_password": PASSWORD,
                                                      "new_password": "brand new secret",
                                                      "repeat_password": "brand new secret"})
    assert response.status_code == 302
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302


def test_deactivation_ends_sessions(app, make_user, session):
    from boutique.auth.services import set_active

    user = make_user()
    browser = app.test_client()
    login(browser, user)
    set_active(session, user, active=False)
    session.commit()
    assert browser.get("/").status_code == 302


@pytest.mark.parametrize(("method", "url", "status", "code"), [
    ("GET", "/api/v1/locations", 401, "unauthorized"),
    ("GET", "/api/v1/nothing-here", 404, "not_found"),
])
def test_api_errors_are_json_for_anonymous(client, method, url, status, code):
    response = client.open(url, method=method)
    assert response.status_code == status
    assert response.is_json and response.json["error"]["code"] == code
    assert response.json["error"]["message"]


def test_api_error_bodies_for_403_405_413_and_bad_tokens(client, api_as, app):
    student = api_as("student")
    forbidden = student.get("/api/v1/users")
    assert forbidden.status_code == 403 and forbidden.json["error"]["code"] == "forbidden"
    not_allowed = student.request("DELETE", "/api/v1/locations")
    assert not_allowed.status_code == 405 and not_allowed.json["error"]["code"] == "method_not_allowed"
    admin = api_as("admin")
    huge = admin.post("/api/v1/users", data=b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1),
                      headers={"Content-Type": "application/json"})
    assert huge.status_code == 413 and huge.json["error"]["code"] == "payload_too_large"
    bad = client.get("/api/v1/locations", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.json["error"]["code"] == "unauthorized"
    basic = client.get("/api/v1/locations", headers={"Authorization": "Basic Zm9vOmJhcg=="})
    assert basic.status_code == 401


def test_html_errors_are_pages_in_swedish_without_tracebacks(client, login_as):
    login_as("participant")
    response = client.get("/people/")
    assert response.status_code == 403
    text = response.get_data(as_text=True)
    assert "Du har inte behörighet" in text and "Traceback" not in text
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "finns inte" in missing.get_data(as_text=True)


def test_oversized_form_post_is_413_page(client, app):
    response = client.post("/login", data={"username": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)})
    assert response.status_code == 413


def test_five_thousand_form_fields_get_a_clear_answer_not_a_crash(client):
    fields = {f"f{i}": "1" for i in range(5000)}
    assert client.post("/login", data=fields).status_code == 422  # url-encoded: parsed, form invalid
    multipart = client.post("/login", data=fields, content_type="multipart/form-data")
    assert multipart.status_code == 413  # more parts than MAX_FORM_PARTS



# ---- nothing a client typed goes raw into a response header ----------------------------------------

TEXT_PARAMETER = re.compile(r"<(?!int:|path:)(?:string:)?(\w+)>")
TRICKS = ["%0A", "%0D%0ASet-Cookie:%20planted=1", "%E2%80%A8", "%C3%A5"]


def test_no_route_echoes_a_path_newline_into_a_header(app, make_user, make_item, make_till):
    """A label URL ending in %0A was a 500: the code as typed went into Content-Disposition. Every GET
    route with a text path parameter gets a real value with a newline (and other tricks) after it."""
    item = make_item()
    make_till("SKH-1")
    client = app.test_client()
    login(client, make_user("admin"))
    real = {"code": item.code, "till": "SKH-1"}
    rules = sorted({rule.rule for rule in app.url_map.iter_rules()
                    if "GET" in rule.methods and TEXT_PARAMETER.search(rule.rule)})
    assert "/labels/items/<code>.png" in rules and len(rules) >= 10
    for rule in rules:
        for trick in TRICKS:
            url = re.sub(r"<int:\w+>", "1", TEXT_PARAMETER.sub(lambda m, t=trick: real.get(m[1], "x") + t, rule))
            response = client.get(url)
            assert response.status_code < 500, (url, response.status_code)
            assert "planted" not in str(response.headers), (url, response.headers)
            assert all("\n" not in value and "\r" not in value for _, value in response.headers.items()), url


@pytest.mark.parametrize("suffix", ["png", "pdf", "zpl"])
def test_a_label_asked_for_with_a_trailing_newline_is_the_item_label_with_a_clean_file_name(
        app, api_as, make_item, suffix):
    item = make_item()
    response = api_as("participant").get(f"/labels/items/{item.code}%0A.{suffix}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith(f'inline; filename="{item.code}')


@pytest.mark.parametrize("target", ["/items/%0D%0ASet-Cookie: planted=1", "/\\evil.example", "/\t/evil.example",
                                    "//evil.example", "https://evil.example/", "/ok\n"])
def test_sign_in_and_language_send_nowhere_but_a_plain_path_on_this_site(client, make_user, target):
    user = make_user()
    signed_in = client.post("/login", data={"username": user.username, "password": PASSWORD, "next": target})
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/"
    chosen = client.post("/language", data={"language": "en", "next": target})
    assert chosen.status_code == 302 and chosen.headers["Location"] == "/"
    kept = client.post("/language", data={"language": "sv", "next": "/items/?q=kl%C3%A4nning#top"})
    assert kept.headers["Location"] == "/items/?q=kl%C3%A4nning#top"
