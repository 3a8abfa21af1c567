"""Environmental impact and the pipeline's flow: kilos in and out, items and kilos per stage per week,
and lead times between stages. Sums and medians in SQL.

- collected: the weight of donations received in the period.
- recycled / discarded: bulk weigh-outs of that grade in the period, plus the weight of items sorted
  to recycling / discard in the period.
- reused: the weight of items sold in the period (sold as is), plus material consumed into production
  lots in the period (scanned items and bulk material by weight). A lot's product is not counted
  again when it is sold: its material was counted when the lot used it.
- An item's weight is its own ``weight_grams``, else its category's typical weight (reports/weights.py).
- reuse rate = reused / collected (0 when nothing was collected); CO2e saved = reused × the factor.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session

from boutique.donations.models import Donation
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.pipeline.models import BulkWeighOut, WeighOutGrade
from boutique.production.models import BulkMaterial, ProductionLot
from boutique.reports.periods import Period
from boutique.reports.selling import active_sale_line
from boutique.reports.settings import co2e_factor
from boutique.reports.sql import days_between, local_date, medians, ratio, rounded, week_start
from boutique.reports.weights import item_grams
from boutique.sales.models import Sale, SaleLine

SORT_EVENTS = ("sorted", "repaired")


@dataclass(frozen=True)
class Impact:
    collected_grams: int
    reused_sold_grams: int
    reused_material_grams: int
    recycled_grams: int
    discarded_grams: int
    co2e_factor: Decimal
    co2e_factor_source: str

    @property
    def reused_grams(self) -> int:
        return self.reused_sold_grams + self.reused_material_grams

    @property
    def reuse_rate(self) -> float:
        return ratio(self.reused_grams, self.collected_grams)

    @property
    def co2e_saved_grams(self) -> int:
        return int((Decimal(self.reused_grams) * self.co2e_factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _in(column, period: Period):
    return and_(column >= period.start_utc, column < period.end_utc)


def _sum(session: Session, query) -> int:
    return int(session.scalar(query) or 0)


def _sorted_to(session: Session, period: Period, status: ItemStatus, location_id: int | None) -> int:
    grams = item_grams(session, Item.weight_grams, Item.category_id)
    query = (select(func.sum(grams)).select_from(ItemEvent).join(Item, Item.id == ItemEvent.item_id)
             .where(ItemEvent.event.in_(SORT_EVENTS), ItemEvent.to_status == status, _in(ItemEvent.at, period)))
    if location_id is not None:
        query = query.where(Item.location_id == location_id)
    return _sum(session, query)


def _weighed_out(session: Session, period: Period, grade: WeighOutGrade, location_id: int | None) -> int:
    query = select(func.sum(BulkWeighOut.grams)).where(BulkWeighOut.grade == grade, _in(BulkWeighOut.at, period))
    if location_id is not None:
        query = query.where(BulkWeighOut.location_id == location_id)
    return _sum(session, query)


def impact(session: Session, *, period: Period, location_id: int | None = None) -> Impact:
    """The period's kilos collected, reused, recycled and discarded, and the CO2e saved."""
    collected = select(func.sum(Donation.weight_grams)).where(_in(Donation.received_at, period))
    if location_id is not None:
        collected = collected.where(Donation.location_id == location_id)
    grams = item_grams(session, Item.weight_grams, Item.category_id)
    sold = (select(func.sum(grams)).select_from(SaleLine).join(Sale, Sale.id == SaleLine.sale_id)
            .join(Item, Item.id == SaleLine.item_id)
            .where(active_sale_line(), Sale.sales_day.between(period.first, period.last), Item.lot_id.is_(None)))
    consumed = (select(func.sum(grams)).select_from(ItemEvent).join(Item, Item.id == ItemEvent.item_id)
                .where(ItemEvent.event == "consumed", _in(ItemEvent.at, period)))
    bulk = (select(func.sum(BulkMaterial.weight_grams)).join(ProductionLot, ProductionLot.id == BulkMaterial.lot_id)
            .where(_in(BulkMaterial.at, period)))
    if location_id is not None:
        sold = sold.where(Item.location_id == location_id)
        consumed = consumed.where(ItemEvent.location_id == location_id)
        bulk = bulk.where(ProductionLot.location_id == location_id)
    factor = co2e_factor(session)
    return Impact(
        collected_grams=_sum(session, collected),
        reused_sold_grams=_sum(session, sold),
        reused_material_grams=_sum(session, consumed) + _sum(session, bulk),
        recycled_grams=_weighed_out(session, period, WeighOutGrade.recycle, location_id)
        + _sorted_to(session, period, ItemStatus.recycled, location_id),
        discarded_grams=_weighed_out(session, period, WeighOutGrade.discard, location_id)
        + _sorted_to(session, period, ItemStatus.discarded, location_id),
        co2e_factor=factor.kg_per_kg, co2e_factor_source=factor.source)


