"""Counting the drawer at close, blind: the counted cash first, then what the day expected."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from boutique.places.models import Till
from boutique.sales.figures import day_figures
from boutique.sales.services.days import open_day, till_closed


@dataclass(frozen=True)
class CashCount:
    counted_ore: int
    expected_ore: int

    @property
    def difference_ore(self) -> int:
        return self.counted_ore - self.expected_ore


def count_cash(session: Session, *, till: Till, counted_ore: int) -> CashCount:
    """The counted cash beside what the till's open day expects in the drawer; 409 till_closed."""
    day = open_day(session, till)
    if day is None:
        raise till_closed(till.code)
    return CashCount(counted_ore=counted_ore, expected_ore=day_figures(session, day).expected_cash_ore)
