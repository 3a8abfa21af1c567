"""Everything held about a person, for the person and for those who may manage them (GDPR art. 15)."""

import io
import json
import zipfile

import pytest
from flask_babel import force_locale

from boutique.auth.models import User
from boutique.extensions import db
from boutique.items.labels import event_name
from boutique.photos.models import Photo
from boutique.photos.storage import path_of
from tests.conftest import login
from tests.privacy.conftest import CONTACT

SECTIONS_WITH_HER_WORK = {"work_per_week", "item_events", "donations_received", "labels_printed", "lots", "hours",
                          "lot_work", "products_made", "photos", "api_tokens", "failed_sign_ins", "receipts",
                          "till_records"}


def test_the_export_holds_her_account_and_every_kind_of_work(app, history):
    data = history.api.get("/api/v1/me/data").json
    assert data["format"] == "ny-form-person-data/1"
    person = data["person"]
    assert (person["username"], person["display_name"], person["contact"]) == ("amira", "Amira", CONTACT)
    assert person["supervisor"] == "Karin" and person["has_pin"] is True and person["role"] == "participant"
    empty = {key for key, rows in data["sections"].items() if not rows}
    assert SECTIONS_WITH_HER_WORK - empty == SECTIONS_WITH_HER_WORK, f"empty: {empty}"
    sections = data["sections"]
    assert {row["receipt_number"] for row in sections["receipts"]} == {1, 2}
    assert [row["minutes"] for row in sections["hours"]] == [150]
    with app.test_request_context(), force_locale("sv"):  # steps as people read them, in her language
        steps = {event_name(event) for event in ("received", "washed", "sorted", "valued", "priced", "sold",
                                                 "consumed")}
    assert {row["event"] for row in sections["item_events"]} >= steps
    assert [row["kind"] for row in sections["till_records"]] == ["öppnade dagen", "skrev ut en kvittokopia"]
    assert sections["failed_sign_ins"][0]["address"] == "127.0.0.1"
    assert sections["api_tokens"][0]["prefix"] == history.api.token[:10]
    assert sections["photos"][0]["file"] == f"photos/photo-{history.photo_id}.jpg"
    text = json.dumps(data)
    assert history.amira.password_hash not in text and history.amira.pin_hash not in text  # hashes stay home


def test_the_download_is_a_zip_with_the_data_a_csv_per_section_and_her_photos(client, history):
    login(client, history.amira)
    response = client.get("/account/data.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == f'attachment; filename="ny-form-data-{history.amira.id}.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    assert {"data.json", "receipts.csv", "hours.csv", f"photos/photo-{history.photo_id}.jpg"} <= names
    assert json.loads(archive.read("data.json"))["person"]["username"] == "amira"
    stored = path_of(db.session.get(Photo, history.photo_id).filename).read_bytes()
    assert archive.read(f"photos/photo-{history.photo_id}.jpg") == stored
    assert archive.read("receipts.csv").decode("utf-8-sig").splitlines()[0].startswith("När;Kassa;Kvitto")


def test_her_page_shows_her_account_work_and_csvs(client, history):
    login(client, history.amira)
    page = client.get("/account/data")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Dina uppgifter" in text and CONTACT in text and "<bdi>Karin</bdi>" in text and "Indigo totes" in text
    assert "Radera" not in text  # erasing is for her supervisor or an admin
    csv = client.get("/account/data?csv=hours")
    assert csv.status_code == 200 and "Indigo totes;150" in csv.data.decode("utf-8-sig")


@pytest.mark.parametrize(("who", "status"), [("karin", 200), ("admin", 200), ("other supervisor", 403)])
def test_her_supervisor_and_admins_see_her_data_no_other_supervisor(client, api_as, make_user, history, who, status):
    viewer = {"karin": history.karin, "admin": make_user("admin"),
              "other supervisor": make_user("supervisor")}[who]
    login(client, viewer)
    assert client.get(f"/people/{history.amira.id}/data").status_code == status
    assert client.get(f"/people/{history.amira.id}/data.zip").status_code == status
    assert api_as(user=db.session.get(User, viewer.id)).get("/api/v1/users/amira/data").status_code == status


def test_participants_and_students_see_only_their_own(client, api_as, make_user, history):
    for role in ("participant", "student"):
        someone = make_user(role)
        login(client, someone)
        assert client.get(f"/people/{history.amira.id}/data").status_code == 403
        assert api_as(user=someone).get("/api/v1/users/amira/data").status_code == 403
        own = client.get("/account/data").get_data(as_text=True)
        assert "Amira" not in own and CONTACT not in own
        client.post("/logout")


def test_the_cli_prints_her_data_as_json(runner, history):
    result = runner.invoke(args=["users", "export", "amira"])
    assert result.exit_code == 0 and json.loads(result.output)["person"]["contact"] == CONTACT
