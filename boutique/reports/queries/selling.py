"""What sells: items sold, revenue, sell-through, days to sell, price realisation and markdown depth,
grouped by one property of the items. Every figure is a SQL aggregate.

Definitions (shown on the report page and in the OpenAPI document):
- items sold: item lines of sale receipts in the period that are not returns, not training and not
  later returned. Manual lines (unlabelled small goods) are not items and are left out of every
  figure here; the daily till summary has them.
- revenue: the sum of those lines' amounts (after markdown and discount), in öre.
- offered: items for sale at some moment of the period: first priced before the period ended and
  not sold (for good) before it began. sell-through = sold / offered.
- days to sell: the sale's day minus the Stockholm day the item was first priced; the median.
- price realisation: sum of sold amounts / sum of the items' first asking prices.
- markdown depth: 1 − shelf prices charged / asking prices at the time of sale (before discounts).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import String, and_, case, cast, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from boutique.auth.models import User
from boutique.catalog.models import Category
from boutique.core.periods import Period
from boutique.items.models import Item, ItemEvent
from boutique.production.models import LotTag, ProductionLot, ProductMaker
from boutique.reports.queries.sql import (
    day_number,
    local_date,
    median_of,
    median_window,
    ratio,
    rounded,
    week_start,
    without_jit,
)
from boutique.sales.models import Sale, SaleLine

GROUPS = ("category", "grade", "colour", "size", "brand", "price_band", "tag", "lot", "maker")
# Fewer items on offer than this in a group, and one sale more or less swings its figures: pages show the
# figure with its count, pale, and never call it a trend.
TREND_MIN = 5
# (lowest öre, key); each band runs to the next one's start.
PRICE_BANDS = ((0, "0-49"), (5000, "50-99"), (10000, "100-199"), (20000, "200-499"), (50000, "500-999"),
               (100000, "1000+"))


@dataclass
class SalesRow:
    key: str | None
    label: str | None
    items_sold: int = 0
    revenue_ore: int = 0
    offered: int = 0
    median_days_to_sell: float | None = None
    asking_ore: int = 0  # first asking prices of the items sold
    realised_ore: int = 0  # what those items sold for
    shelf_asking_ore: int = 0
    shelf_price_ore: int = 0

    @property
    def sell_through(self) -> float:
        return min(1.0, ratio(self.items_sold, self.offered))

    @property
    def price_realization(self) -> float:
        return ratio(self.realised_ore, self.asking_ore)

    @property
    def markdown_depth(self) -> float:
        return ratio(self.shelf_asking_ore - self.shelf_price_ore, self.shelf_asking_ore)

    @property
    def average_price_ore(self) -> int:
        return self.revenue_ore // self.items_sold if self.items_sold else 0


@dataclass(frozen=True)
class Scope:
    """Which items a report looks at: a location, a lot, a maker's products, some categories."""

    location_id: int | None = None
    lot_id: int | None = None
    maker_id: int | None = None

    def conditions(self, item) -> list:
        found = []
        if self.location_id is not None:
            found.append(item.location_id == self.location_id)
        if self.lot_id is not None:
            found.append(item.lot_id == self.lot_id)
        if self.maker_id is not None:
            found.append(exists().where(ProductMaker.item_id == item.id, ProductMaker.user_id == self.maker_id))
        return found


def active_sale_line(line=SaleLine):
    """An item line that still stands: not a return, not training, not returned since."""
    return and_(line.item_id.is_not(None), line.is_return.is_(False), line.training.is_(False),
                line.returned.is_(False))


def first_priced_events():
    """Each item's first ``priced`` event (a grouped subquery to join, cheaper than one lookup per row)."""
    return (select(ItemEvent.item_id.label("item_id"), func.min(ItemEvent.at).label("at"))
            .where(ItemEvent.event == "priced").group_by(ItemEvent.item_id).subquery("first_priced"))


def first_priced_at(item):
    """When the item was first priced: its first ``priced`` event, else its ``priced_at``."""
    first_event = (select(func.min(ItemEvent.at)).where(ItemEvent.item_id == item.id, ItemEvent.event == "priced")
                   .correlate(item).scalar_subquery())
    return func.coalesce(first_event, item.priced_at)


def first_asking_ore(item):
    """The first asking price: ``first_price_ore``, else the first ``priced`` event's price, else today's."""
    from_event = (select(ItemEvent.details["price_ore"].as_integer())
                  .where(ItemEvent.item_id == item.id, ItemEvent.event == "priced")
                  .order_by(ItemEvent.id).limit(1).correlate(item).scalar_subquery())
    return func.coalesce(item.first_price_ore, from_event, item.price_ore)


