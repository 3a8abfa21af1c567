"""The daily till summary (kassarapport): the Z-reports of a period and a printable, signed-off page for
each; and the SIE 4I download for bookkeeping."""

from flask import render_template, request
from flask_babel import lazy_gettext as _l

from boutique.core.errors import DomainError, NotFound
from boutique.core.limits import may_be_row_id
from boutique.exports.sie import fiscal_year, sie_response, vouchers
from boutique.extensions import db
from boutique.places.models import Location
from boutique.places.settings import get_setting
from boutique.reports import bp
from boutique.reports.pages import read_filters, respond
from boutique.reports.queries.till_days import closed_days
from boutique.sales.day_models import ZReport
from boutique.sales.labels import METHOD_LABELS
from boutique.web.access import MANAGERS, STAFF, allow
from boutique.web.tables import Column, Table
from boutique.web.view_transactions import lock_at_first_write, reads_only


@bp.route("/till")
@allow(STAFF)
@reads_only
def till_days():
    form, period, location_id, ok = read_filters()
    reports = closed_days(db.session, period=period, location_id=location_id)
    table = Table("z_reports", _l("Closed till days"), [
        Column("business_date", _l("Day"), "date"), Column("till", _l("Till")),
        Column("z_number", _l("Z number"), "int", show=False),  # on the kassarapport and in the CSV
        Column("receipts", _l("Receipts"), "int"), Column("net_ore", _l("Net sales"), "ore"),
        Column("cash_ore", _l("Cash"), "ore"), Column("card_ore", _l("Card"), "ore"),
        Column("swish_ore", _l("Swish"), "ore"), Column("variance_ore", _l("Cash variance"), "ore"),
    ], [{"id": z.id, "business_date": z.business_date, "till": z.till_code, "z_number": z.z_number,
         "receipts": z.receipts_count, "net_ore": z.net_ore, "cash_ore": z.cash_ore, "card_ore": z.card_ore,
         "swish_ore": z.swish_ore, "variance_ore": z.variance_ore} for z in reports])
    return respond("reports/till_days.html", name="till-days", tables=[table], ok=ok, form=form, period=period)


@bp.route("/till/<int:z_report_id>")
@allow(STAFF)
@reads_only
def till_day(z_report_id: int):
    report = db.session.get(ZReport, z_report_id) if may_be_row_id(z_report_id) else None
    if report is None:
        raise NotFound(_l("No such Z-report."), code="z_report_not_found")
    location = db.session.get(Location, report.till.location_id)
    return render_template("reports/till_day.html", z=report, location=location,
                           org_name=get_setting(db.session, "org_name"),
                           org_number=get_setting(db.session, "org_number"), methods=METHOD_LABELS)


@bp.route("/sie")
@allow(MANAGERS)
@lock_at_first_write
def sie():
    """The vouchers a download would hold, with a warning naming the days exported before; the download."""
    form, period, _location, ok = read_filters(default_days=1)
    problem = None
    if ok:
        try:
            fiscal_year(db.session, period)
        except DomainError as error:
            problem, ok = str(error.message), False
    if ok and request.args.get("download"):
        return sie_response(period)
    found = vouchers(db.session, period=period) if ok else []
    table = Table("vouchers", _l("Vouchers in the file"), [
        Column("voucher", _l("Voucher")), Column("day", _l("Day"), "date"), Column("text", _l("Text")),
        Column("debit_ore", _l("Debit = credit"), "ore"), Column("exports", _l("Exported before"), "int")],
        [{"voucher": v.identity or _l("new"), "day": v.day, "text": v.text,
          "debit_ore": sum(amount for _, amount in v.lines if amount > 0),
          "exports": v.record.exports_count if v.record else 0} for v in found])
    return respond("reports/sie.html", name="sie", tables=[table], ok=ok, form=form, period=period,
                   problem=problem, reexported=[v for v in found if v.record is not None])
