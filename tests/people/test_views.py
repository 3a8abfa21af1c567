"""People administration: supervisors manage participants and students; admins everyone."""

from sqlalchemy import select

from boutique.auth.models import Role, User


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
    from tests.conftest import login

    participant = make_user("participant")
    their_browser = app.test_client()
    login(their_browser, participant)
    login_as("supervisor")
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


def test_a_persons_meeting_place_is_set_on_the_people_form(client, login_as, make_user, make_location, session):
    make_location("HUS", "Husby")
    skarholmen = make_location("SKH", "Skärholmen")
    login_as("supervisor")
    person = make_user("participant", display_name="Amira")
    form = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "Mötesplats" in form and "Skärholmen" in form
    response = client.post(f"/people/{person.id}", data={"display_name": "Amira", "role": "participant",
                                                         "language": "sv", "location": str(skarholmen.id),
                                                         "active": "y"})
    assert response.status_code == 302
    session.refresh(person)
    assert person.location_id == skarholmen.id
    client.post(f"/people/{person.id}", data={"display_name": "Amira", "role": "participant", "language": "sv",
                                              "location": "", "active": "y"})
    session.refresh(person)
    assert person.location_id is None
