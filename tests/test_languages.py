"""Six languages: each person's own, the till's cashier's, Swedish behind the ones still being translated,
right to left for Arabic and Persian, and the shop's documents in the shop's language whoever prints them."""

import re
from io import BytesIO

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask_babel import force_locale, gettext, ngettext

from boutique.auth.models import User
from boutique.catalog.services import get_category
from boutique.extensions import db
from boutique.web.i18n import LANGUAGES, SwedishFallbackDomain


def _compiled(folder, locale: str, messages: dict) -> None:
    catalog = Catalog(locale=locale)
    for msgid, string in messages.items():
        catalog.add(msgid, string)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    path = folder / locale / "LC_MESSAGES"
    path.mkdir(parents=True)
    (path / "messages.mo").write_bytes(buffer.getvalue())


def test_a_message_not_yet_in_tigrinya_is_shown_in_swedish_whole_and_english_stays_english(app, tmp_path):
    _compiled(tmp_path, "sv", {"Wash": "Tvätta", "Sort %(code)s": "Sortera %(code)s",
                               ("%(num)d item", "%(num)d items"): ("%(num)d vara", "%(num)d varor")})
    _compiled(tmp_path, "ti", {"Wash": "ሕጸብ"})
    domain = SwedishFallbackDomain(translation_directories=[str(tmp_path)])
    with app.test_request_context():
        for language, wash, sort in [("ti", "ሕጸብ", "Sortera 29"), ("ar", "Tvätta", "Sortera 29"),
                                     ("en", "Wash", "Sort 29"), ("sv", "Tvätta", "Sortera 29")]:
            with force_locale(language):
                translations = domain.get_translations()
                assert translations.ugettext("Wash") == wash
                assert translations.ugettext("Sort %(code)s") % {"code": "29"} == sort
        with force_locale("so"):
            assert domain.get_translations().ungettext("%(num)d item", "%(num)d items", 3) == "%(num)d varor"


def test_the_app_itself_falls_back_to_swedish_not_to_the_english_source(app):
    with app.test_request_context(), force_locale("ti"):
        text = gettext("A message no catalog has, in English")
        assert text == "A message no catalog has, in English"  # nothing to fall back to: the source
        assert gettext("Sign out") != "Sign out"  # Tigrinya, or Swedish if not yet translated
        assert ngettext("Discounts (%(num)d line)", "Discounts (%(num)d lines)", 2) != "Discounts (2 lines)"


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("so", "ltr"), ("ti", "ltr"),
                                                     ("sv", "ltr"), ("en", "ltr")])
def test_each_person_reads_pages_in_their_own_language_and_direction(client, login_as, language, direction):
    login_as("participant", language=language)
    page = client.get("/").get_data(as_text=True)
    assert f'<html lang="{language}" dir="{direction}">' in page


def test_the_language_switch_names_each_language_in_its_own_script_and_changes_it_in_one_step(client, login_as):
    user = login_as("participant")
    page = client.get("/items/").get_data(as_text=True)
    for code, name in LANGUAGES.items():
        button = rf'<button[^>]*name="language" value="{code}"[^>]*lang="{code}"[^>]*>\s*{name}\s*</button>'
        assert re.search(button, page), code
    response = client.post("/language", data={"language": "ti", "next": "/items/"})
    assert response.headers["Location"] == "/items/"
    db.session.refresh(user)
    assert user.language == "ti" and 'lang="ti"' in client.get("/items/").get_data(as_text=True)


def test_people_create_and_edit_choose_any_of_the_six_languages(runner, app, api_as):
    result = runner.invoke(args=["users", "create", "selam", "--role", "participant", "--password", "long enough pw",
                                 "--language", "ti"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(User.language).where(User.username == "selam")) == "ti"
    refused = runner.invoke(args=["users", "create", "x", "--role", "participant", "--password", "long enough pw",
                                  "--language", "de"])
    assert refused.exit_code != 0
    api = api_as("supervisor")
    made = api.post("/api/v1/users", json={"username": "zahra", "role": "participant", "password": "long enough pw",
                                          "language": "fa"})
    assert made.status_code == 201 and made.get_json()["language"] == "fa"
    bad = api.post("/api/v1/users", json={"username": "z2", "role": "participant", "password": "long enough pw",
                                         "language": "xx"})
    assert bad.status_code == 422


def test_a_category_shows_in_the_persons_language_and_in_swedish_where_it_has_no_name_yet(session):
    dresses = get_category(session, "women-dresses")
    dresses.names = {"ti": "ቀሚሳት"}
    assert dresses.label("ti") == "ቀሚሳት"
    assert dresses.label("so") == dresses.name == "Klänningar"
    assert dresses.label("en") == "Dresses"


@pytest.mark.parametrize(("language", "wrapped"), [("ar", True), ("fa", True), ("ti", False), ("sv", False)])
def test_prices_stay_left_to_right_inside_arabic_and_persian_text(client, login_as, make_item, language, wrapped):
    item = make_item("for_sale", price_ore=12950)
    login_as("participant", language=language)
    page = client.get(f"/items/{item.code}").get_data(as_text=True)
    assert ("\u2066129,50\u00a0kr\u2069" in page) is wrapped  # isolated: "129,50 kr", never "kr 129,50"
    assert "129,50\u00a0kr" in page


@pytest.mark.parametrize(("language", "wrapped"), [("ar", True), ("fa", True), ("so", False), ("sv", False)])
def test_a_date_example_stays_left_to_right_inside_arabic_and_persian_text(client, login_as, make_location,
                                                                          language, wrapped):
    make_location("SKH")
    login_as("participant", language=language)
    page = client.get("/donations/new").get_data(as_text=True)
    # Beside Arabic letters, "2026-12-03 14:30" would read "14:30 03-12-2026": each number its own run.
    assert ("\u20662026-12-03 14:30\u2069" in page) is wrapped
    assert "2026-12-03 14:30" in page


@pytest.mark.parametrize(("language", "wrapped"), [("ar", True), ("fa", True), ("ti", False), ("sv", False)])
def test_the_footers_place_names_keep_their_order_inside_arabic_and_persian_text(client, login_as, language, wrapped):
    login_as("participant", language=language)
    page = client.get("/items/").get_data(as_text=True)
    # "Ny Form · Skärholmen" as one left-to-right run would read "Skärholmen · Ny Form" from the right.
    assert ("\u2066Ny Form\u2069 · \u2066Skärholmen\u2069" in page) is wrapped
    assert "Husby" in page
