"""Supervisors edit categories (names, VAT, guide price, markdown ladder) and add new ones."""

import pytest

from boutique.catalog.editing import format_ladder_text, parse_ladder_text
from boutique.catalog.services import get_category
from boutique.core.errors import InvalidInput
from tests.pipeline.helpers import english_client


def test_ladder_text_round_trips():
    assert parse_ladder_text("21:25; 42:50") == [[21, 25], [42, 50]]
    assert parse_ladder_text("42=50 %, 14:20") == [[14, 20], [42, 50]]
    assert parse_ladder_text("") is None and parse_ladder_text("0") == []
    assert format_ladder_text([[14, 20], [42, 50]]) == "14:20; 42:50"
    assert format_ladder_text(None) == "" and format_ladder_text([]) == "0"


@pytest.mark.parametrize("text", ["21:100", "0:20", "21:25; 21:30", "21:50; 42:25", "abc", "21:-5", "٢١:٢٥",
                                  "1:1; 2:2; 3:3; 4:4; 5:5; 6:6; 7:7"])
def test_bad_ladders_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_ladder_text(text)


def test_category_page_lists_the_taxonomy_for_staff(app, client, login_as, make_user):
    login_as("participant")
    page = client.get("/categories/").get_data(as_text=True)
    assert "Klänningar" in page and "Utanför moms" in page and "/categories/women-dresses" not in page
    english = english_client(app, make_user, "supervisor").get("/categories/").get_data(as_text=True)
    assert "Dresses" in english and "/categories/women-dresses" in english


def test_supervisor_edits_guide_price_vat_and_ladder(client, login_as, session):
    login_as("supervisor")
    assert client.get("/categories/women-dresses").status_code == 200
    response = client.post("/categories/women-dresses", data={
        "name": "Klänningar", "name_en": "Dresses", "vat_rate": "0", "guide_price": "149,00",
        "ladder": "14:20; 28:40", "active": "y"})
    assert response.status_code == 302
    session.expire_all()
    category = get_category(session, "women-dresses")
    assert (category.guide_price_ore, category.markdown_ladder) == (14900, [[14, 20], [28, 40]])
    client.post("/categories/women-dresses", data={"name": "Klänningar", "name_en": "Dresses", "vat_rate": "0",
                                                   "ladder": "1:10; 28:40", "active": "y"})
    page = client.get("/categories/").get_data(as_text=True)
    assert "−10 % efter 1 dag," in page and "−40 % efter 28 dagar" in page  # never "1 dagar"


def test_bad_edit_shows_the_error_in_the_form(client, login_as, session):
    login_as("supervisor")
    response = client.post("/categories/women-dresses", data={
        "name": "Klänningar", "name_en": "Dresses", "vat_rate": "0", "ladder": "21:150", "active": "y"})
    assert response.status_code == 422
    assert "Skriv varje steg" in response.get_data(as_text=True) or "1 till 99" in response.get_data(as_text=True)
    assert client.post("/categories/women-dresses", data={"name": "", "name_en": "x", "vat_rate": "7"}
                       ).status_code == 422


def test_supervisor_adds_a_sub_category(client, login_as, session):
    login_as("supervisor")
    assert client.get("/categories/new").status_code == 200
    response = client.post("/categories/new", data={"code": "women-blouses", "parent": "women", "name": "Blusar",
                                                    "name_en": "Blouses", "vat_rate": "0"})
    assert response.status_code == 302
    assert get_category(session, "women-blouses").parent.code == "women"
    again = client.post("/categories/new", data={"code": "women-blouses", "parent": "women", "name": "Blusar",
                                                 "name_en": "Blouses", "vat_rate": "0"})
    assert again.status_code == 422


def test_participants_and_students_cannot_edit_categories(client, login_as):
    login_as("participant")
    assert client.get("/categories/women-dresses").status_code == 403
    assert client.post("/categories/new", data={}).status_code == 403


def test_unknown_category_page_is_404(client, login_as):
    login_as("supervisor")
    assert client.get("/categories/nope").status_code == 404


def test_a_supervisor_names_a_new_category_in_the_participants_languages(client, login_as, session):
    login_as("supervisor")
    form = client.get("/categories/new").get_data(as_text=True)
    assert 'name="name_ar"' in form and 'lang="ar"' in form and 'dir="rtl"' in form and "ትግርኛ" in form
    client.post("/categories/new", data={"code": "women-blouses", "parent": "women", "name": "Blusar",
                                         "name_en": "Blouses", "vat_rate": "0", "name_ar": " بلوزات ", "name_ti": ""})
    blouses = get_category(session, "women-blouses")
    assert blouses.names == {"ar": "بلوزات"}
    assert blouses.label("ar") == "بلوزات" and blouses.label("ti") == "Blusar"  # Swedish where none is given
    assert 'value="بلوزات"' in client.get("/categories/women-blouses").get_data(as_text=True)
    client.post("/categories/women-blouses", data={"name": "Blusar", "name_en": "Blouses", "vat_rate": "0",
                                                   "active": "y", "name_so": "Buluusyo"})
    session.refresh(blouses)
    assert blouses.names == {"so": "Buluusyo"}  # the form holds them all: a name emptied is gone
