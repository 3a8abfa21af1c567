"""Counts (stocktakes) over the API: start, scan, pause, resume, finish, settle, and the place-and-day report."""

from datetime import date

from flask import jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from pydantic import Field

from boutique.api import bp
from boutique.api.common import Body, created, parse_body
from boutique.api.docs import api_doc
from boutique.api.stock_shapes import (
    CountOut,
    SettleOut,
    StockScanOut,
    StocktakeReportOut,
    count_json,
    line_json,
    tally_json,
)
from boutique.core.errors import InvalidInput
from boutique.extensions import db
from boutique.places.services import get_location
from boutique.stock import counts
from boutique.stock.findings import MAX_REASON
from boutique.stock.queries import Row, count_review, place_day_report
from boutique.web.access import EVERYONE, STAFF, allow

TAG = "stock"
# 422 too for a count's or line's id past the database's integer (invalid_value), as for every id route.
STEP_ERRORS = {401, 403, 404, 409, 422}
CODE = Field(max_length=40)


class CountIn(Body):
    location: str = Field(max_length=16)
    zone: str | None = Field(default=None, max_length=80)
    category: str | None = Field(default=None, max_length=40)


class ScanIn(Body):
    code: str = CODE


class SettleIn(Body):
    choice: str = Field(max_length=20, description="lost, found, moved_here, back_to_step (a transfer: also returned)")
    reason: str = Field(max_length=MAX_REASON)


def _count_answer(count, status: int = 200):
    payload = count_json(count, count_review(db.session, count))
    return created(payload) if status == 201 else jsonify(payload)


@bp.post("/stocktakes")
@allow(STAFF)
@api_doc(summary="Start a count of a place (or a zone or category of it)", tag=TAG, body=CountIn,
         responses={201: CountOut}, errors={401, 403, 404, 422})
def start_count():
    body = parse_body(CountIn)
    count = counts.start_count(db.session, location_code=body.location, by_user=current_user, zone=body.zone,
                               category_code=body.category)
    db.session.commit()
    return _count_answer(count, 201)


@bp.get("/stocktakes/<int:stocktake_id>")
@allow(EVERYONE)
@api_doc(summary="A count with its figures and differences", tag=TAG, responses={200: CountOut},
         errors={401, 403, 404, 422})
def get_count(stocktake_id: int):
    return _count_answer(counts.get_count(db.session, stocktake_id))


@bp.post("/stocktakes/<int:stocktake_id>/scan")
@allow(STAFF)
@api_doc(summary="Count one scanned item (several scanners may scan into one count at once)", tag=TAG,
         body=ScanIn, responses={200: StockScanOut}, errors={401, 403, 404, 409, 422})
def scan_count(stocktake_id: int):
    body = parse_body(ScanIn)
    count = counts.get_count(db.session, stocktake_id)
    scanned = counts.scan_into_count(db.session, count=count, code=body.code, by_user=current_user)
    db.session.commit()
    tally = sum(1 for line in count.lines if line.scanned_at is not None)
    return jsonify({"item": scanned.item.code, "finding": scanned.finding.value, "again": scanned.again,
                    "status": scanned.item.status.value, "location": scanned.item.location.code, "tally": tally})


def _step(stocktake_id: int, service):
    count = counts.get_count(db.session, stocktake_id)
    service(db.session, count=count)
    db.session.commit()
    return _count_answer(count)


@bp.post("/stocktakes/<int:stocktake_id>/pause")
@allow(STAFF)
@api_doc(summary="Pause a count", tag=TAG, responses={200: CountOut}, errors=STEP_ERRORS)
def pause_count(stocktake_id: int):
    return _step(stocktake_id, counts.pause_count)


@bp.post("/stocktakes/<int:stocktake_id>/resume")
@allow(STAFF)
@api_doc(summary="Resume a paused count", tag=TAG, responses={200: CountOut}, errors=STEP_ERRORS)
def resume_count(stocktake_id: int):
    return _step(stocktake_id, counts.resume_count)


@bp.post("/stocktakes/<int:stocktake_id>/finish")
@allow(STAFF)
@api_doc(summary="Finish the scanning; the differences are listed to settle", tag=TAG, responses={200: CountOut},
         errors={401, 403, 404, 409, 422})
def finish_count(stocktake_id: int):
    return _step(stocktake_id, counts.finish_count)


def settled_json(settled) -> dict:
    """A settled line: once settled (or found to need nothing), it has no choices left."""
    line = settled.line
    return {"line": line_json(Row(line, line.item, settled.finding, ())), "settled": settled.settled}


@bp.post("/stocktakes/<int:stocktake_id>/lines/<int:line_id>/settle")
@allow(STAFF)
@api_doc(summary="Settle one difference of a finished count with a choice and a reason", tag=TAG, body=SettleIn,
         responses={200: SettleOut}, errors={401, 403, 404, 409, 422},
         description="The item is read again under a lock: one sold meanwhile is counted as sold "
                     "(settled false, finding sold), never lost.")
def settle_count(stocktake_id: int, line_id: int):
    body = parse_body(SettleIn)
    count = counts.get_count(db.session, stocktake_id)
    settled = counts.settle_count_line(db.session, count=count, line_id=line_id, choice=body.choice,
                                       reason=body.reason, by_user=current_user)
    db.session.commit()
    return jsonify(settled_json(settled))


@bp.get("/stocktakes/report")
@allow(EVERYONE)
@api_doc(summary="The stocktake report of a place and day: counted, missing and surplus", tag=TAG,
         responses={200: StocktakeReportOut}, errors={401, 403, 404, 422},
         query={"location": {"schema": {"type": "string"}, "required": True},
                "day": {"schema": {"type": "string", "format": "date"}, "required": True}})
def stocktake_report():
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        raise InvalidInput(_l("Give the day as YYYY-MM-DD."), code="invalid_date") from None
    report = place_day_report(db.session, get_location(db.session, request.args.get("location", "")), day)
    return jsonify({"location": report.location.code, "day": report.day.isoformat(),
                    "counted": tally_json(report.counted), "missing": tally_json(report.missing),
                    "surplus": tally_json(report.surplus),
                    "counts": [count_json(count, review) for count, review in report.counts]})
