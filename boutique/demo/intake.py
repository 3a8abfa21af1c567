"""Donations for the demo goods that are made outside the pipeline's story (the shop's stock sold over four
weeks, a lot's material), so that every kilo the demo sells, uses or throws away came in by a donation
and the impact report's mass balance adds up over the demo's whole history."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy.orm import Session

from boutique.core import clock
from boutique.donations.models import Donation, DonationSource
from boutique.items.models import Item
from boutique.reports.queries.weights import typical_by_category


def items_grams(session: Session, items: list[Item]) -> int:
    """What the impact report will count for these items: each one's own weight, else its typical one."""
    typical = typical_by_category(session)
    return sum(item.weight_grams or typical[item.category_id] for item in items)


def donated(session: Session, items: list[Item], *, received_at: datetime, by_user_id: int | None,
            note: str, loose_grams: int = 0, source: DonationSource = DonationSource.drop_off) -> Donation:
    """One donation that the ``items`` were unpacked from, weighing them plus ``loose_grams`` (goods that
    leave by weight, e.g. a lot's bulk material), rounded to the door scale's 250 g."""
    grams = items_grams(session, items) + loose_grams
    unpacked = max([received_at, *(item.events[0].at for item in items if item.events)])
    donation = Donation(source=source, location_id=items[0].location_id, received_at=received_at,
                        received_by_id=by_user_id, weight_grams=max(250, round(grams / 250) * 250),
                        bags=max(1, len(items) // 6), note=note, created_at=received_at, unpacked_at=unpacked)
    session.add(donation)
    session.flush()
    for item in items:
        item.donation_id = donation.id
    return donation


def week_of(moment: datetime) -> datetime:
    """The Tuesday 10:00 (Stockholm) on or before ``moment``: the shop's stock came in weekly, on the first
    open day of the week."""
    local = moment.astimezone(clock.STOCKHOLM) - timedelta(days=1, hours=10)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime.combine(monday + timedelta(days=1), time(10), tzinfo=clock.STOCKHOLM).astimezone(UTC)
