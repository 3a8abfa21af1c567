"""Erasure by anonymisation (GDPR art. 17): nothing that names the person is left, the account can never
sign in, and the sales, the receipts (a copy still prints), the books and the item histories stay whole."""

import pytest
from sqlalchemy import func, select, text

from boutique.auth.models import ApiToken, LoginFailure, User
from boutique.auth.services import create_user, set_active
from boutique.core.errors import Conflict, InvalidInput
from boutique.extensions import db
from boutique.items.models import ItemEvent
from boutique.sales.models import Sale, SaleLine
from tests.conftest import PASSWORD, login
from tests.privacy.conftest import CONTACT

HER = ("Amira", "amira", CONTACT)


def _erase_on_the_page(client, history, typed="amira"):
    login(client, history.karin)
    return client.post(f"/people/{history.amira.id}/erase", data={"username": typed})


def _everything_in_the_database() -> str:
    """Every row of every table, as text: where a name would still hide."""
    db.session.rollback()
    dump = [str(tuple(row)) for table in db.metadata.sorted_tables
            for row in db.session.execute(table.select())]
    db.session.rollback()
    return "\n".join(dump)


def _sales_and_history() -> tuple:
    return (db.session.scalar(select(func.count(Sale.id))), db.session.scalar(select(func.sum(Sale.total_ore))),
            db.session.scalar(select(func.count(SaleLine.id))), db.session.scalar(select(func.count(ItemEvent.id))))


def test_the_page_asks_for_her_username_before_erasing(client, history):
    login(client, history.karin)
    page = client.get(f"/people/{history.amira.id}/erase").get_data(as_text=True)
    assert "<code>amira</code>" in page and "sju år" in page
    wrong = _erase_on_the_page(client, history, typed="Amira Hassan")
    assert wrong.status_code == 422 and "inte personens användarnamn" in wrong.get_data(as_text=True)
    assert db.session.get(User, history.amira.id).erased_at is None


def test_erasure_leaves_nothing_that_names_her_and_keeps_the_books(client, history):
    before = _sales_and_history()
    response = _erase_on_the_page(client, history)
    assert response.status_code == 302 and response.headers["Location"] == "/people/"
    db.session.remove()
    amira = db.session.get(User, history.amira.id)
    assert (amira.display_name, amira.username) == ("Tidigare deltagare 1", "erased-1")
    assert (amira.contact, amira.pin_hash, amira.supervisor_id, amira.language, amira.active) == (
        None, None, None, "sv", False)
    assert db.session.scalar(select(func.count(ApiToken.id)).where(ApiToken.user_id == amira.id)) == 0
    assert db.session.scalar(select(func.count(LoginFailure.id))) == 0
    left = _everything_in_the_database()
    assert [line for line in left.splitlines() if any(word in line for word in HER)] == []
    assert _sales_and_history() == before  # the same sales, lines, amounts and history rows


def test_she_can_never_sign_in_again_by_password_token_pin_or_old_cookie(app, client, history):
    her_browser = app.test_client()
    login(her_browser, history.amira)
    badge_pin = {"cashier-badge": f"28{history.amira.id:010d}", "cashier-pin": "2468"}
    _erase_on_the_page(client, history)
    assert her_browser.get("/").status_code == 302  # her session ended
    for username in ("amira", "erased-1"):
        assert app.test_client().post("/login", data={"username": username, "password": PASSWORD}).status_code == 401
    assert history.api.get("/api/v1/me/data").status_code == 401
    from boutique.auth.badges import badge_code

    badge_pin["cashier-badge"] = badge_code(history.amira.id)
    assert client.post("/till/SKH-1/cashier", data=badge_pin, headers={"Accept": "application/json"}
                       ).status_code == 403
    with pytest.raises(Conflict):
        set_active(db.session, db.session.get(User, history.amira.id), active=True)
    db.session.rollback()


def test_a_receipt_copy_still_prints_after_erasure_with_the_new_name(client, api_as, history):
    _erase_on_the_page(client, history)
    copied = client.post("/till/SKH-1/receipts/1/copy")
    assert copied.status_code == 302
    receipt = client.get("/till/SKH-1/receipts/1").get_data(as_text=True)
    assert "KOPIA" in receipt and "Tidigare deltagare 1" in receipt and "Amira" not in receipt
    assert api_as(user=db.session.get(User, history.karin.id)).get(
        "/api/v1/tills/SKH-1/receipts/1").json["cashier"] == "Tidigare deltagare 1"


def test_item_histories_and_stored_sale_answers_show_the_new_name(client, api_as, history):
    _erase_on_the_page(client, history)
    karin = api_as(user=db.session.get(User, history.karin.id))
    item = karin.get(f"/api/v1/items/{history.items[0]}")
    assert {entry["by"] for entry in item.json["history"]} == {"erased-1"}
    stored = db.session.execute(text("SELECT response FROM idempotency_keys")).scalars().all()
    assert stored and all("Amira" not in str(response) for response in stored)
    student = api_as("student")
    assert {entry["by"] for entry in student.get(f"/api/v1/items/{history.items[0]}").json["history"]} == {
        "Tidigare deltagare 1"}


def test_the_api_erases_with_a_confirmation_once_and_only_for_her_supervisor_or_an_admin(api_as, make_user, history):
    stranger = api_as("supervisor")
    assert stranger.post("/api/v1/users/amira/erase", json={"confirm": "amira"}).status_code == 403
    karin = api_as(user=db.session.get(User, history.karin.id))
    mismatch = karin.post("/api/v1/users/amira/erase", json={"confirm": "amina"})
    assert mismatch.status_code == 422 and mismatch.json["error"]["code"] == "confirmation_mismatch"
    done = karin.post("/api/v1/users/amira/erase", json={"confirm": "AMIRA"})
    assert done.status_code == 200 and done.json["display_name"] == "Tidigare deltagare 1"
    again = api_as("admin").post("/api/v1/users/erased-1/erase", json={"confirm": "erased-1"})
    assert again.status_code == 409 and again.json["error"]["code"] == "already_erased"
    assert karin.post("/api/v1/users/karin/erase", json={"confirm": "karin"}).status_code == 403  # not oneself


def test_the_cli_erases_only_with_yes(runner, history):
    refused = runner.invoke(args=["users", "erase", "amira"])
    assert refused.exit_code != 0 and "--yes" in refused.output
    assert db.session.get(User, history.amira.id).erased_at is None
    done = runner.invoke(args=["users", "erase", "amira", "--yes"])
    assert done.exit_code == 0 and "erased-1" in done.output
    db.session.remove()
    assert db.session.get(User, history.amira.id).display_name == "Tidigare deltagare 1"
    assert runner.invoke(args=["users", "erase", "nobody", "--yes"]).exit_code != 0


def test_nobody_may_take_an_erased_accounts_name(session):
    with pytest.raises(InvalidInput):
        create_user(session, username="Erased-7", role="participant", password="long enough pw")


def test_the_people_list_marks_her_erased_and_only_an_admin_still_sees_what_is_left(client, make_user, history):
    _erase_on_the_page(client, history)
    listing = client.get("/people/").get_data(as_text=True)
    assert "Uppgifter raderade" in listing and f'href="/people/{history.amira.id}"' not in listing
    assert client.get(f"/people/{history.amira.id}/data").status_code == 403  # no longer anyone's to follow
    client.post("/logout")
    login(client, make_user("admin"))
    assert client.get(f"/people/{history.amira.id}").status_code == 409
    data = client.get(f"/people/{history.amira.id}/data").get_data(as_text=True)
    assert "Tidigare deltagare 1" in data and "Radera …" not in data and "Amira" not in data
