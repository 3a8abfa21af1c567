"""Typical weights, for items nobody weighed: the impact report counts every item's kilos.

An item's own ``weight_grams`` wins. Otherwise its category's typical weight below, else its
top-level category's, else ``DEFAULT_GRAMS``. Rough averages of second-hand goods as the sorting
tables of Swedish textile collectors use them (a T-shirt ~0.2 kg, jeans ~0.6 kg, a coat ~1.2 kg);
change them here when the shop has weighed its own.
"""

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from boutique.catalog.models import Category

DEFAULT_GRAMS = 400

TYPICAL_GRAMS: dict[str, int] = {
    # top-level categories
    "women": 400, "men": 500, "children": 250, "accessories": 300, "textiles": 800, "interior": 900,
    "new-goods": 300,
    # categories that differ clearly from their parent
    "women-tops": 200, "men-tshirts": 200, "women-jackets": 1000, "men-jackets": 1200, "men-suits": 1000,
    "women-trousers": 500, "men-trousers": 600, "women-knitwear": 450, "men-knitwear": 550,
    "baby": 120, "children-outerwear": 500,
    "jewellery": 50, "belts": 150, "hats": 100, "scarves": 150, "bags": 500, "shoes": 800,
    "bed-linen": 900, "towels": 500, "curtains": 700, "tablecloths": 500, "yarn": 100, "fabric": 600,
    "cushions": 500, "rugs": 2500, "lamps": 1500, "tableware": 700, "decor": 600,
    "new-books": 400,
}


def typical_grams(code: str, parent_code: str | None = None) -> int:
    if code in TYPICAL_GRAMS:
        return TYPICAL_GRAMS[code]
    if parent_code in TYPICAL_GRAMS:
        return TYPICAL_GRAMS[parent_code]
    return DEFAULT_GRAMS


def typical_by_category(session: Session) -> dict[int, int]:
    """Category id -> typical grams, for the few dozen categories the shop has."""
    rows = session.execute(select(Category.id, Category.code, Category.parent_id)).all()
    codes = {row.id: row.code for row in rows}
    return {row.id: typical_grams(row.code, codes.get(row.parent_id)) for row in rows}


def item_grams(session: Session, weight_column, category_column):
    """SQL: the item's own weight, else its category's typical weight (a CASE over category ids)."""
    table = typical_by_category(session)
    if not table:
        return weight_column
    typical = case(table, value=category_column, else_=DEFAULT_GRAMS)
    return case((weight_column.is_not(None), weight_column), else_=typical)
