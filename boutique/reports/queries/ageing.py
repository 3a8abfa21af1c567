"""Ageing of the stock on the shelf: items for sale by days since they were (last) priced, in buckets,
with the markdown the category's ladder suggests for each bucket."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session

from boutique.catalog.models import Category
from boutique.items.models import Item, ItemStatus
from boutique.pricing.markdown import parse_ladder
from boutique.reports.queries.sql import day_number, local_date

# (key, first day, last day or None); the days an item has been on the shelf since it was priced.
BUCKETS = (("0-21", 0, 21), ("22-42", 22, 42), ("43-90", 43, 90), ("90+", 91, None))


@dataclass
class AgeingRow:
    category_code: str
    category: str
    bucket: str
    items: int
    asking_ore: int
    oldest_days: int
    suggested_percent: int
    past_ladder: bool  # older than the last step of the ladder: time to move, redesign or recycle


def ladder_percent(ladder, days: int) -> int:
    percent = 0
    for step in ladder:
        if days >= step.after_days:
            percent = step.percent
    return percent


def bucket_case(days):
    return case(*[(days <= last, literal(key)) for key, _, last in BUCKETS if last is not None],
                else_=literal(BUCKETS[-1][0]))


def ageing(session: Session, *, today: date, location_id: int | None = None,
           language: str = "sv") -> list[AgeingRow]:
    """Items for sale per category and age bucket (one GROUP BY over the shelf)."""
    shelf = (select(Item.category_id.label("category_id"), Item.price_ore.label("price"),
                    (day_number(literal(today)) - day_number(local_date(Item.priced_at))).label("days"))
             .where(Item.status == ItemStatus.for_sale, Item.priced_at.is_not(None)))
    if location_id is not None:
        shelf = shelf.where(Item.location_id == location_id)
    shelf = shelf.subquery("shelf")
    bucket = bucket_case(shelf.c.days).label("bucket")
    grouped = (select(shelf.c.category_id, bucket, func.count().label("n"),
                      func.coalesce(func.sum(shelf.c.price), 0).label("asking"), func.max(shelf.c.days).label("oldest"))
               .group_by(shelf.c.category_id, bucket).subquery("grouped"))
    statement = (select(grouped, Category.code, Category.name, Category.name_en, Category.markdown_ladder)
                 .join(Category, Category.id == grouped.c.category_id))
    order = [key for key, _, _ in BUCKETS]
    result = []
    for row in session.execute(statement):
        ladder = parse_ladder(row.markdown_ladder)
        first_day = next(first for key, first, _ in BUCKETS if key == row.bucket)
        result.append(AgeingRow(
            category_code=row.code, category=row.name_en if language == "en" else row.name, bucket=row.bucket,
            items=row.n, asking_ore=int(row.asking), oldest_days=int(row.oldest or 0),
            suggested_percent=ladder_percent(ladder, first_day), past_ladder=row.bucket == BUCKETS[-1][0]))
    result.sort(key=lambda r: (r.category, order.index(r.bucket)))
    return result


def bucket_totals(rows: list[AgeingRow]) -> list[dict]:
    """The buckets over all categories (for the chart), in bucket order, empty buckets included."""
    totals = {key: {"bucket": key, "items": 0, "asking_ore": 0} for key, _, _ in BUCKETS}
    for row in rows:
        totals[row.bucket]["items"] += row.items
        totals[row.bucket]["asking_ore"] += row.asking_ore
    return list(totals.values())
