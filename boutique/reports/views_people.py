"""Sales feedback for students and lots, and participants' records of work."""

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from boutique import clock
from boutique.access import EVERYONE, STAFF, allow
from boutique.auth.models import Role, User
from boutique.errors import Forbidden
from boutique.extensions import db
from boutique.production.services import get_lot_for
from boutique.reports import bp
from boutique.reports.access import (
    check_feedback_access,
    check_record_access,
    feedback_forbidden,
    get_person,
    record_forbidden,
)
from boutique.reports.charts import bar_chart, column_chart
from boutique.reports.forms import FilterForm
from boutique.reports.pages import language, number_text, ratio_filter, read_filters, respond
from boutique.reports.people import (
    category_comparison,
    lots_of,
    products,
    products_made,
    work_per_week,
)
from boutique.reports.selling import Scope
from boutique.reports.tables import Column, Table

STATUS_TEXT = {"for_sale": _l("on the shelf"), "sold": _l("sold")}


def _product_table(items, today) -> Table:
    return Table("products", _l("Products"), [
        Column("code", _l("Code")), Column("description", _l("Product")), Column("category", _l("Category")),
        Column("makers", _l("Made by")), Column("status", _l("Status")),
        Column("first_asking_ore", _l("First asking price"), "ore"), Column("price_ore", _l("Asking price now"), "ore"),
        Column("sold_ore", _l("Sold for"), "ore"), Column("sold_on", _l("Sold on"), "date"),
        Column("days_to_sell", _l("Days to sell"), "int"), Column("age_days", _l("Days on offer, unsold"), "int"),
    ], [{"code": p.code, "description": p.description or "", "category": p.category, "makers": p.makers,
         "status": str(STATUS_TEXT.get(p.status, _("in production"))), "first_asking_ore": p.first_asking_ore,
         "price_ore": p.price_ore, "sold_ore": p.sold_ore, "sold_on": p.sold_on, "days_to_sell": p.days_to_sell,
         "age_days": p.age_days(today)} for p in items])


def _comparison_table(rows) -> Table:
    return Table("comparison", _l("Compared with the shop, same category"), [
        Column("category", _l("Category")), Column("items_sold", _l("Sold"), "int"),
        Column("offered", _l("On offer"), "int"), Column("sell_through", _l("Sell-through"), "ratio"),
        Column("shop_sell_through", _l("Shop sell-through"), "ratio"),
        Column("median_days", _l("Median days to sell"), "days"),
        Column("shop_median_days", _l("Shop median days"), "days"),
        Column("average_price_ore", _l("Average price"), "ore"),
        Column("shop_average_price_ore", _l("Shop average price"), "ore"),
        Column("price_realization", _l("Price realisation"), "ratio"),
        Column("shop_price_realization", _l("Shop price realisation"), "ratio"),
    ], rows)


def _feedback_page(*, title, scope: Scope, name: str, **context):
    form = FilterForm(request.args)
    period, _location, ok = read_filters(form, default_days=365)
    today = clock.sales_day(clock.now())
    items = products(db.session, lot_id=scope.lot_id, maker_id=scope.maker_id, language=language())
    comparison = category_comparison(db.session, period=period, scope=scope, language=language())
    tables = [_product_table(items, today), _comparison_table(comparison)]
    chart = bar_chart(_("Sell-through: these products and the shop"),
                      [(label, value) for row in comparison
                       for label, value in ((row["category"], row["sell_through"]),
                                            (_("%(category)s, shop", category=row["category"]),
                                             row["shop_sell_through"] or 0))],
                      value_text=ratio_filter, maximum=1.0,
                      description=_("For each category: the share of these products that sold, then the shop's."))
    return respond("reports/feedback.html", name=name, tables=tables, ok=ok, form=form, period=period,
                   title=title, chart=chart, **context)


@bp.route("/students")
@allow(EVERYONE)
def students():
    if current_user.role == Role.student:
        return redirect(url_for("reports.student", user_id=current_user.id))
    if current_user.role not in (Role.supervisor, Role.admin):
        raise Forbidden(_l("Sales feedback pages are for students and their supervisors."), code="feedback_forbidden")
    people = db.session.scalars(select(User).where(User.role == Role.student).order_by(User.display_name)).all()
    return render_template("reports/people.html", people=people, endpoint="reports.student",
                           title=_("Sales feedback for students"))


@bp.route("/students/<int:user_id>")
@allow(EVERYONE)
def student(user_id: int):
    person = get_person(db.session, user_id, viewer=current_user, refusal=feedback_forbidden)
    check_feedback_access(current_user, person)
    return _feedback_page(title=_("Sales feedback: %(name)s", name=person.display_name),
                          scope=Scope(maker_id=person.id), name="feedback", person=person,
                          lots=lots_of(db.session, person))


@bp.route("/lots/<int:lot_id>")
@allow(EVERYONE)
def lot(lot_id: int):
    found = get_lot_for(db.session, current_user, lot_id)
    return _feedback_page(title=_("Sales feedback: %(lot)s", lot=found.title), scope=Scope(lot_id=found.id),
                          name=f"lot-{found.id}", lot=found, lots=[])


def _record_people():
    query = select(User).where(User.role != Role.student, User.active.is_(True)).order_by(User.display_name)
    if current_user.role == Role.supervisor:
        query = query.where(User.supervisor_id == current_user.id)
    return db.session.scalars(query).all()


@bp.route("/participants")
@allow(STAFF)
def participants():
    if current_user.role == Role.participant:
        return redirect(url_for("reports.participant", user_id=current_user.id))
    return render_template("reports/people.html", people=_record_people(), endpoint="reports.participant",
                           title=_("Participants' records"))


RECORD_LABELS = {
    "unpacked": _l("Unpacked"), "washed": _l("Washed"), "sorted": _l("Sorted"), "valued": _l("Valued"),
    "priced": _l("Priced"), "used_in_lots": _l("Used in lots"), "sold_items": _l("Sold at the till"),
    "receipts": _l("Receipts"), "lots": _l("Lots worked in"), "hours": _l("Hours in lots"),
}


@bp.route("/participants/<int:user_id>")
@allow(STAFF)
def participant(user_id: int):
    person = get_person(db.session, user_id, viewer=current_user, refusal=record_forbidden)
    check_record_access(current_user, person)
    form = FilterForm(request.args)
    period, _location, ok = read_filters(form, default_days=84)
    weeks = work_per_week(db.session, person=person, period=period)
    for week in weeks:
        week["hours"] = round(week.pop("minutes") / 60, 1)
    columns = [Column("week", _l("Week starting"), "date")] + [
        Column(key, label, "days" if key == "hours" else "int") for key, label in RECORD_LABELS.items()]
    tables = [Table("weeks", _l("Work per week"), columns, weeks)]
    steps = ("unpacked", "washed", "sorted", "valued", "priced", "sold_items")
    chart = column_chart(_("Steps done per week"),
                         [(w["week"].strftime("%d/%m"), sum(w[key] for key in steps)) for w in weeks],
                         value_text=number_text,
                         description=_("Items unpacked, washed, sorted, valued, priced and sold, per week."))
    return respond("reports/participant.html", name="record", tables=tables, ok=ok, form=form, period=period,
                   person=person, chart=chart, lots=lots_of(db.session, person),
                   products_made=products_made(db.session, person=person))
