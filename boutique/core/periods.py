"""A report's period: two Stockholm dates, both inclusive, checked at the edge."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l

from boutique.core import clock
from boutique.core.errors import InvalidInput

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def start_utc(self) -> datetime:
        return clock.day_range_utc(self.first, self.last)[0]

    @property
    def end_utc(self) -> datetime:
        """The first instant after the period (exclusive end)."""
        return clock.day_range_utc(self.first, self.last)[1]

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def parse_date(text: str | None, *, name: str) -> date | None:
    """``YYYY-MM-DD`` (2000–2100) or nothing; anything else is 422 invalid_date."""
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        value = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(_l("%(name)s must be a date written YYYY-MM-DD.", name=name),
                           code="invalid_date", details={"field": name}) from None
    if not EARLIEST <= value <= LATEST:
        raise InvalidInput(_l("%(name)s must be between 2000-01-01 and 2100-12-31.", name=name),
                           code="invalid_date", details={"field": name})
    return value


def parse_period(first: str | None, last: str | None, *, today: date | None = None,
                 default_days: int = DEFAULT_DAYS) -> Period:
    """The period from ``from`` and ``to`` query values; missing ends default to the last 30 days."""
    today = today or clock.sales_day(clock.now())
    first_day = parse_date(first, name="from")
    last_day = parse_date(last, name="to")
    if last_day is None:
        last_day = max(today, first_day) if first_day else today
    if first_day is None:
        first_day = max(EARLIEST, last_day - timedelta(days=default_days - 1))
    if first_day > last_day:
        raise InvalidInput(_l("The period starts after it ends: %(first)s is later than %(last)s.",
                              first=first_day.isoformat(), last=last_day.isoformat()), code="invalid_period")
    return Period(first_day, last_day)
