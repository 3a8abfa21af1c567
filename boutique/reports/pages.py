"""What every report page does: read the filters, answer ``?csv=<table>`` with that table's CSV,
otherwise render the page with its tables and charts."""

import functools
from datetime import timedelta
from typing import NamedTuple

from babel.numbers import format_decimal
from flask import redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from boutique.core import clock
from boutique.core.errors import DomainError
from boutique.core.periods import Period, parse_period
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.places.models import Location
from boutique.reports import bp
from boutique.reports.charts import Bar
from boutique.reports.forms import FilterForm
from boutique.reports.queries.selling import TREND_MIN
from boutique.reports.visibility import location_id_for
from boutique.web.tables import Table


def language() -> str:
    return str(get_locale())


class Filters(NamedTuple):
    form: FilterForm
    period: Period
    location_id: int | None
    ok: bool


def read_filters(form_class: type[FilterForm] = FilterForm, *, default_days: int = 30) -> Filters:
    """The filter form from the query string, with the period and location it names; on bad input the
    default period and ``ok=False`` (the page shows the errors and answers 422)."""
    form = form_class(request.args)
    form.location.choices = [SelectChoice(value="", label="—")] + [
        SelectChoice(value=code, label=name) for code, name in db.session.execute(
            select(Location.code, Location.name).where(Location.active.is_(True)).order_by(Location.code))]
    ok = True
    try:
        period = parse_period(form["from"].data, form["to"].data, default_days=default_days)
    except DomainError as error:
        field = form["to"] if error.code == "invalid_period" else form[error.details.get("field", "from")]
        field.errors = [*field.errors, str(error.message)]
        today = clock.sales_day(clock.now())
        period, ok = Period(today - timedelta(days=default_days - 1), today), False
    try:
        location_id = location_id_for(db.session, form.location.data)
    except DomainError as error:
        form.location.errors = [*form.location.errors, str(error.message)]
        location_id, ok = None, False
    form["from"].data, form["to"].data = period.first.isoformat(), period.last.isoformat()
    return Filters(form, period, location_id, ok)


def sends_to_own_page(role: Role, endpoint: str):
    """A list of people's pages that someone of ``role`` may not see: they are sent to their own page."""
    def decorate(view):
        @functools.wraps(view)
        def list_or_own(*args, **kwargs):
            if current_user.role == role:
                return redirect(url_for(endpoint, user_id=current_user.id))
            return view(*args, **kwargs)
        return list_or_own
    return decorate


def respond(template: str, *, name: str, tables: list[Table], ok: bool = True, **context):
    """``?csv=<key>``: that table as CSV; else the page (422 when the filters were invalid)."""
    wanted = request.args.get("csv")
    if wanted:
        for table in tables:
            if table.key == wanted:
                return table.csv_response(name)
    return render_template(template, tables={table.key: table for table in tables}, **context), 200 if ok else 422


@bp.app_template_global()
def csv_url(table_key: str) -> str:
    args = {**request.view_args, **request.args.to_dict(), "csv": table_key}
    return url_for(request.endpoint, **args)


@bp.app_template_filter("ratio")
def ratio_filter(value) -> str:
    """0.6667 → ``66,7 %`` (Swedish format in both languages, like every number)."""
    if value is None:
        return "–"
    return format_decimal(value * 100, format="#,##0.0", locale="sv_SE") + "\u00a0%"


@bp.app_template_filter("days")
def days_filter(value) -> str:
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.#", locale="sv_SE")


def number_text(value) -> str:
    return format_decimal(value or 0, format="#,##0.#", locale="sv_SE")


def counted(value, row, *, sold: bool = False):
    """A bar for a group's figure with the count behind it ("60,0 % · 3 of 5"), pale under ``TREND_MIN``
    items on offer. ``sold``: the figure is about the items sold (price realisation), so their count."""
    few = row.offered < TREND_MIN
    count = (ngettext("%(num)s sold", "%(num)s sold", row.items_sold) if sold else
             _("%(sold)s of %(offered)s", sold=row.items_sold, offered=row.offered))
    return Bar(value, f"{ratio_filter(value)} · {count}{' *' if few else ''}", faint=few)
