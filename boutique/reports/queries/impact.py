"""Environmental impact as a mass balance: the kilos that came in, where they went, and what is still here.

For a period (Stockholm days), at one location or all:

- **in (collected):** the weight of donations received in the period, as weighed at the door. A donation
  nobody weighed counts as the items unpacked from it, when they are unpacked.
- **out, by fate** (net: an item that comes back, e.g. a return, counts against its fate):
  sold as is (items sold; a lot's products are not counted again), redesigned (garments and bulk material
  used in production lots), recycled and discarded (items sorted so, plus bulk weigh-outs).
- **change in stock:** registered items still here (waiting for a step, on the shelf, redesign material)
  and donations not yet unpacked, at the end of the period minus at its start.
- **not accounted for** = in − out − change in stock: loose goods neither registered as items nor weighed
  out yet, and the difference between typical and real weights. The balance holds when it is within
  ``TOLERANCE`` of the kilos in (or of the kilos out, if more left than came in).
- reuse rate = (sold as is + redesigned) / everything that left by a fate: at most 100 %.
- CO2e saved = reused × the shop's factor.

An item's weight is its own ``weight_grams``, else its category's typical weight (reports/weights.py);
each item's weight is read once, so every move of it counts the same kilos.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from boutique.core.periods import Period
from boutique.donations.models import Donation
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.items.status import TRANSITIONS
from boutique.pipeline.models import BulkWeighOut, WeighOutGrade
from boutique.production.models import BulkMaterial, ProductionLot
from boutique.reports.co2e import co2e_factor
from boutique.reports.queries.sql import during, ratio
from boutique.reports.queries.weights import item_grams

TOLERANCE = 0.10  # of the kilos in: what typical weights and loose goods not yet weighed out may leave open

# The statuses in which an item has left the shop, and the fate each one is.
FATES = {ItemStatus.sold: "sold", ItemStatus.consumed: "redesigned", ItemStatus.recycled: "recycled",
         ItemStatus.discarded: "discarded"}
# Events that create an item or move it to or from a fate (the others only move it inside the shop).
MOVING_EVENTS = sorted({event for event, moves in TRANSITIONS.items() for old, new in moves.items()
                        if old is None or old in FATES or new & set(FATES)})


@dataclass(frozen=True)
class Impact:
    collected_grams: int
    reused_sold_grams: int  # sold as is, net of returns
    reused_material_grams: int  # redesigned: garments and bulk material used in lots
    recycled_grams: int
    discarded_grams: int
    items_stock_change_grams: int  # registered items still in the shop: end minus start
    waiting_stock_change_grams: int  # donations not yet unpacked: end minus start
    co2e_factor: Decimal
    co2e_factor_source: str

    @property
    def reused_grams(self) -> int:
        return self.reused_sold_grams + self.reused_material_grams

    @property
    def out_grams(self) -> int:
        return self.reused_grams + self.recycled_grams + self.discarded_grams

    @property
    def stock_change_grams(self) -> int:
        return self.items_stock_change_grams + self.waiting_stock_change_grams

    @property
    def unaccounted_grams(self) -> int:
        return self.collected_grams - self.out_grams - self.stock_change_grams

    @property
    def tolerance_grams(self) -> int:
        return round(TOLERANCE * max(self.collected_grams, self.out_grams))

    @property
    def balanced(self) -> bool:
        return abs(self.unaccounted_grams) <= self.tolerance_grams

    @property
    def reuse_rate(self) -> float:
        """Of the kilos that left by a fate, the share reused; 0 when nothing left."""
        if self.reused_grams <= 0 or self.out_grams <= 0:
            return 0.0
        return min(1.0, ratio(self.reused_grams, self.out_grams))

    @property
    def co2e_saved_grams(self) -> int:
        reused = Decimal(max(0, self.reused_grams))
        return int((reused * self.co2e_factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _sum(session: Session, query) -> int:
    return int(session.scalar(query) or 0)


def _item_moves(session: Session, period: Period, location_id: int | None) -> tuple[dict, int, int]:
    """Net grams per fate, grams of items registered, and of those the grams from unweighed donations:
    one grouped pass over the period's moving events (a lot's products are left out: their kilos left
    as material when the lot used it)."""
    grams = item_grams(session, Item.weight_grams, Item.category_id).label("grams")
    donation = aliased(Donation)
    unweighed = and_(donation.id.is_not(None), donation.weight_grams.is_(None)).label("unweighed")
    query = (select(ItemEvent.from_status, ItemEvent.to_status, unweighed, func.sum(grams))
             .join(Item, Item.id == ItemEvent.item_id).outerjoin(donation, donation.id == Item.donation_id)
             .where(ItemEvent.event.in_(MOVING_EVENTS), during(ItemEvent.at, period), Item.lot_id.is_(None))
             .group_by(ItemEvent.from_status, ItemEvent.to_status, unweighed))
    if location_id is not None:
        query = query.where(Item.location_id == location_id)
    fates = dict.fromkeys(FATES.values(), 0)
    registered = from_unweighed = 0
    for old, new, is_unweighed, total in session.execute(query):
        total = int(total or 0)
        if old is None:
            registered += total
            from_unweighed += total if is_unweighed else 0
        elif old in FATES:
            fates[FATES[ItemStatus(old)]] -= total
        if new in FATES:
            fates[FATES[ItemStatus(new)]] += total
    return fates, registered, from_unweighed


def _waiting(session: Session, moment: datetime, location_id: int | None) -> int:
    """Grams of weighed donations received before ``moment`` and not unpacked by then, less the items
    already unpacked from them."""
    still_open = and_(Donation.weight_grams.is_not(None), Donation.received_at < moment,
                      or_(Donation.unpacked_at.is_(None), Donation.unpacked_at >= moment))
    weight = select(func.sum(Donation.weight_grams)).where(still_open)
    grams = item_grams(session, Item.weight_grams, Item.category_id)
    unpacked = (select(func.sum(grams)).select_from(ItemEvent).join(Item, Item.id == ItemEvent.item_id)
                .join(Donation, Donation.id == Item.donation_id)
                .where(still_open, ItemEvent.from_status.is_(None), ItemEvent.at < moment))
    if location_id is not None:
        weight = weight.where(Donation.location_id == location_id)
        unpacked = unpacked.where(Donation.location_id == location_id)
    return _sum(session, weight) - _sum(session, unpacked)


def _bulk(session: Session, period: Period, location_id: int | None) -> dict:
    """Kilos that left by weight, not as registered items: weigh-outs and bulk material used in lots."""
    outs = (select(BulkWeighOut.grade, func.sum(BulkWeighOut.grams)).where(during(BulkWeighOut.at, period))
            .group_by(BulkWeighOut.grade))
    used = (select(func.sum(BulkMaterial.weight_grams)).join(ProductionLot, ProductionLot.id == BulkMaterial.lot_id)
            .where(during(BulkMaterial.at, period)))
    if location_id is not None:
        outs = outs.where(BulkWeighOut.location_id == location_id)
        used = used.where(ProductionLot.location_id == location_id)
    found = {WeighOutGrade(grade): int(total or 0) for grade, total in session.execute(outs)}
    return {"recycled": found.get(WeighOutGrade.recycle, 0), "discarded": found.get(WeighOutGrade.discard, 0),
            "redesigned": _sum(session, used)}


def impact(session: Session, *, period: Period, location_id: int | None = None) -> Impact:
    """The period's mass balance: kilos in, out by fate, the change in stock; and the CO2e saved."""
    weighed = (select(func.sum(Donation.weight_grams))
               .where(during(Donation.received_at, period), Donation.weight_grams.is_not(None)))
    if location_id is not None:
        weighed = weighed.where(Donation.location_id == location_id)
    fates, registered, from_unweighed = _item_moves(session, period, location_id)
    bulk = _bulk(session, period, location_id)
    factor = co2e_factor(session)
    return Impact(
        collected_grams=_sum(session, weighed) + from_unweighed,
        reused_sold_grams=fates["sold"],
        reused_material_grams=fates["redesigned"] + bulk["redesigned"],
        recycled_grams=fates["recycled"] + bulk["recycled"],
        discarded_grams=fates["discarded"] + bulk["discarded"],
        items_stock_change_grams=registered - sum(fates.values()),
        waiting_stock_change_grams=(_waiting(session, period.end_utc, location_id)
                                    - _waiting(session, period.start_utc, location_id)),
        co2e_factor=factor.kg_per_kg, co2e_factor_source=factor.source)
