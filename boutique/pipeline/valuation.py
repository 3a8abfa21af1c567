"""The value suggestion: the median sold price of comparable items, else the category's guide price."""

from dataclasses import dataclass
from statistics import median_low

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boutique.catalog.models import Category
from boutique.items.models import Item
from boutique.sales.models import SaleLine

# Fewer sold comparables than this and the guide price (when there is one) is the better guess.
MIN_COMPARABLES = 3
# Only the most recent sales count: prices drift, and the query stays cheap.
RECENT_SALES = 200


@dataclass(frozen=True)
class Suggestion:
    value_ore: int | None
    comparables: int  # how many sold items the median rests on
    source: str  # "comparables", "guide" or "none"


def sold_prices(session: Session, *, category_id: int, grade, condition: int | None,
                brand: str | None) -> list[int]:
    """What comparable items sold for at the till, newest first: the amount on their sale line (after
    markdown and discount), for sales that stand (not training, not returned)."""
    query = (select(SaleLine.amount_ore)
             .join(Item, Item.id == SaleLine.item_id)
             .where(SaleLine.is_return.is_(False), SaleLine.training.is_(False), SaleLine.returned.is_(False),
                    Item.category_id == category_id, Item.grade == grade)
             .order_by(SaleLine.id.desc())
             .limit(RECENT_SALES))
    if condition is not None:
        query = query.where(Item.condition == condition)
    if brand:
        query = query.where(func.lower(Item.brand) == brand.strip().lower())
    return list(session.scalars(query))


def guide_price(category: Category) -> int | None:
    """The category's guide price, or its parent's (a supervisor may only set the main categories)."""
    while category is not None:
        if category.guide_price_ore is not None:
            return category.guide_price_ore
        category = category.parent
    return None


def suggest_value(session: Session, item: Item) -> Suggestion:
    """A value for ``item`` from what comparable items sold for, falling back to the guide price."""
    prices = sold_prices(session, category_id=item.category_id, grade=item.grade, condition=item.condition,
                         brand=item.brand)
    median = median_low(prices) if prices else None
    if len(prices) >= MIN_COMPARABLES:
        return Suggestion(median, len(prices), "comparables")
    guide = guide_price(item.category)
    if guide is not None:
        return Suggestion(guide, len(prices), "guide")
    if median is not None:
        return Suggestion(median, len(prices), "comparables")
    return Suggestion(None, 0, "none")
