"""Counts (stocktakes) over the API: start, scan, pause, resume, finish, settle, and the place-and-day report."""

from datetime import date

from flask import jsonify, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from pydantic import Field

from boutique.api import bp
from boutique.api.common import Body, parse_body
from boutique.api.docs import api_doc
from boutique.api.stock_shapes import CountOut, SettleOut, StockScanOut, StocktakeReportOut, count_json, tally_json
from boutique.api.stock_steps import TAG, ScanIn, SettleIn, answer, scan, settle, step
from boutique.core.errors import InvalidInput
from boutique.extensions import db
from boutique.places.services import get_location
from boutique.stock import counts
from boutique.stock.queries import count_review, place_day_report
from boutique.web.access import EVERYONE, STAFF, allow
from boutique.web.view_transactions import reads_only

# 422 too for a count's or line's id past the database's integer (invalid_value), as for every id route.
STEP_ERRORS = {401, 403, 404, 409, 422}


class CountIn(Body):
    location: str = Field(max_length=16)
    zone: str | None = Field(default=None, max_length=80)
    category: str | None = Field(default=None, max_length=40)


def _count_answer(count, status: int = 200):
    return answer(count_json(count, count_review(db.session, count)), status)


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
@reads_only
@api_doc(summary="A count with its figures and differences", tag=TAG, responses={200: CountOut},
         errors={401, 403, 404, 422})
def get_count(stocktake_id: int):
    return _count_answer(counts.get_count(db.session, stocktake_id))


@bp.post("/stocktakes/<int:stocktake_id>/scan")
@allow(STAFF)
@api_doc(summary="Count one scanned item (several scanners may scan into one count at once)", tag=TAG,
         body=ScanIn, responses={200: StockScanOut}, errors={401, 403, 404, 409, 422})
def scan_count(stocktake_id: int):
    return scan(lambda: counts.get_count(db.session, stocktake_id),
                lambda count, code, user: counts.scan_into_count(db.session, count=count, code=code, by_user=user),
                lambda count: sum(1 for line in count.lines if line.scanned_at is not None))


def _step(stocktake_id: int, service):
    count = counts.get_count(db.session, stocktake_id)
    return step(count, lambda: service(db.session, count=count), _count_answer)


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


@bp.post("/stocktakes/<int:stocktake_id>/lines/<int:line_id>/settle")
@allow(STAFF)
@api_doc(summary="Settle one difference of a finished count with a choice and a reason", tag=TAG, body=SettleIn,
         responses={200: SettleOut}, errors={401, 403, 404, 409, 422},
         description="The item is read again under a lock: one sold meanwhile is counted as sold "
                     "(settled false, finding sold), never lost.")
def settle_count(stocktake_id: int, line_id: int):
    return settle(lambda: counts.get_count(db.session, stocktake_id),
                  lambda count, choice, reason, user: counts.settle_count_line(
                      db.session, count=count, line_id=line_id, choice=choice, reason=reason, by_user=user))


@bp.get("/stocktakes/report")
@allow(EVERYONE)
@reads_only
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
