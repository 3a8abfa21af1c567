"""Item search and the item page with its whole history."""

import pytest

from boutique.items.codes import item_code
from boutique.pipeline import services
from tests.pipeline.helpers import english_client


def test_search_by_code_opens_the_item_page(client, login_as, make_item):
    item = make_item(status="for_sale")
    login_as("student")
    response = client.get("/items/", query_string={"q": f"{item.code}\r\n"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/items/{item.code}")


@pytest.mark.parametrize(("query", "expected"), [
    ({"status": "for_sale"}, {"blue", "red"}), ({"category": "men"}, {"green"}), ({"colour": "BLÅ"}, {"blue"}),
    ({"size": "38"}, {"red"}), ({"brand": "acne"}, {"blue"}), ({"q": "ሹራብ"}, {"green"}),
    ({"q": "100%"}, set()), ({"location": "HUS"}, {"green"})])
def test_search_filters(client, login_as, make_item, make_location, query, expected):
    make_location("HUS", name="Husby")
    make_item(status="for_sale", colour="blå", brand="Acne Studios", description="blue")
    make_item(status="for_sale", size="38", description="red")
    make_item(status="sorted", category="men-knitwear", description="green ሹራብ", location="HUS")
    login_as("participant")
    page = client.get("/items/", query_string=query).get_data(as_text=True)
    assert {word for word in ("blue", "red", "green") if f"<bdi>{word}" in page} == expected


def test_search_with_a_bad_status_or_category_says_so(client, login_as):
    login_as("participant")
    assert client.get("/items/", query_string={"status": "vanished"}).status_code == 422
    response = client.get("/items/", query_string={"category": "nope"})
    assert response.status_code == 422 and "Okänd kategori" in response.get_data(as_text=True)
    assert client.get("/items/", query_string={"q": "x" * 500}).status_code == 422


def test_item_page_shows_history_with_who_and_the_shelf_price(app, client, login_as, make_user, make_location,
                                                               session):
    from tests.pipeline.helpers import for_sale_items

    skh = make_location("SKH")
    worker = make_user("participant", display_name="ሰላም")
    (item,) = for_sale_items(session, skh, worker, price_ore=19900)
    login_as("student")
    page = client.get(f"/items/{item.code}").get_data(as_text=True)
    for word in ("Mottag", "Sorter", "Prissatt", "ሰላም", "199,00"):  # other areas may word events alike
        assert word in page, word
    assert "Arbeta med den" not in page  # students only read
    english = english_client(app, make_user).get(f"/items/{item.code}").get_data(as_text=True)
    for word in ("Received", "No wash needed", "Sorted", "Valued", "Priced", "Work on it", "tag"):
        assert word in english, word


def test_item_page_shows_markdown_for_an_old_price(client, login_as, make_item, session):
    from datetime import timedelta

    from boutique.core import clock

    item = make_item(status="for_sale", price_ore=20000)
    item.priced_at = clock.now() - timedelta(days=45)
    session.commit()
    login_as("participant")
    page = client.get(f"/items/{item.code}").get_data(as_text=True)
    assert "100,00" in page and "−50 %" in page


def test_item_page_for_unknown_and_bad_codes(client, login_as):
    login_as("participant")
    response = client.get(f"/items/{item_code(4242)}")
    assert response.status_code == 404 and f"{item_code(4242)}.</p>" in response.get_data(as_text=True)
    assert client.get("/items/29-bad").status_code == 422


def test_repriced_item_page_shows_the_price_history(client, login_as, make_item, make_user, session):
    item = make_item(status="valued", value_ore=10000)
    user = make_user()
    services.price_item(session, item=item, price_ore=12000, by_user_id=user.id)
    services.price_item(session, item=item, price_ore=9000, by_user_id=user.id)
    session.commit()
    login_as("participant")
    page = client.get(f"/items/{item.code}").get_data(as_text=True)
    assert "120,00" in page and "90,00" in page and "Omprissatt" in page


def test_item_page_shows_photos_and_an_upload_form_for_staff_only(app, client, login_as, make_item, make_user):
    if "photos.upload_for_item" not in app.view_functions:
        pytest.skip("the photos area is not installed")
    item = make_item(status="for_sale")
    login_as("student")
    page = client.get(f"/items/{item.code}").get_data(as_text=True)
    assert "Foton" in page and f"/photos/items/{item.code}" not in page
    staff = english_client(app, make_user).get(f"/items/{item.code}").get_data(as_text=True)
    assert f'action="/photos/items/{item.code}"' in staff
