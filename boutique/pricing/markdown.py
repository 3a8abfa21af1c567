"""The markdown ladder: an item's price falls with its age on the shelf (colour-tag style).

The asking price stays as set; the till applies the markdown at sale time and labels show the
colour of the period the item was priced in, so a sign can say "yellow tags -50 %".
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from boutique.core import clock
from boutique.core.money import markdown_price


@dataclass(frozen=True)
class Step:
    after_days: int
    percent: int


@dataclass(frozen=True)
class TagColour:
    key: str
    label: object
    hex: str


DEFAULT_LADDER: tuple[Step, ...] = (Step(21, 25), Step(42, 50))
# Three-week periods, each with its own tag colour; five colours cover 15 weeks before one repeats.
PERIOD_DAYS = 21
TAG_COLOURS: tuple[TagColour, ...] = (
    TagColour("yellow", _l("yellow"), "#f2c500"),
    TagColour("blue", _l("blue"), "#1f6fd1"),
    TagColour("green", _l("green"), "#2e9b4e"),
    TagColour("pink", _l("pink"), "#e0529c"),
    TagColour("orange", _l("orange"), "#f07f1a"),
)
_EPOCH = date(2024, 1, 1)  # a Monday; periods start on Mondays


@dataclass(frozen=True)
class ShelfPrice:
    asking_ore: int
    price_ore: int  # what the till charges today
    percent: int  # markdown applied (0 when none)
    days_on_shelf: int
    tag: TagColour

    @property
    def is_marked_down(self) -> bool:
        return self.price_ore < self.asking_ore


def parse_ladder(raw) -> tuple[Step, ...]:
    """A ladder from stored JSON (``[[21, 25], [42, 50]]``); ``None`` means the shop default."""
    if raw is None:
        return DEFAULT_LADDER
    steps = sorted((Step(int(days), int(percent)) for days, percent in raw), key=lambda s: s.after_days)
    if any(not (0 < s.percent < 100) or s.after_days < 1 for s in steps):
        raise ValueError("a ladder step is 1-99 % after at least one day")
    return tuple(steps)


def tag_colour(priced_on: date) -> TagColour:
    period = (priced_on - _EPOCH).days // PERIOD_DAYS
    return TAG_COLOURS[period % len(TAG_COLOURS)]


def shelf_price(*, asking_ore: int, priced_at: datetime, ladder: tuple[Step, ...] = DEFAULT_LADDER,
                exempt: bool = False, floor_ore: int | None = None, at: datetime | None = None) -> ShelfPrice:
    """Today's price of an item priced at ``priced_at`` (Stockholm days on the shelf)."""
    today = clock.sales_day(at or clock.now())
    priced_on = clock.sales_day(priced_at)
    days = max(0, (today - priced_on).days)
    percent = 0
    if not exempt:
        for step in ladder:
            if days >= step.after_days:
                percent = step.percent
    price = markdown_price(asking_ore, percent) if percent else asking_ore
    if floor_ore is not None:
        price = max(price, min(floor_ore, asking_ore))
    return ShelfPrice(asking_ore=asking_ore, price_ore=price, percent=percent, days_on_shelf=days,
                      tag=tag_colour(priced_on))


def item_shelf_price(item, at: datetime | None = None) -> ShelfPrice | None:
    """The shelf price of an item that has an asking price, using its category's ladder."""
    if item.price_ore is None or item.priced_at is None:
        return None
    return shelf_price(asking_ore=item.price_ore, priced_at=item.priced_at,
                       ladder=parse_ladder(item.category.markdown_ladder),
                       exempt=item.markdown_exempt, floor_ore=item.floor_price_ore, at=at)
