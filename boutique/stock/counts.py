"""Stocktakes: start a count of a place (or a zone or category of it), scan into it, pause, finish, settle."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.catalog.models import Category
from boutique.catalog.services import get_category
from boutique.core import clock
from boutique.core.errors import InvalidInput, NotFound
from boutique.items.models import Item, ItemStatus
from boutique.items.services import get_item
from boutique.places.services import get_location
from boutique.stock.findings import (
    COUNT_MISSING_CHOICES,
    Finding,
    Settled,
    found_finding,
    settle_choices,
    unseen_finding,
)
from boutique.stock.lists import Scanned, numbered, own_line, require, settle_line
from boutique.stock.models import CountStatus, Settlement, Stocktake, StocktakeLine
from boutique.stock.moves import in_a_cart, note, settle_item
from boutique.stock.queries import keep_findings

MAX_ZONE = 80


def get_count(session: Session, stocktake_id: int) -> Stocktake:
    return numbered(session, Stocktake, stocktake_id, NotFound(
        _l("There is no count number %(id)s.", id=stocktake_id), code="stocktake_not_found"))


def category_ids(category: Category | None) -> list[int] | None:
    """A category and its sub-categories (the taxonomy has two levels)."""
    return None if category is None else [category.id, *(child.id for child in category.children)]


def start_count(session: Session, *, location_code: str, by_user: User, zone: str | None = None,
                category_code: str | None = None) -> Stocktake:
    """Start counting a place: the items for sale there now (in the category, if one is given) are expected."""
    location = get_location(session, location_code)
    zone = (zone or "").strip() or None
    if zone and len(zone) > MAX_ZONE:
        raise InvalidInput(_l("A zone is at most %(n)d characters.", n=MAX_ZONE), code="invalid_zone")
    category = get_category(session, category_code) if category_code else None
    count = Stocktake(location_id=location.id, zone=zone, category_id=category.id if category else None,
                      status=CountStatus.counting, started_at=clock.now(), started_by_id=by_user.id)
    session.add(count)
    session.flush()
    query = select(Item.id).where(Item.location_id == location.id, Item.status == ItemStatus.for_sale)
    if category is not None:
        query = query.where(Item.category_id.in_(category_ids(category)))
    session.add_all(StocktakeLine(stocktake_id=count.id, item_id=item_id, expected=True)
                    for item_id in session.scalars(query))
    session.flush()
    return count


REFUSALS = {CountStatus.counting: _l("Count %(id)s is still being counted: finish it first."),
            CountStatus.paused: _l("Count %(id)s is paused: resume it to scan."),
            CountStatus.finished: _l("Count %(id)s is finished.")}


def _require(count: Stocktake, *statuses: CountStatus) -> None:
    require(count, statuses, REFUSALS, "stocktake")


def pause_count(session: Session, *, count: Stocktake) -> None:
    """Stop scanning for now (a break, the end of a shift); nothing is decided."""
    _require(count, CountStatus.counting)
    count.status = CountStatus.paused
    session.flush()


def resume_count(session: Session, *, count: Stocktake) -> None:
    """Scan again into a paused count."""
    _require(count, CountStatus.paused)
    count.status = CountStatus.counting
    session.flush()


def finish_count(session: Session, *, count: Stocktake) -> None:
    """End the scanning; the differences are listed and settled one by one."""
    _require(count, CountStatus.counting, CountStatus.paused)
    count.status, count.finished_at = CountStatus.finished, clock.now()
    keep_findings(session, count)


def scan_into_count(session: Session, *, count: Stocktake, code: str, by_user: User) -> Scanned:
    """Count one scanned item. Several people scan into one count at once: an item counted twice is
    counted once, and the second scan is told so."""
    _require(count, CountStatus.counting)
    item = get_item(session, code)
    moment = clock.now()
    took = session.execute(update(StocktakeLine).where(
        StocktakeLine.stocktake_id == count.id, StocktakeLine.item_id == item.id,
        StocktakeLine.scanned_at.is_(None)).values(scanned_at=moment, scanned_by_id=by_user.id)).rowcount
    again = False
    if not took:
        try:
            with session.begin_nested():
                session.add(StocktakeLine(stocktake_id=count.id, item_id=item.id, expected=False,
                                          scanned_at=moment, scanned_by_id=by_user.id))
        except IntegrityError:  # on the list already: expected and scanned, or scanned by someone else
            again = True
    line = session.scalars(select(StocktakeLine).where(StocktakeLine.stocktake_id == count.id,
                                                       StocktakeLine.item_id == item.id)
                           .execution_options(populate_existing=True)).one()
    if not again:
        note(session, item, by_user_id=by_user.id, details={"stocktake_id": count.id}, location_id=count.location_id)
    finding = found_finding(item, place_id=count.location_id, in_cart=in_a_cart(session, item.id))
    return Scanned(item=item, line=line, finding=finding, again=again)


def settle_count_line(session: Session, *, count: Stocktake, line_id: int, choice: Settlement | str,
                      reason: str, by_user: User) -> Settled:
    """Settle one difference of a finished count with a choice and a reason. The item is read again
    under a lock: if it was sold (or settled) meanwhile, there is nothing left to decide."""
    _require(count, CountStatus.finished)
    line = own_line(session, StocktakeLine, line_id, belongs=lambda line: line.stocktake_id == count.id,
                    missing=_l("Count %(id)s has no such line.", id=count.id))

    def judge(item: Item) -> tuple[Finding, tuple[Settlement, ...]]:
        scanned = line.scanned_at is not None
        finder = found_finding if scanned else unseen_finding
        finding = finder(item, place_id=count.location_id, in_cart=in_a_cart(session, item.id))
        kept = Finding(line.finding) if line.finding else finding
        if not settle_choices(kept, scanned=scanned, missing=COUNT_MISSING_CHOICES):
            return kept, ()  # no difference when the count finished
        return finding, settle_choices(finding, scanned=scanned, missing=COUNT_MISSING_CHOICES)

    def apply(item: Item, choice: Settlement, reason: str) -> None:
        settle_item(session, item, choice=choice, place_id=count.location_id, by_user_id=by_user.id,
                    details={"stocktake_id": count.id, "reason": reason})

    return settle_line(session, line, choice=choice, reason=reason, by_user=by_user, judge=judge, apply=apply)