# The stages of the pipeline as events in items' histories, in the order the work flows.
STAGES = (
    ("received", ("received",)),
    ("washed", ("washed", "wash_skipped")),
    ("sorted", SORT_EVENTS),
    ("valued", ("valued",)),
    ("priced", ("priced",)),
    ("sold", ("sold",)),
    ("consumed", ("consumed",)),
)
_STAGE_OF = {event: stage for stage, events in STAGES for event in events}


def stages_per_week(session: Session, *, period: Period, location_id: int | None = None) -> list[dict]:
    """Per week and stage: how many items passed it and their kilos (typical weights where unweighed)."""
    stage = case(*[(ItemEvent.event.in_(events), name) for name, events in STAGES]).label("stage")
    grams = item_grams(session, Item.weight_grams, Item.category_id)
    inner = (select(local_date(ItemEvent.at).label("day"), stage, grams.label("grams"))
             .join(Item, Item.id == ItemEvent.item_id)
             .where(ItemEvent.event.in_(list(_STAGE_OF)), _in(ItemEvent.at, period)))
    if location_id is not None:
        inner = inner.where(ItemEvent.location_id == location_id)
    inner = inner.subquery("staged")
    week = week_start(inner.c.day).label("week")
    query = (select(week, inner.c.stage, func.count().label("n"), func.sum(inner.c.grams).label("grams"))
             .group_by(week, inner.c.stage).order_by(week))
    weeks: dict = {}
    for row in session.execute(query):
        entry = weeks.setdefault(row.week, {"week": row.week, **{f"{name}_items": 0 for name, _ in STAGES},
                                            **{f"{name}_grams": 0 for name, _ in STAGES}})
        entry[f"{row.stage}_items"] = int(row.n)
        entry[f"{row.stage}_grams"] = int(row.grams or 0)
    return [weeks[key] for key in sorted(weeks)]


# (key, from stage events, to stage events): lead times measured to the later step.
LEADS = (
    ("received_sorted", ("received",), SORT_EVENTS),
    ("sorted_priced", SORT_EVENTS, ("priced",)),
    ("priced_sold", ("priced",), ("sold",)),
    ("received_sold", ("received",), ("sold",)),
)


def lead_times(session: Session, *, period: Period, location_id: int | None = None) -> list[dict]:
    """Median and mean days between stages, for items that reached the later stage in the period
    (first occurrence of each stage in the item's history)."""
    firsts = [func.min(case((ItemEvent.event.in_(events), ItemEvent.at))).label(name)
              for name, events in (("received", ("received",)), ("sorted", SORT_EVENTS), ("priced", ("priced",)),
                                   ("sold", ("sold",)))]
    touched = select(ItemEvent.item_id).where(ItemEvent.event.in_(["sorted", "repaired", "priced", "sold"]),
                                              _in(ItemEvent.at, period))
    if location_id is not None:
        touched = touched.where(ItemEvent.location_id == location_id)
    per_item = (select(ItemEvent.item_id, *firsts).where(ItemEvent.item_id.in_(touched))
                .group_by(ItemEvent.item_id).subquery("per_item"))
    result = []
    for key, start, end in LEADS:
        first_col, last_col = per_item.c[_name(start)], per_item.c[_name(end)]
        spans = (select(literal(key).label("k"),
                        days_between(first_col, last_col).label("d"))
                 .where(first_col.is_not(None), last_col.is_not(None), last_col >= first_col,
                        _in(last_col, period)).subquery(f"span_{key}"))
        totals = session.execute(select(func.count(), func.avg(spans.c.d))).one()
        median = session.execute(medians(spans, "k", "d")).first()
        result.append({"key": key, "items": int(totals[0] or 0), "mean_days": rounded(totals[1]),
                       "median_days": rounded(median.median) if median else None})
    return result


def _name(events: tuple) -> str:
    return {"received": "received", "priced": "priced", "sold": "sold"}.get(events[0], "sorted")

