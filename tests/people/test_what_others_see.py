"""What people see of each other: every page and API answer a student or a participant can reach,
crawled with real ids, holds no one else's username (students see display names only), no contact and
no donor note (those are for supervisors)."""

import pytest
from sqlalchemy import select

from boutique import create_app
from boutique.auth.models import User
from boutique.donations.models import Donation
from boutique.extensions import db
from tests.conftest import _empty_database
from tests.test_role_matrix import MATRIX, ROLES, Shop

DONOR_NOTE = "Ring Leila 070-111 22 33"


def _contact(username: str) -> str:
    return f"{username}@kontakt.example 08-{len(username):03d} 44"


@pytest.fixture(scope="module")
def shop(base_config, _schema):
    app = create_app(base_config)
    with app.app_context():
        _empty_database()
        shop = Shop(app)
        for user in db.session.scalars(select(User)):
            user.contact = _contact(user.username)
        db.session.get(Donation, shop.ids["donation_id"]).donor_note = DONOR_NOTE
        db.session.commit()
        yield shop
        db.session.remove()
        db.engine.dispose()


def _reachable_reads(role: str):
    column = ROLES.index(role)
    for (method, rule), row in MATRIX.items():
        if method == "GET" and row.split()[column] == "ok" and not rule.startswith(("/static/", "/api/v1/openapi")):
            for channel in ("token", "session") if rule.startswith("/api/") else ("session",):
                yield rule, channel


def _read(shop, role: str, channel: str, rule: str) -> str:
    client = shop.client(role, channel)
    url = shop.url(rule)
    response = client.get(url) if channel == "token" else client.get(url, follow_redirects=True)
    db.session.remove()
    assert response.status_code < 500, (url, response.status_code)
    return response.get_data().decode("utf-8", "replace")


def _others_contacts(shop, me: str) -> list[str]:
    return [_contact(username) for username in shop.users if username != me]


@pytest.mark.parametrize(("rule", "channel"), list(_reachable_reads("student")))
def test_a_student_sees_no_usernames_contacts_or_donor_notes(shop, rule, channel):
    body = _read(shop, "student", channel, rule)
    others = [username for username in shop.users if username != "rm-student"]
    assert [name for name in others if name in body] == [], shop.url(rule)
    assert [contact for contact in _others_contacts(shop, "rm-student") if contact in body] == []
    assert DONOR_NOTE not in body and "070-111" not in body


@pytest.mark.parametrize(("rule", "channel"), list(_reachable_reads("participant")))
def test_a_participant_sees_no_contacts_or_donor_notes(shop, rule, channel):
    body = _read(shop, "participant", channel, rule)
    assert [contact for contact in _others_contacts(shop, "rm-participant") if contact in body] == [], shop.url(rule)
    assert DONOR_NOTE not in body and "070-111" not in body, shop.url(rule)


def test_the_donation_as_each_role_reads_it(shop):
    url = f"/api/v1/donations/{shop.ids['donation_id']}"
    student = shop.client("student", "token").get(url).json
    participant = shop.client("participant", "token").get(url).json
    supervisor = shop.client("supervisor", "token").get(url).json
    db.session.remove()
    assert student["received_by"] == "Supervisor" and "donor_note" not in student
    assert participant["received_by"] == "rm-supervisor" and "donor_note" not in participant
    assert supervisor["donor_note"] == DONOR_NOTE


def test_the_donation_page_shows_the_donor_note_to_supervisors_only(shop):
    url = f"/donations/{shop.ids['donation_id']}"
    assert DONOR_NOTE in _read(shop, "supervisor", "session", "/donations/<int:donation_id>")
    assert DONOR_NOTE not in _read(shop, "participant", "session", "/donations/<int:donation_id>"), url
