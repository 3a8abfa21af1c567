"""Locations, tills and shop settings pages."""

from boutique.places.settings import get_setting


def test_admin_adds_location_and_till(client, login_as, session):
    login_as("admin")
    client.post("/places/locations", data={"code": "skh", "name": "Skärholmen", "address": "Skärholmsvägen 1"})
    client.post("/places/tills", data={"code": "SKH-1", "location": "SKH"})
    page = client.get("/places/").get_data(as_text=True)
    assert "SKH-1" in page and "Skärholmen" in page


def test_duplicate_location_is_a_clear_message(client, login_as, make_location):
    make_location("SKH")
    login_as("admin")
    response = client.post("/places/locations", data={"code": "SKH", "name": "Again"}, follow_redirects=True)
    assert "Det finns redan en plats med den koden." in response.get_data(as_text=True)


def test_supervisor_sees_locations_but_cannot_add(client, login_as):
    login_as("supervisor")
    assert client.get("/places/").status_code == 200
    assert client.post("/places/locations", data={"code": "X", "name": "X"}).status_code == 403


def test_admin_edits_shop_settings_used_on_receipts(client, login_as, session):
    login_as("admin")
    page = client.get("/places/settings").get_data(as_text=True)
    assert "Organisationsnummer" in page
    response = client.post("/places/settings", data={"org_name": "Röda Korset Ny Form", "org_number": "802002-8711",
                                                     "receipt_footer": "Tack!"})
    assert response.status_code == 302
    assert get_setting(session, "org_name") == "Röda Korset Ny Form"


def test_home_page_shows_waiting_work_but_not_to_students(client, login_as, make_item):
    make_item("received")
    make_item("received")
    login_as("participant")
    page = client.get("/").get_data(as_text=True)
    assert "Att tvätta" in page
    client.post("/logout")
    login_as("student")
    assert "Att tvätta" not in client.get("/").get_data(as_text=True)
