"""Sign-in limits hold across gunicorn workers (the count lives in the database, not in a process)."""

import re

import pytest
import requests

from tests.conftest import PASSWORD

pytestmark = pytest.mark.server


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)


def _attempt(server, username: str, password: str) -> int:
    # A fresh HTTP session per attempt: a new connection, so gunicorn spreads them over workers.
    browser = requests.Session()
    token = _csrf(browser, server.url("/login"))
    response = browser.post(server.url("/login"), data={"csrf_token": token, "username": username,
                                                        "password": password}, allow_redirects=False, timeout=10)
    return response.status_code


def test_sign_in_limit_holds_across_two_gunicorn_workers(live_server, make_user):
    user = make_user(username="amira")
    server = live_server(workers=2, config={"LOGIN_MAX_FAILURES_PER_ACCOUNT": 4})
    for _ in range(4):
        assert _attempt(server, user.username, "wrong password!") == 401
    # The right password is refused now, by whichever worker answers, every time.
    for _ in range(6):
        assert _attempt(server, user.username, PASSWORD) == 429


def test_copied_cookie_stops_working_after_sign_out(live_server, make_user):
    user = make_user(username="fatima")
    server = live_server(workers=2)
    browser = requests.Session()
    token = _csrf(browser, server.url("/login"))
    signed_in = browser.post(server.url("/login"), data={"csrf_token": token, "username": user.username,
                                                         "password": PASSWORD}, allow_redirects=False, timeout=10)
    assert signed_in.status_code == 302
    stolen = dict(browser.cookies)
    assert browser.get(server.url("/"), allow_redirects=False, timeout=10).status_code == 200
    token = _csrf(browser, server.url("/"))
    assert browser.post(server.url("/logout"), data={"csrf_token": token}, allow_redirects=False,
                        timeout=10).status_code == 302
    replay = requests.get(server.url("/"), cookies=stolen, allow_redirects=False, timeout=10)
    assert replay.status_code == 302 and "/login" in replay.headers["Location"]
