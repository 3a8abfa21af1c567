"""Registering a donation and unpacking it, one key press (one form post) per item."""

from sqlalchemy import func, select

from boutique.donations.models import Donation
from boutique.items.models import Item
from tests.pipeline.helpers import english_client


def _register(client, **data):
    return client.post("/donations/new", data={"source": "drop_off", "location": "SKH", "not_weighed": "y", **data})


def test_register_a_donation_with_kilograms_and_a_decimal_comma(client, login_as, make_location, session):
    make_location("SKH")
    login_as("participant")
    assert client.get("/donations/new").status_code == 200
    response = _register(client, weight="12,5", bags="3", note="Två kassar", donor_note="")
    assert response.status_code == 302
    donation = session.scalar(select(Donation))
    assert (donation.weight_grams, donation.bags, donation.note, donation.donor_note) == (12_500, 3, "Två kassar", None)
    assert response.headers["Location"].endswith(f"/donations/{donation.id}")


def test_bad_weight_and_bags_are_refused_in_both_languages(app, client, login_as, make_user, make_location):
    make_location("SKH")
    login_as("participant")
    # Arabic-Indic digits are digits (boutique/core/digits.py: "٣" is 3); a word is not.
    response = _register(client, weight="12.5555", bags="tre")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Skriv vikten i kilo" in page and "Skriv ett heltal från 0 till 1000" in page
    english = english_client(app, make_user)
    page = _register(english, weight="1e3").get_data(as_text=True)
    assert "Write the weight in kilograms, e.g. 2,5." in page


def test_fifty_quick_adds_make_fifty_items(client, login_as, make_location, session):
    make_location("SKH")
    login_as("participant")
    _register(client)
    donation = session.scalar(select(Donation))
    url = f"/donations/{donation.id}/items"
    for n in range(50):
        category = "women-dresses" if n % 2 else "men-shirts"
        assert client.post(url, data={"category": category}).status_code == 302
    assert session.scalar(select(func.count(Item.id)).where(Item.donation_id == donation.id)) == 50
    page = client.get(f"/donations/{donation.id}").get_data(as_text=True)
    assert ">50<" in page and ">25<" in page


