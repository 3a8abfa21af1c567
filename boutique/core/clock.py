"""Time in the boutique: stored in UTC, shown and counted in Europe/Stockholm."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def now() -> datetime:
    return datetime.now(UTC)


def local(moment: datetime) -> datetime:
    return moment.astimezone(STOCKHOLM)


def sales_day(moment: datetime) -> date:
    """The Stockholm calendar date a moment belongs to (a sale at 00:30 local is that day's)."""
    return moment.astimezone(STOCKHOLM).date()


def day_start_utc(day: date) -> datetime:
    """The UTC instant a Stockholm day starts, correct across daylight-saving changes."""
    return datetime.combine(day, time.min, tzinfo=STOCKHOLM).astimezone(UTC)


def day_range_utc(first: date, last: date) -> tuple[datetime, datetime]:
    """[start, end) in UTC covering Stockholm dates ``first`` to ``last`` inclusive."""
    return day_start_utc(first), day_start_utc(last + timedelta(days=1))
