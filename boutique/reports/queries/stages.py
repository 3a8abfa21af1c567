"""The pipeline's flow: items and kilos per stage per week, and lead times between stages. Sums and
medians in SQL; an item's weight is its own, else its category's typical weight (reports/weights.py)."""

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session

from boutique.core.periods import Period
from boutique.items.models import Item, ItemEvent
from boutique.reports.queries.sql import days_between, during, local_date, medians, rounded, week_start
from boutique.reports.queries.weights import item_grams

SORT_EVENTS = ("sorted", "repaired")


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
             .where(ItemEvent.event.in_(list(_STAGE_OF)), during(ItemEvent.at, period)))
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
                                              during(ItemEvent.at, period))
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
                        during(last_col, period)).subquery(f"span_{key}"))
        totals = session.execute(select(func.count(), func.avg(spans.c.d))).one()
        median = session.execute(medians(spans, "k", "d")).first()
        result.append({"key": key, "items": int(totals[0] or 0), "mean_days": rounded(totals[1]),
                       "median_days": rounded(median.median) if median else None})
    return result


def _name(events: tuple) -> str:
    return {"received": "received", "priced": "priced", "sold": "sold"}.get(events[0], "sorted")

