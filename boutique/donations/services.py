"""Donations: receive a collection, drop-off or pickup, and unpack it into items."""

from collections.abc import Sequence
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from boutique.catalog.models import Category
from boutique.core import clock
from boutique.core.errors import InvalidInput, NotFound
from boutique.core.limits import clean_text, is_whole, may_be_row_id
from boutique.core.units import MAX_GRAMS
from boutique.donations.models import Donation, DonationSource
from boutique.items.models import Item, ItemStatus
from boutique.items.services import issue_codes
from boutique.items.status import record_creation
from boutique.places.models import Location

MAX_UNPACK = 500
MAX_BAGS = 1000


def may_read_donor_notes(viewer) -> bool:
    """Donor notes are for supervisors and admins: a note may hold a donor's name or phone number."""
    return viewer.is_manager


def receive_donation(session: Session, *, source: DonationSource | str, location: Location,
                     by_user_id: int | None, received_at: datetime | None = None,
                     weight_grams: int | None = None, bags: int | None = None,
                     donor_note: str | None = None, note: str | None = None) -> Donation:
    """Register what came in. The donor stays anonymous unless a donor note is given."""
    try:
        source = DonationSource(source)
    except ValueError:
        raise InvalidInput(_l("A donation is a collection, a drop-off or a pickup."), code="invalid_source") from None
    if weight_grams is not None and not is_whole(weight_grams, low=1, high=MAX_GRAMS):
        raise InvalidInput(_l("The weight must be more than zero."), code="invalid_weight")
    if bags is not None and not is_whole(bags, high=MAX_BAGS):
        raise InvalidInput(_l("The number of bags is 0–%(max)s.", max=MAX_BAGS), code="invalid_bags")
    if received_at is not None and received_at.tzinfo is None:
        raise InvalidInput(_l("A time needs its offset, e.g. 2026-11-22T10:00:00+01:00."), code="invalid_time")
    if received_at is not None and received_at > clock.now():
        raise InvalidInput(_l("A donation cannot be received in the future."), code="invalid_time")
    if received_at is not None and received_at.year < 2000:
        raise InvalidInput(_l("A donation cannot be received before the year 2000."), code="invalid_time")
    donation = Donation(source=source, location_id=location.id, received_at=received_at or clock.now(),
                        received_by_id=by_user_id, weight_grams=weight_grams, bags=bags,
                        donor_note=clean_text(donor_note, limit=300, label=_l("Donor note")),
                        note=clean_text(note, limit=1000, label=_l("Note")))
    session.add(donation)
    session.flush()
    return donation


def get_donation(session: Session, donation_id: int) -> Donation:
    donation = session.get(Donation, donation_id) if may_be_row_id(donation_id) else None
    if donation is None:
        raise NotFound(_l("No donation has the number %(id)s.", id=donation_id), code="donation_not_found")
    return donation


def unpack(session: Session, *, donation: Donation, items: Sequence[tuple[Category, str | None]],
           by_user_id: int | None) -> list[Item]:
    """Split a donation into items: each gets its code (one counter call) and a `received` event."""
    if not items:
        raise InvalidInput(_l("Add at least one item."), code="no_items")
    if len(items) > MAX_UNPACK:
        raise InvalidInput(_l("At most %(n)s items at a time.", n=MAX_UNPACK), code="too_many_items")
    descriptions = [clean_text(text, limit=300, label=_l("Description")) for _, text in items]
    codes = issue_codes(session, len(items))
    created = [Item(code=code, status=ItemStatus.received, category=category, description=description,
                    location_id=donation.location_id, donation_id=donation.id)
               for code, (category, _), description in zip(codes, items, descriptions, strict=True)]
    session.add_all(created)
    session.flush()
    record_creation(session, created, event="received", by_user_id=by_user_id,
                    details={"donation_id": donation.id})
    return created


def set_unpacked(session: Session, *, donation: Donation, done: bool = True) -> Donation:
    """Mark a donation as fully unpacked (or open it again to add what was found later)."""
    donation.unpacked_at = clock.now() if done else None
    session.flush()
    return donation
