"""Participants' records of work: per week, for themselves, their supervisor and admins."""

from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from boutique.auth.queries import active_staff
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.reports import bp
from boutique.reports.charts import Series, column_chart
from boutique.reports.pages import number_text, read_filters, respond, sends_to_own_page
from boutique.reports.queries.participants import lots_of, products_made, work_per_week
from boutique.reports.visibility import record_person
from boutique.web.access import STAFF, allow
from boutique.web.tables import Column, Table
from boutique.web.view_transactions import reads_only


def _record_people():
    return active_staff(db.session, supervised_by=current_user.id if current_user.role == Role.supervisor else None)


@bp.route("/participants")
@allow(STAFF)
@reads_only
@sends_to_own_page(Role.participant, "reports.participant")
def participants():
    return render_template("reports/people.html", people=_record_people(), endpoint="reports.participant",
                           title=_("Participants' records"), kind="participants")


RECORD_LABELS = {
    "unpacked": _l("Unpacked"), "washed": _l("Washed"), "sorted": _l("Sorted"), "valued": _l("Valued"),
    "priced": _l("Priced"), "used_in_lots": _l("Used in lots"), "sold_items": _l("Sold at the till"),
    "receipts": _l("Receipts"), "lots": _l("Lots worked in"), "hours": _l("Hours in lots"),
}


@bp.route("/participants/<int:user_id>")
@allow(STAFF)
@reads_only
def participant(user_id: int):
    person = record_person(db.session, user_id, viewer=current_user)
    form, period, _location, ok = read_filters(default_days=84)
    weeks = work_per_week(db.session, person=person, period=period)
    for week in weeks:
        week["hours"] = round(week.pop("minutes") / 60, 1)
    # Receipts and lots go to the CSV only: the page keeps nine columns that fit a laptop and an A4 page.
    columns = [Column("week", _l("Week starting"), "date")] + [
        Column(key, label, "days" if key == "hours" else "int", show=key not in ("receipts", "lots"))
        for key, label in RECORD_LABELS.items()]
    tables = [Table("weeks", _l("Work per week"), columns, weeks)]
    steps = ("unpacked", "washed", "sorted", "valued", "priced", "sold_items")
    chart = column_chart(_("Steps done per week"),
                         [(w["week"].strftime("%d/%m"), sum(w[key] for key in steps)) for w in weeks],
                         series=Series(_("Items unpacked, washed, sorted, valued, priced or sold")),
                         value_text=number_text,
                         description=_("Items unpacked, washed, sorted, valued, priced and sold, per week."))
    return respond("reports/participant.html", name="record", tables=tables, ok=ok, form=form, period=period,
                   person=person, chart=chart, lots=lots_of(db.session, person),
                   products_made=products_made(db.session, person=person))
