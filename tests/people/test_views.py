"""People administration: supervisors manage participants and students; admins everyone."""

from sqlalchemy import select

from boutique.auth.models import User
from boutique.core.roles import Role
from boutique.extensions import db
from tests.conftest import login


def test_supervisor_adds_a_participant_with_a_name_in_any_script(client, login_as, session):
    login_as("supervisor")
    response = client.post("/people/new", data={"username": "selam", "display_name": "ሰላም", "role": "participant",
                                                "language": "sv", "password": "long enough pw"})
    assert response.status_code == 302
    user = session.scalar(select(User).where(User.username == "selam"))
    assert user.display_name == "ሰላም" and user.role == Role.participant
    listing = client.get("/people/").get_data(as_text=True)
    assert "<bdi>ሰላም</bdi>" in listing


def test_supervisor_cannot_create_or_edit_admins(client, login_as, make_user):
    login_as("supervisor")
    response = client.post("/people/new", data={"username": "boss", "display_name": "Boss", "role": "admin",
                                                "language": "sv", "password": "long enough pw"})
    assert response.status_code == 422
    admin = make_user("admin")
    assert client.get(f"/people/{admin.id}").status_code == 403


def test_deactivating_a_person_ends_their_sessions(app, client, login_as, make_user):
    participant = make_user("participant")
    their_browser = app.test_client()
    login(their_browser, participant)
    participant.supervisor_id = login_as("supervisor").id
    db.session.commit()
    response = client.post(f"/people/{participant.id}", data={"display_name": participant.display_name,
                                                              "role": "participant", "language": "sv"})
    assert response.status_code == 302
    assert their_browser.get("/").status_code == 302


def test_duplicate_username_shows_a_form_error(client, login_as, make_user):
    make_user(username="amira")
    login_as("admin")
    response = client.post("/people/new", data={"username": "Amira", "display_name": "A", "role": "participant",
                                                "language": "sv", "password": "long enough pw"})
    assert response.status_code == 422
    assert "Användarnamnet är upptaget." in response.get_data(as_text=True)


def test_unknown_person_is_404(client, login_as):
    login_as("admin")
    assert client.get("/people/99999").status_code == 404


def test_only_their_own_supervisor_or_an_admin_sees_and_changes_a_persons_details(client, make_user):
    """A participant's contact was editable by any supervisor: now by theirs and admins only, and the
    same for every other detail on the page (name, language, role, account, password)."""
    karin, yusuf, admin = make_user("supervisor"), make_user("supervisor"), make_user("admin")
    amira = make_user("participant", display_name="Amira")
    amira.contact, amira.supervisor_id = "070-123 45 67", karin.id
    db.session.commit()
    change = {"display_name": "Amira", "role": "participant", "language": "sv", "contact": "070-999 99 99",
              "active": "y"}
    login(client, yusuf)
    assert client.get(f"/people/{amira.id}").status_code == 403
    assert client.post(f"/people/{amira.id}", data=change).status_code == 403
    assert "070-123" not in client.get(f"/people/{amira.id}").get_data(as_text=True)
    listing = client.get("/people/").get_data(as_text=True)
    assert f'href="/people/{amira.id}"' not in listing and "<bdi>Amira</bdi>" in listing
    client.post("/logout")
    db.session.refresh(amira)
    assert amira.contact == "070-123 45 67"
    for manager in (karin, admin):
        login(client, manager)
        assert "070-123 45 67" in client.get(f"/people/{amira.id}").get_data(as_text=True)
        assert f'href="/people/{amira.id}"' in client.get("/people/").get_data(as_text=True)
        client.post("/logout")
    login(client, karin)
    assert client.post(f"/people/{amira.id}", data=change).status_code == 302
    db.session.refresh(amira)
    assert amira.contact == "070-999 99 99"


def test_whom_a_supervisor_adds_they_follow(client, api_as, login_as):
    karin = login_as("supervisor")
    assert f'<option selected value="{karin.id}">' in client.get("/people/new").get_data(as_text=True)
    api = api_as("supervisor")
    created = api.post("/api/v1/users", json={"username": "hodan", "role": "participant", "password": "long enough pw"})
    assert created.status_code == 201
    assert db.session.scalar(select(User).where(User.username == "hodan")).supervisor_id == api.user.id


def test_a_persons_meeting_place_is_set_on_the_people_form(client, login_as, make_user, make_location, session):
    make_location("HUS", "Husby")
    skarholmen = make_location("SKH", "Skärholmen")
    karin = login_as("supervisor")
    person = make_user("participant", display_name="Amira")
    person.supervisor_id = karin.id  # only their own supervisor may change a person's details
    session.commit()
    form = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "Mötesplats" in form and "Skärholmen" in form
    response = client.post(f"/people/{person.id}", data={"display_name": "Amira", "role": "participant",
                                                         "language": "sv", "location": str(skarholmen.id),
                                                         "supervisor": str(karin.id), "active": "y"})
    assert response.status_code == 302
    session.refresh(person)
    assert person.location_id == skarholmen.id
    client.post(f"/people/{person.id}", data={"display_name": "Amira", "role": "participant", "language": "sv",
                                              "location": "", "supervisor": str(karin.id), "active": "y"})
    session.refresh(person)
    assert person.location_id is None