def price_band(asking):
    whens = [(asking < PRICE_BANDS[i + 1][0], key) for i, (_, key) in enumerate(PRICE_BANDS[:-1])]
    return case(*whens, else_=PRICE_BANDS[-1][1])


def _dimension(query, group_by: str, item, language: str):
    """Add the grouping's joins to ``query``; return it with the key and label expressions."""
    if group_by == "all":  # one row for everything in scope (a summary beside the groups)
        # An expression, not a bare constant: PostgreSQL refuses to GROUP BY a constant.
        everything = case((item.id.is_not(None), literal("all")), else_=literal("all"))
        return query, everything, everything
    if group_by == "category":
        category = aliased(Category)
        query = query.join(category, category.id == item.category_id)
        return query, category.code, category.name_en if language == "en" else category.name
    if group_by in ("grade", "colour", "size", "brand"):
        column = getattr(item, group_by)
        return query, cast(column, String), cast(column, String)
    if group_by == "price_band":
        band = price_band(first_asking_ore(item))
        return query, band, band
    if group_by == "lot":
        lot = aliased(ProductionLot)
        query = query.outerjoin(lot, lot.id == item.lot_id)
        return query, cast(item.lot_id, String), lot.title
    if group_by == "tag":
        tag = aliased(LotTag)
        query = query.join(tag, tag.lot_id == item.lot_id)
        return query, tag.tag, tag.tag
    if group_by == "maker":
        maker, person = aliased(ProductMaker), aliased(User)
        query = query.join(maker, maker.item_id == item.id).join(person, person.id == maker.user_id)
        return query, person.display_name, person.display_name
    raise ValueError(group_by)


def sold_figures(session: Session, *, period: Period, group_by: str, scope: Scope = Scope(),
                 language: str = "sv") -> dict:
    """Per group: items sold, revenue, asking sums and the median days to sell: one statement, one pass
    (the window functions rank each group's days; the GROUP BY sums and picks the middle)."""
    without_jit(session)
    item = aliased(Item)
    first = first_priced_events()
    query = (select().select_from(SaleLine).join(Sale, Sale.id == SaleLine.sale_id)
             .join(item, item.id == SaleLine.item_id).outerjoin(first, first.c.item_id == item.id))
    query, key, label = _dimension(query, group_by, item, language)
    first_at = func.coalesce(first.c.at, item.priced_at)
    sold = query.add_columns(
        key.label("k"), label.label("label"), SaleLine.amount_ore.label("amount"),
        SaleLine.asking_ore.label("line_asking"), SaleLine.price_ore.label("line_price"),
        first_asking_ore(item).label("first_asking"),
        (day_number(Sale.sales_day) - day_number(local_date(first_at))).label("days"),
    ).where(active_sale_line(), Sale.sales_day.between(period.first, period.last),
            *scope.conditions(item)).cte("sold")
    # SQLite would otherwise inline ``days`` (the summer-time arithmetic) at each of its uses.
    sold = sold.prefix_with("MATERIALIZED", dialect="sqlite")
    ranked = select(sold, *median_window(sold.c.days, sold.c.k)).subquery("ranked")
    # The label follows from the key (a category's name, a lot's title), so only the key is grouped.
    statement = (select(ranked.c.k, func.min(ranked.c.label).label("label"), func.count().label("n"),
                        func.sum(ranked.c.amount).label("revenue"), func.sum(ranked.c.first_asking).label("asking"),
                        func.sum(case((ranked.c.first_asking.is_not(None), ranked.c.amount), else_=0))
                        .label("realised"),
                        func.sum(ranked.c.line_asking).label("shelf_asking"),
                        func.sum(ranked.c.line_price).label("shelf_price"),
                        median_of(ranked.c.days, ranked.c.rn, ranked.c.n_values).label("median"))
                 .group_by(ranked.c.k))
    rows = {}
    for row in session.execute(statement):
        rows[row.k] = SalesRow(key=row.k, label=row.label, items_sold=row.n, revenue_ore=int(row.revenue or 0),
                               median_days_to_sell=rounded(row.median), asking_ore=int(row.asking or 0),
                               realised_ore=int(row.realised or 0), shelf_asking_ore=int(row.shelf_asking or 0),
                               shelf_price_ore=int(row.shelf_price or 0))
    return rows


