"""Helpers for the pipeline tests: a donation unpacked into received items, and steps along the way."""

from boutique.catalog.services import get_category
from boutique.donations.services import receive_donation, unpack
from boutique.places.models import Location


def donation_with_items(session, location: Location, *, user=None, categories=("women-dresses",),
                        source="drop_off"):
    """A donation and one received item per category given."""
    donation = receive_donation(session, source=source, location=location, by_user_id=user.id if user else None,
                                weight_grams=5000, bags=2)
    items = unpack(session, donation=donation, by_user_id=user.id if user else None,
                   items=[(get_category(session, code), None) for code in categories])
    session.commit()
    return donation, items


def for_sale_items(session, location, user, n: int = 1, *, price_ore: int = 9900):
    """Items taken all the way to for_sale through the services."""
    from boutique.pipeline import services

    _, items = donation_with_items(session, location, user=user, categories=["women-dresses"] * n)
    for item in items:
        services.skip_wash(session, item=item, reason="test", by_user_id=user.id)
        services.sort_item(session, item=item, category=item.category, grade="shop", by_user_id=user.id)
        services.value_item(session, item=item, value_ore=price_ore, by_user_id=user.id)
        services.price_item(session, item=item, price_ore=price_ore, by_user_id=user.id)
    session.commit()
    return items


def english_client(app, make_user, role: str = "participant"):
    """A second browser, signed in as someone who reads English."""
    from tests.conftest import login

    client = app.test_client()
    login(client, make_user(role, language="en"))
    return client
