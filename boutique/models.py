"""Imports every model module so the metadata is complete (migrations, create_all, tests)."""

from boutique.auth.models import ApiToken, LoginFailure, User  # noqa: F401
from boutique.catalog.models import Category  # noqa: F401
from boutique.core.counters import Counter  # noqa: F401
from boutique.donations.models import Donation  # noqa: F401
from boutique.exports.models import SieVoucher  # noqa: F401
from boutique.items.models import Item, ItemEvent  # noqa: F401
from boutique.labels.models import LabelPrint  # noqa: F401
from boutique.photos.models import Photo  # noqa: F401
from boutique.pipeline.models import BulkWeighOut, WashLoad  # noqa: F401
from boutique.places.models import Location, Setting, Till  # noqa: F401
from boutique.production.models import (  # noqa: F401
    BulkMaterial,
    InstructionStep,
    LotHours,
    LotMaterial,
    LotMember,
    LotTag,
    ProductionLot,
    ProductMaker,
    ProductMaterial,
)
from boutique.sales.cart_models import Cart  # noqa: F401
from boutique.sales.day_models import TillDay, ZReport  # noqa: F401
from boutique.sales.models import Sale, SaleLine  # noqa: F401
from boutique.stock.models import Stocktake, StocktakeLine, Transfer, TransferLine  # noqa: F401
from boutique.vouchers.models import GiftVoucher, VoucherEvent  # noqa: F401
