"""Imports every model module so the metadata is complete (migrations, create_all, tests)."""

from boutique.auth.models import ApiToken, LoginFailure, User  # noqa: F401
from boutique.catalog.models import Category  # noqa: F401
from boutique.counters import Counter  # noqa: F401
from boutique.donations.models import Donation  # noqa: F401
from boutique.items.models import Item, ItemEvent  # noqa: F401
from boutique.places.models import Location, Setting, Till  # noqa: F401
from boutique.production.models import LotMember, ProductionLot, ProductMaker, ProductMaterial  # noqa: F401
