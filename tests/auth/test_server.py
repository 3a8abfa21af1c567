"""Sign-in limits hold across gunicorn workers (the count lives in the database, not in a process)."""

import re

import pytest
import requests
from sqlalchemy import func, select

from boutique.auth.badges import badge_code
from boutique.auth.models import LoginFailure
from boutique.auth.services import set_pin
from boutique.extensions import db
from tests.conftest import PASSWORD
from tests.live_server import race

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


ATTEMPTS, LIMIT = 10, 5


def _failures_recorded() -> int:
    db.session.rollback()  # a fresh snapshot of what the servers committed
    count = db.session.scalar(select(func.count(LoginFailure.id)))
    db.session.rollback()
    return count


def test_ten_wrong_passwords_at_once_are_checked_only_up_to_the_limit(live_server, make_user):
    """The count and the decision are one step: of ten wrong passwords sent at the same instant, the
    limit's worth is checked against the password (401) and the rest are throttled (429). Counting
    first and recording later let 8 of 10 through on PostgreSQL."""
    username = make_user(username="leila").username  # threads must not touch the session's objects
    server = live_server(workers=4, config={"LOGIN_MAX_FAILURES_PER_ACCOUNT": LIMIT})
    browsers = [requests.Session() for _ in range(ATTEMPTS)]
    tokens = [_csrf(browser, server.url("/login")) for browser in browsers]

    def attempt(browser, token):
        return lambda: browser.post(server.url("/login"), data={"csrf_token": token, "username": username,
                                                                "password": "wrong password!"},
                                    allow_redirects=False, timeout=60).status_code

    answers = race([attempt(browser, token) for browser, token in zip(browsers, tokens, strict=True)])
    assert sorted(answers) == [401] * LIMIT + [429] * (ATTEMPTS - LIMIT), answers
    assert _failures_recorded() == LIMIT


def test_ten_wrong_pins_at_once_at_the_till_are_checked_only_up_to_the_limit(live_server, make_user, make_till):
    cashier, amira = make_user("participant"), make_user("participant", username="amira")
    set_pin(db.session, amira, pin="1234")
    make_till("SKH-1")
    db.session.commit()
    badge = badge_code(amira.id)
    server = live_server(workers=4, config={"LOGIN_MAX_FAILURES_PER_ACCOUNT": LIMIT})
    till = requests.Session()
    token = _csrf(till, server.url("/login"))
    signed_in = till.post(server.url("/login"), data={"csrf_token": token, "username": cashier.username,
                                                      "password": PASSWORD}, allow_redirects=False, timeout=10)
    assert signed_in.status_code == 302
    token = _csrf(till, server.url("/till/SKH-1/cashier"))
    cookies = dict(till.cookies)

    def attempt():
        return requests.post(server.url("/till/SKH-1/cashier"), cookies=cookies, timeout=60,
                             headers={"Accept": "application/json", "X-CSRFToken": token},
                             data={"csrf_token": token, "cashier-badge": badge,
                                   "cashier-pin": "0000"}).status_code

    answers = race([attempt] * ATTEMPTS)
    assert sorted(answers) == [403] * LIMIT + [429] * (ATTEMPTS - LIMIT), answers
    assert _failures_recorded() == LIMIT
