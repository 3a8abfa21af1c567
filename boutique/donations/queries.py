"""Donations for the list and the unpacking screen: item counts per donation and per category."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from boutique.catalog.models import Category
from boutique.donations.models import Donation
from boutique.items.models import Item


@dataclass(frozen=True)
class DonationRow:
    donation: Donation
    items: int


def list_donations(session: Session, *, open_only: bool = False, location_id: int | None = None,
                   limit: int = 200) -> list[DonationRow]:
    """Newest first, each with how many items it has been split into so far."""
    counts = (select(Item.donation_id, func.count(Item.id).label("n"))
              .where(Item.donation_id.is_not(None)).group_by(Item.donation_id).subquery())
    query = (select(Donation, func.coalesce(counts.c.n, 0))
             .outerjoin(counts, counts.c.donation_id == Donation.id)
             .options(selectinload(Donation.location), selectinload(Donation.received_by))
             .order_by(Donation.received_at.desc(), Donation.id.desc()).limit(limit))
    if open_only:
        query = query.where(Donation.unpacked_at.is_(None))
    if location_id:
        query = query.where(Donation.location_id == location_id)
    return [DonationRow(donation, int(n)) for donation, n in session.execute(query)]


def category_counts(session: Session, donation: Donation) -> list[tuple[Category, int]]:
    """How many items of each category a donation has given so far (the unpacking tally)."""
    rows = session.execute(
        select(Category, func.count(Item.id)).join(Item, Item.category_id == Category.id)
        .where(Item.donation_id == donation.id).group_by(Category.id).order_by(func.count(Item.id).desc(),
                                                                               Category.sort_order))
    return [(category, int(n)) for category, n in rows]


def item_count(session: Session, donation: Donation) -> int:
    return session.scalar(select(func.count(Item.id)).where(Item.donation_id == donation.id)) or 0


def recent_items(session: Session, donation: Donation, *, limit: int = 10) -> list[Item]:
    query = (select(Item).where(Item.donation_id == donation.id).options(selectinload(Item.category))
             .order_by(Item.id.desc()).limit(limit))
    return list(session.scalars(query))


def usual_location_id(session: Session, user) -> int | None:
    """Where this person registers donations: their own place (People), else where they registered the
    last one; None when neither is known (the form then asks)."""
    if user.location_id is not None:
        return user.location_id
    return session.scalar(select(Donation.location_id).where(Donation.received_by_id == user.id)
                          .order_by(Donation.received_at.desc(), Donation.id.desc()).limit(1))
