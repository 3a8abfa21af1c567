"""Factories for lots and their material."""

from collections.abc import Callable

import pytest

from boutique.auth.models import User
from boutique.extensions import db
from boutique.items.models import Grade, Item, ItemStatus
from boutique.production import services
from boutique.production.models import LotRole, ProductionLot


@pytest.fixture
def supervisor(make_user) -> User:
    return make_user("supervisor", username="karin", display_name="Karin Lindqvist")


@pytest.fixture
def make_lot(app, make_location, supervisor) -> Callable[..., ProductionLot]:
    """``make_lot(members={user: "participant"})`` → a committed lot at SKH."""

    def make(title: str = "Tilet borders", *, location: str = "SKH", members: dict | None = None,
             by_user: User | None = None, **fields) -> ProductionLot:
        make_location(location, name=location)
        lot = services.create_lot(db.session, title=title, location_code=location, by_user=by_user or supervisor,
                                  **fields)
        for user, role in (members or {}).items():
            services.add_member(db.session, lot=lot, user=user, role=LotRole(role))
        db.session.commit()
        return lot

    return make


@pytest.fixture
def make_material(make_item) -> Callable[..., Item]:
    """A garment sorted as redesign material."""

    def make(**fields) -> Item:
        fields.setdefault("fibre", "cotton")
        return make_item(ItemStatus.material, price_ore=None, grade=Grade.redesign, **fields)

    return make
