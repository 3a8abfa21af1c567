"""Sales feedback a student can act on: their products (a lot's, or those they are credited for) beside the
whole shop, group by group, with the counts behind every figure, and what to make more or less of.

A group is compared only when the student has at least ``TREND_MIN`` products on offer in it; below that
the figures are shown with their counts but never called a trend. "Make more of" needs a sell-through at
least ``MARGIN`` above the shop's in the same group, "make less of" one at least ``MARGIN`` below.
"""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from boutique.core.periods import Period
from boutique.reports.queries.selling import TREND_MIN, SalesRow, Scope, sales_report

DIMENSIONS = ("category", "colour", "size", "price_band", "tag")
MARGIN = 0.15


@dataclass
class Comparison:
    """One group (a category, a colour, …): the student's figures beside the shop's."""

    dimension: str
    key: str | None
    label: str | None
    mine: SalesRow
    shop: SalesRow | None

    @property
    def enough(self) -> bool:
        return self.mine.offered >= TREND_MIN

    @property
    def difference(self) -> float | None:
        return None if self.shop is None else self.mine.sell_through - self.shop.sell_through

    def row(self) -> dict:
        """The figures as a table row (mine_*, shop_*)."""
        shop = self.shop
        return {
            "label": self.label, "mine_sold": self.mine.items_sold, "mine_offered": self.mine.offered,
            "mine_sell_through": self.mine.sell_through, "shop_sell_through": shop.sell_through if shop else None,
            "shop_sold": shop.items_sold if shop else None, "shop_offered": shop.offered if shop else None,
            "mine_days": self.mine.median_days_to_sell, "shop_days": shop.median_days_to_sell if shop else None,
            "mine_realisation": self.mine.price_realization if self.mine.items_sold else None,
            "shop_realisation": shop.price_realization if shop and shop.items_sold else None,
            "mine_markdown": self.mine.markdown_depth if self.mine.items_sold else None,
            "shop_markdown": shop.markdown_depth if shop and shop.items_sold else None,
            "few": not self.enough,
        }


def compare(session: Session, *, period: Period, scope: Scope, group_by: str, language: str = "sv",
            shop_scope: Scope | None = None) -> list[Comparison]:
    """Each group the student's products are in, with the shop's figures for the same group."""
    own = sales_report(session, period=period, group_by=group_by, scope=scope, language=language)
    if not own:
        return []
    shop = {row.key: row for row in sales_report(session, period=period, group_by=group_by, scope=shop_scope or Scope(),
                                                 language=language)}
    return [Comparison(group_by, row.key, _label(group_by, row), row, shop.get(row.key)) for row in own]


def _label(group_by: str, row: SalesRow) -> str | None:
    """A group as people read it: a price band in kronor ("100–199 kr")."""
    if group_by == "price_band" and row.key:
        return row.key.replace("-", "–") + " kr"
    return row.label


@dataclass
class Advice:
    make_more: list[Comparison]
    make_less: list[Comparison]
    too_few: list[Comparison]  # groups with fewer than TREND_MIN products on offer


def advise(session: Session, *, period: Period, scope: Scope, language: str = "sv", limit: int = 5) -> Advice:
    """Across categories, colours, sizes, price bands and tags: where the student's products sell clearly
    better or worse than the shop's, with enough of them on offer to say so."""
    found = [c for dimension in DIMENSIONS
             for c in compare(session, period=period, scope=scope, group_by=dimension, language=language)
             if c.key is not None]
    judged = [c for c in found if c.enough and c.difference is not None]
    more = sorted((c for c in judged if c.difference >= MARGIN), key=lambda c: -c.difference)
    less = sorted((c for c in judged if c.difference <= -MARGIN), key=lambda c: c.difference)
    few = sorted((c for c in found if not c.enough), key=lambda c: -c.mine.offered)
    return Advice(more[:limit], less[:limit], few[:limit])


def summary(session: Session, *, period: Period, scope: Scope, language: str = "sv") -> Comparison | None:
    """Everything in scope as one group beside the whole shop."""
    found = compare(session, period=period, scope=scope, group_by="all", language=language)
    return found[0] if found else None
