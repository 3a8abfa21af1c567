"""The read side of counts and transfers: what each line found, the lists to settle, the figures."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from boutique.core import clock
from boutique.items.models import Item
from boutique.places.models import Location
from boutique.sales.cart_models import CartLine
from boutique.stock.findings import (
    COUNT_MISSING_CHOICES,
    TRANSFER_MISSING_CHOICES,
    Finding,
    found_finding,
    settle_choices,
    unseen_finding,
)
from boutique.stock.models import CountStatus, Settlement, Stocktake, StocktakeLine, Transfer, TransferLine
from boutique.stock.transfers import line_finding


def _with_place_and_category():
    return selectinload(Item.category), selectinload(Item.location)


@dataclass
class Tally:
    """Items, their asking prices in öre and their weight in grams (for the report's three measures)."""

    items: int = 0
    ore: int = 0
    grams: int = 0

    def add(self, item: Item) -> None:
        self.items += 1
        self.ore += item.price_ore or 0
        self.grams += item.weight_grams or 0

    def __iadd__(self, other: "Tally") -> "Tally":
        self.items, self.ore, self.grams = self.items + other.items, self.ore + other.ore, self.grams + other.grams
        return self


@dataclass
class Row:
    """One line as a review page shows it."""

    line: StocktakeLine | TransferLine
    item: Item
    finding: Finding
    choices: tuple[Settlement, ...]

    @property
    def open(self) -> bool:
        return bool(self.choices) and self.line.settlement is None


@dataclass
class Review:
    missing: list[Row] = field(default_factory=list)  # expected, not found (settled or to settle)
    unexpected: list[Row] = field(default_factory=list)  # found, not expected (or found odd)
    explained: list[Row] = field(default_factory=list)  # not found, but the record says why
    fine: int = 0
    counted: Tally = field(default_factory=Tally)
    missing_tally: Tally = field(default_factory=Tally)
    surplus: Tally = field(default_factory=Tally)

    @property
    def open_count(self) -> int:
        return sum(row.open for row in self.missing + self.unexpected)


def _carted(session: Session, item_ids: list[int]) -> set[int]:
    if not item_ids:
        return set()
    return set(session.scalars(select(CartLine.item_id).where(CartLine.item_id.in_(item_ids))))


def _seen_in_other_counts(session: Session, count: Stocktake) -> set[int]:
    """Items scanned since this count began in another count of the same place (another zone)."""
    return set(session.scalars(select(StocktakeLine.item_id).join(StocktakeLine.stocktake).where(
        Stocktake.location_id == count.location_id, Stocktake.id != count.id,
        StocktakeLine.scanned_at >= count.started_at)))


def _count_lines(session: Session, count: Stocktake) -> list[StocktakeLine]:
    return list(session.scalars(select(StocktakeLine).where(StocktakeLine.stocktake_id == count.id)
                                .options(selectinload(StocktakeLine.item).options(*_with_place_and_category()))
                                .order_by(StocktakeLine.id)))


def live_findings(session: Session, count: Stocktake, lines: list[StocktakeLine]) -> dict[int, Finding]:
    """What each line says by the items' records now (line id -> finding)."""
    carted = _carted(session, [line.item_id for line in lines])
    elsewhere = _seen_in_other_counts(session, count)
    findings = {}
    for line in lines:
        item, scanned = line.item, line.scanned_at is not None
        finder = found_finding if scanned else unseen_finding
        finding = finder(item, place_id=count.location_id, in_cart=item.id in carted)
        if not scanned and item.id in elsewhere:
            finding = Finding.fine  # counted in another zone of the place meanwhile
        findings[line.id] = finding
    return findings


def _finding(line: StocktakeLine, live: Finding) -> Finding:
    """A finished count keeps what it found; only a difference still open follows the item's record (a
    missing item sold since is counted as sold), so an item moved on later is no new difference."""
    if line.finding is None:
        return live
    kept = Finding(line.finding)
    scanned = line.scanned_at is not None
    if line.settlement is None and settle_choices(kept, scanned=scanned, missing=COUNT_MISSING_CHOICES):
        return live
    return kept


def count_review(session: Session, count: Stocktake) -> Review:
    """A count's lines sorted into missing, unexpected, explained and fine, with the report's figures."""
    lines = _count_lines(session, count)
    live = live_findings(session, count, lines)
    review = Review()
    for line in lines:
        item, scanned = line.item, line.scanned_at is not None
        finding = _finding(line, live[line.id])
        row = Row(line, item, finding, settle_choices(finding, scanned=scanned, missing=COUNT_MISSING_CHOICES))
        if scanned:
            review.counted.add(item)
            if not line.expected:
                review.surplus.add(item)
        if finding == Finding.fine and line.settlement is None:
            review.fine += 1
        elif scanned:
            review.unexpected.append(row)
        elif line.settlement is not None or finding == Finding.missing:
            review.missing.append(row)
            if line.settlement != Settlement.found:
                review.missing_tally.add(item)
        else:
            review.explained.append(row)
    return review


def keep_findings(session: Session, count: Stocktake) -> None:
    """Fix what a count found as it finishes."""
    lines = _count_lines(session, count)
    for line_id, finding in live_findings(session, count, lines).items():
        session.get_one(StocktakeLine, line_id).finding = finding.value
    session.flush()


def transfer_review(session: Session, transfer: Transfer) -> Review:
    """A transfer's lines: what did not arrive, what arrived unlisted, and the rest."""
    lines = session.scalars(select(TransferLine).where(TransferLine.transfer_id == transfer.id)
                            .options(selectinload(TransferLine.item).options(*_with_place_and_category()))
                            .order_by(TransferLine.id)).all()
    review = Review()
    for line in lines:
        finding = line_finding(session, transfer, line, line.item)
        scanned_in = line.sent_at is None
        row = Row(line, line.item, finding,
                  settle_choices(finding, scanned=scanned_in, missing=TRANSFER_MISSING_CHOICES))
        if line.sent_at is not None:
            review.counted.add(line.item)
        if finding in (Finding.fine, Finding.in_transit) and line.settlement is None:
            review.fine += 1
        elif scanned_in:
            review.unexpected.append(row)
            review.surplus.add(line.item)
        elif line.settlement is not None or finding == Finding.missing:
            review.missing.append(row)
            review.missing_tally.add(line.item)
        else:
            review.explained.append(row)
    return review


def recent_counts(session: Session, limit: int = 30) -> list[Stocktake]:
    return list(session.scalars(select(Stocktake).options(selectinload(Stocktake.location),
                                                          selectinload(Stocktake.category))
                                .order_by(Stocktake.id.desc()).limit(limit)))


def recent_transfers(session: Session, limit: int = 30) -> list[Transfer]:
    return list(session.scalars(select(Transfer).options(selectinload(Transfer.from_location),
                                                         selectinload(Transfer.to_location))
                                .order_by(Transfer.id.desc()).limit(limit)))


@dataclass
class PlaceDayReport:
    """The stocktake report of one place and day: every count finished there that day, and the totals."""

    location: Location
    day: date
    counts: list[tuple[Stocktake, Review]]
    counted: Tally = field(default_factory=Tally)
    missing: Tally = field(default_factory=Tally)
    surplus: Tally = field(default_factory=Tally)


def place_day_report(session: Session, location: Location, day: date) -> PlaceDayReport:
    start, end = clock.day_range_utc(day, day)
    counts = session.scalars(select(Stocktake).where(
        Stocktake.location_id == location.id, Stocktake.status == CountStatus.finished,
        Stocktake.finished_at >= start, Stocktake.finished_at < end).order_by(Stocktake.id)).all()
    report = PlaceDayReport(location=location, day=day, counts=[(c, count_review(session, c)) for c in counts])
    for _count, review in report.counts:
        report.counted += review.counted
        report.missing += review.missing_tally
        report.surplus += review.surplus
    return report


def report_csv_rows(report: PlaceDayReport):
    """One row per line that is not simply fine, for the CSV."""
    for count, review in report.counts:
        for kind, rows in (("missing", review.missing), ("unexpected", review.unexpected),
                           ("explained", review.explained)):
            for row in rows:
                yield (count.id, count.zone or "", kind, row.item.code, row.item.description or "",
                       row.item.category.code, row.finding.value,
                       row.line.settlement.value if row.line.settlement else "", row.line.reason or "",
                       row.item.price_ore, row.item.weight_grams)


def scanned_lines(session: Session, count: Stocktake) -> int:
    """How many of a count's lines have been scanned so far."""
    return session.scalar(select(func.count(StocktakeLine.id)).where(
        StocktakeLine.stocktake_id == count.id, StocktakeLine.scanned_at.is_not(None)))