def offered_counts(session: Session, *, period: Period, group_by: str, scope: Scope = Scope(),
                   language: str = "sv") -> dict:
    """Per group: the items for sale at some moment of the period."""
    without_jit(session)
    item = aliased(Item)
    earlier = aliased(SaleLine)
    sold_before = (select(earlier.id).join(Sale, Sale.id == earlier.sale_id)
                   .where(earlier.item_id == item.id, active_sale_line(earlier), Sale.sales_day < period.first)
                   .correlate(item).exists())
    priced_event_before_end = (select(ItemEvent.id).where(ItemEvent.item_id == item.id,
                                                          ItemEvent.event == "priced",
                                                          ItemEvent.at < period.end_utc)
                               .correlate(item).exists())
    query, key, label = _dimension(select().select_from(item), group_by, item, language)
    query = (query.add_columns(key.label("k"), label.label("label"), func.count().label("n"))
             .where(or_(item.priced_at.is_not(None), item.first_price_ore.is_not(None)),
                    or_(item.priced_at < period.end_utc, priced_event_before_end),
                    ~sold_before, *scope.conditions(item))
             .group_by(key, label))
    return {row.k: (row.label, row.n) for row in session.execute(query)}


def sales_report(session: Session, *, period: Period, group_by: str, scope: Scope = Scope(),
                 language: str = "sv") -> list[SalesRow]:
    """The what-sells table: one row per group, most items sold first."""
    if group_by not in (*GROUPS, "all"):
        raise ValueError(group_by)
    rows = sold_figures(session, period=period, group_by=group_by, scope=scope, language=language)
    for key, (label, count) in offered_counts(session, period=period, group_by=group_by, scope=scope,
                                              language=language).items():
        rows.setdefault(key, SalesRow(key=key, label=label)).offered = count
    for row in rows.values():
        row.offered = max(row.offered, row.items_sold)  # an item sold in the period was on offer in it
    order = [band for _, band in PRICE_BANDS]
    if group_by == "price_band":
        return sorted(rows.values(), key=lambda r: order.index(r.key) if r.key in order else len(order))
    return sorted(rows.values(), key=lambda r: (-r.items_sold, -r.offered, r.label or "", r.key or ""))


def weekly_sales(session: Session, *, period: Period, scope: Scope = Scope()) -> list[dict]:
    """Items sold and revenue per week (Monday), and the revenue of manual lines beside them."""
    item = aliased(Item)
    # A gift voucher sold is no goods sold (its line has no item and no category): not "manual" revenue.
    real = and_(SaleLine.is_return.is_(False), SaleLine.training.is_(False), SaleLine.returned.is_(False),
                SaleLine.voucher_id.is_(None))
    week = week_start(Sale.sales_day).label("week")
    is_item = SaleLine.item_id.is_not(None)
    query = (select(week, func.sum(case((is_item, 1), else_=0)).label("items"),
                    func.sum(case((is_item, SaleLine.amount_ore), else_=0)).label("revenue"),
                    func.sum(case((is_item, 0), else_=SaleLine.amount_ore)).label("manual"))
             .select_from(SaleLine).join(Sale, Sale.id == SaleLine.sale_id)
             .outerjoin(item, item.id == SaleLine.item_id)
             .where(real, Sale.sales_day.between(period.first, period.last))
             .group_by(week).order_by(week))
    conditions = scope.conditions(item)
    if conditions:
        query = query.where(is_item, *conditions)
    return [{"week": row.week, "items": int(row.items or 0), "revenue_ore": int(row.revenue or 0),
             "manual_ore": int(row.manual or 0)} for row in session.execute(query)]


def every_week(weeks: list[dict], *, period: Period, since: date | None = None) -> list[dict]:
    """``weekly_sales`` with the weeks that sold nothing filled in as zeros, from the first week with a sale
    (or ``since``, e.g. when the first product was priced) to the period's last week."""
    if not weeks and since is None:
        return []
    known = {row["week"]: row for row in weeks}
    first = max(_monday(period.first), min([*known, *([_monday(since)] if since else [])]))
    found, week = [], first
    while week <= period.last:
        found.append(known.get(week, {"week": week, "items": 0, "revenue_ore": 0, "manual_ore": 0}))
        week += timedelta(days=7)
    return found


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def best_and_slow(rows: list[SalesRow], *, limit: int = 5, min_offered: int = TREND_MIN) -> tuple[list, list]:
    """Best sellers (highest sell-through, then fastest) and slow movers (lowest sell-through, then
    slowest) among groups with enough items on offer to say anything."""
    enough = [row for row in rows if row.offered >= min_offered]
    slow_days = 10**6
    best = sorted(enough, key=lambda r: (-r.sell_through, r.median_days_to_sell or slow_days, -r.items_sold))
    slow = sorted(enough, key=lambda r: (r.sell_through, -(r.median_days_to_sell or 0), -r.offered))
    best = [row for row in best if row.items_sold][:limit]
    slow = [row for row in slow if row not in best][:limit]
    return best, slow

