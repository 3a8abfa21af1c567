"""The JSON shapes of counts and transfers (documented in OpenAPI), and how a review becomes them."""

from datetime import datetime

from pydantic import BaseModel, Field

from boutique.core import clock
from boutique.stock.findings import Finding
from boutique.stock.models import CountStatus, Settlement, Stocktake, Transfer, TransferStatus
from boutique.stock.queries import Review, Row, Tally


class TallyOut(BaseModel):
    items: int
    ore: int = Field(description="the items' asking prices, in öre")
    grams: int


class LineOut(BaseModel):
    id: int
    item: str = Field(description="the item's code")
    finding: Finding
    choices: list[Settlement] = Field(description="how it may be settled; empty when there is nothing to decide")
    settlement: Settlement | None
    reason: str | None


class ReviewOut(BaseModel):
    counted: TallyOut = Field(description="a count: scanned; a transfer: sent")
    missing: TallyOut
    surplus: TallyOut = Field(description="found without being expected (a transfer: arrived unlisted)")
    fine: int
    open_differences: int
    missing_lines: list[LineOut]
    unexpected_lines: list[LineOut]
    explained_lines: list[LineOut]


class CountOut(ReviewOut):
    id: int
    location: str
    zone: str | None
    category: str | None
    status: CountStatus
    started_at: datetime
    finished_at: datetime | None


class TransferOut(ReviewOut):
    id: int
    from_location: str = Field(alias="from")
    to_location: str = Field(alias="to")
    status: TransferStatus
    note: str | None
    created_at: datetime
    sent_at: datetime | None
    received_at: datetime | None


class StockScanOut(BaseModel):
    item: str
    finding: Finding
    again: bool = Field(description="scanned before: nothing new recorded")
    status: str = Field(description="the item's status now")
    location: str = Field(description="the item's place now")
    tally: int


class SettleOut(BaseModel):
    line: LineOut
    settled: bool = Field(description="false: nothing was left to decide (sold meanwhile, or settled already)")


class StocktakeReportOut(BaseModel):
    location: str
    day: str
    counted: TallyOut
    missing: TallyOut
    surplus: TallyOut
    counts: list[CountOut]


def _at(moment: datetime | None) -> str | None:
    return clock.local(moment).isoformat() if moment else None


def tally_json(tally: Tally) -> dict:
    return {"items": tally.items, "ore": tally.ore, "grams": tally.grams}


def line_json(row: Row) -> dict:
    return {"id": row.line.id, "item": row.item.code, "finding": row.finding.value,
            "choices": [choice.value for choice in row.choices] if row.open else [],
            "settlement": row.line.settlement.value if row.line.settlement else None, "reason": row.line.reason}


def review_json(review: Review) -> dict:
    return {"counted": tally_json(review.counted), "missing": tally_json(review.missing_tally),
            "surplus": tally_json(review.surplus), "fine": review.fine, "open_differences": review.open_count,
            "missing_lines": [line_json(row) for row in review.missing],
            "unexpected_lines": [line_json(row) for row in review.unexpected],
            "explained_lines": [line_json(row) for row in review.explained]}


def count_json(count: Stocktake, review: Review) -> dict:
    return {"id": count.id, "location": count.location.code, "zone": count.zone,
            "category": count.category.code if count.category else None, "status": count.status.value,
            "started_at": _at(count.started_at), "finished_at": _at(count.finished_at), **review_json(review)}


def transfer_json(transfer: Transfer, review: Review) -> dict:
    return {"id": transfer.id, "from": transfer.from_location.code, "to": transfer.to_location.code,
            "status": transfer.status.value, "note": transfer.note, "created_at": _at(transfer.created_at),
            "sent_at": _at(transfer.sent_at), "received_at": _at(transfer.received_at), **review_json(review)}
