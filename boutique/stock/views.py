"""The stock pages: the start page (counts and transfers), and the stocktake report of a place and day."""

from datetime import date

from flask import Response, abort, render_template, request
from flask_babel import gettext as _

from boutique.core import clock
from boutique.extensions import db
from boutique.places.services import get_location
from boutique.stock import bp
from boutique.stock.queries import place_day_report, recent_counts, recent_transfers, report_csv_rows
from boutique.stock.web import count_form, register_globals, transfer_form
from boutique.web.access import EVERYONE, STAFF, allow
from boutique.web.csv import Ore, to_csv
from boutique.web.headers import content_disposition

register_globals(bp)


@bp.get("/")
@allow(STAFF)
def index():
    form = count_form()
    move = transfer_form()
    if request.args.get("place") in {choice.value for choice in form.place.choices}:
        form.place.data = move.source.data = request.args["place"]
    return render_template("stock/index.html", count_form=form, transfer_form=move,
                           counts=recent_counts(db.session), transfers=recent_transfers(db.session),
                           today=clock.sales_day(clock.now()))


def _report():
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        abort(404)
    return place_day_report(db.session, get_location(db.session, request.args.get("place", "")), day)


@bp.get("/report")
@allow(EVERYONE)
def report():
    return render_template("stock/report.html", report=_report())


@bp.get("/report.csv")
@allow(EVERYONE)
def report_csv():
    report = _report()
    header = [_("Count"), _("Zone"), _("List"), _("Code"), _("Description"), _("Category"), _("Finding"),
              _("Settled as"), _("Reason"), _("Price (kr)"), _("Weight (kg)")]
    rows = ((*row[:9], Ore(row[9]) if row[9] is not None else None,
             round(row[10] / 1000, 3) if row[10] is not None else None) for row in report_csv_rows(report))
    response = Response(to_csv(header, rows), content_type="text/csv; charset=utf-8")
    name = f"stocktake-{report.location.code}-{report.day.isoformat()}.csv"
    response.headers["Content-Disposition"] = content_disposition("attachment", name)
    return response