def test_quick_add_with_fetch_answers_json_with_the_counts(client, login_as, make_location, session):
    make_location("SKH")
    login_as("participant")
    _register(client)
    donation = session.scalar(select(Donation))
    response = client.post(f"/donations/{donation.id}/items", data={"category": "bags", "quantity": "3"},
                           headers={"Accept": "application/json"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["total"] == 3 and body["counts"] == {"bags": 3} and len(body["items"]) == 3
    bad = client.post(f"/donations/{donation.id}/items", data={"category": "nope"},
                      headers={"Accept": "application/json"})
    assert bad.status_code == 422 and bad.get_json()["error"]["message"]


def test_quick_category_button_adds_in_its_category(client, login_as, make_location, session):
    make_location("SKH")
    login_as("participant")
    _register(client)
    donation = session.scalar(select(Donation))
    page = client.get(f"/donations/{donation.id}").get_data(as_text=True)
    assert 'name="shortcut"' in page and "<kbd>1</kbd>" in page
    client.post(f"/donations/{donation.id}/items", data={"category": "women-dresses", "shortcut": "shoes"})
    assert session.scalar(select(Item)).category.code == "shoes"


def test_descriptions_in_any_script_round_trip_to_the_page(client, login_as, make_location):
    make_location("SKH")
    login_as("participant")
    _register(client)
    client.post("/donations/1/items", data={"category": "scarves", "description": "ሻርፕ وشاح sjal åäö"})
    page = client.get("/donations/1").get_data(as_text=True)
    assert "ሻርፕ وشاح sjal åäö" in page


def test_donation_list_shows_still_to_unpack_and_done(client, login_as, make_location, session):
    make_location("SKH")
    login_as("participant")
    _register(client)
    _register(client, source="pickup")
    client.post("/donations/1/done")
    page = client.get("/donations/").get_data(as_text=True)
    assert "Kvar att packa upp: 1" in page
    assert session.get(Donation, 1).unpacked_at is not None
    client.post("/donations/1/done", data={"done": "0"})
    session.expire_all()
    assert session.get(Donation, 1).unpacked_at is None


def test_unknown_donation_pages_are_404_and_students_are_kept_out(client, login_as):
    login_as("participant")
    assert client.get("/donations/999").status_code == 404
    assert client.post("/donations/999/items", data={"category": "bags"}).status_code == 404


def test_students_cannot_register_donations(client, login_as):
    login_as("student")
    assert client.get("/donations/").status_code == 403
    assert client.get("/donations/new").status_code == 403


def test_quick_add_with_csrf_on_needs_the_token_the_page_gives(make_app, make_user, make_location):
    import re

    make_location("SKH")
    user = make_user()
    client = make_app(WTF_CSRF_ENABLED=True).test_client()

    def token_on(url: str) -> str:
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)

    client.post("/login", data={"username": user.username, "password": "correct horse battery",
                                "csrf_token": token_on("/login")})
    created = client.post("/donations/new", data={"source": "drop_off", "location": "SKH", "bags": "1",
                                                  "csrf_token": token_on("/donations/new")})
    assert created.status_code == 302 and "/donations/" in created.headers["Location"], created.headers["Location"]
    donation_id = int(created.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    token = token_on(f"/donations/{donation_id}")
    url = f"/donations/{donation_id}/items"
    refused = client.post(url, data={"category": "bags"}, headers={"Accept": "application/json"})
    assert refused.status_code == 400
    accepted = client.post(url, data={"category": "bags"}, headers={"Accept": "application/json", "X-CSRFToken": token})
    assert accepted.status_code == 201 and accepted.get_json()["total"] == 1


def test_an_empty_donation_form_asks_for_a_weight_bags_or_not_weighed(client, login_as, make_location, session):
    make_location("SKH")
    login_as("participant")
    response = client.post("/donations/new", data={"source": "drop_off", "location": "SKH"})
    assert response.status_code == 422
    assert "Ange vikten eller antalet kassar, eller kryssa i ”Inte vägd”." in response.get_data(as_text=True)
    assert session.scalar(select(func.count(Donation.id))) == 0
    for given in ({"weight": "2,5"}, {"bags": "2"}, {"not_weighed": "y"}):
        response = client.post("/donations/new", data={"source": "drop_off", "location": "SKH", **given})
        assert response.status_code == 302, given
    weighed = session.scalars(select(Donation).order_by(Donation.id)).all()
    assert [(d.weight_grams, d.bags) for d in weighed] == [(2500, None), (None, 2), (None, None)]


def _selected_location(page: str) -> str | None:
    import re

    select = re.search(r'<select[^>]*name="location".*?</select>', page, re.S).group(0)
    chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', select)
    return next((value for value in chosen.groups() if value is not None), None) if chosen else None


def test_the_place_starts_as_the_persons_own_not_the_first_in_the_alphabet(client, login_as, make_location,
                                                                            session):
    husby, skarholmen = make_location("HUS", "Husby"), make_location("SKH", "Skärholmen")
    person = login_as("participant")
    page = client.get("/donations/new").get_data(as_text=True)
    assert _selected_location(page) is None and "Välj en plats" in page  # not known yet: the person chooses
    person.location_id = skarholmen.id
    session.commit()
    assert _selected_location(client.get("/donations/new").get_data(as_text=True)) == "SKH"
    person.location_id = None  # without a place of their own: where they registered the last donation
    session.commit()
    _register(client, location="HUS")
    assert _selected_location(client.get("/donations/new").get_data(as_text=True)) == "HUS"
    assert husby.id != skarholmen.id


def test_received_at_is_typed_as_a_swedish_date_and_time(client, login_as, make_location, session):
    make_location("SKH")
    login_as("participant")
    page = client.get("/donations/new").get_data(as_text=True)
    assert 'type="datetime-local"' not in page and 'placeholder="ÅÅÅÅ-MM-DD TT:MM"' in page
    assert _register(client, received_at="2026-01-05 09:30").status_code == 302
    donation = session.scalar(select(Donation))
    assert donation.received_at.isoformat() == "2026-01-05T08:30:00+00:00"  # Stockholm winter time, UTC+1
    response = _register(client, received_at="01/05/2026")
    assert response.status_code == 422 and "ÅÅÅÅ-MM-DD TT:MM" in response.get_data(as_text=True)
