"""Sales feedback for a student and for a lot: how each product sold, the products beside the shop group by
group, what to make more or less of, and sales over time."""

from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from boutique.auth.queries import all_students
from boutique.core import clock
from boutique.core.errors import Forbidden
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.production.services import get_lot_for
from boutique.reports import bp
from boutique.reports.charts import MINE, SHOP, Bar, Series, bar_chart, column_chart
from boutique.reports.forms import GROUP_LABELS, FeedbackFilterForm
from boutique.reports.pages import (
    counted,
    language,
    number_text,
    ratio_filter,
    read_filters,
    respond,
    sends_to_own_page,
)
from boutique.reports.queries.feedback import DIMENSIONS, MARGIN, advise, compare, summary
from boutique.reports.queries.participants import lots_of, products
from boutique.reports.queries.selling import TREND_MIN, Scope, every_week, weekly_sales
from boutique.reports.visibility import feedback_student
from boutique.web.access import EVERYONE, allow
from boutique.web.tables import Column, Table
from boutique.web.view_transactions import reads_only

STATUS_TEXT = {"for_sale": _l("on the shelf"), "sold": _l("sold")}
DIMENSION_LABELS = {"category": _l("category"), "colour": _l("colour"), "size": _l("size"),
                    "price_band": _l("price band"), "tag": _l("tag")}


def _product_table(items, today) -> Table:
    """Seven columns on the page; the CSV keeps code, dates and both prices apart."""
    rows = []
    for p in items:
        status = str(STATUS_TEXT.get(p.status, _("in production")))
        rows.append({
            "product": [p.description or p.code, p.code if p.description else ""], "code": p.code,
            "description": p.description or "", "category": p.category, "makers": p.makers,
            "state": [status, p.sold_on.isoformat() if p.sold_on else ""], "status": status,
            "first_asking_ore": p.first_asking_ore, "price_ore": p.price_ore, "sold_ore": p.sold_ore,
            "sold_on": p.sold_on, "days_to_sell": p.days_to_sell, "age_days": p.age_days(today),
            "days": p.days_to_sell if p.sold_on else p.age_days(today)})
    return Table("products", _l("Products"), [
        Column("product", _l("Product"), "lines", csv=False), Column("code", _l("Code"), show=False),
        Column("description", _l("Product"), show=False), Column("category", _l("Category")),
        Column("makers", _l("Made by")), Column("state", _l("Status"), "lines", csv=False),
        Column("status", _l("Status"), show=False),
        Column("first_asking_ore", _l("First asking price"), "ore"),
        Column("price_ore", _l("Asking price now"), "ore", show=False), Column("sold_ore", _l("Sold for"), "ore"),
        Column("sold_on", _l("Sold on"), "date", show=False),
        Column("days", _l("Days to sell (unsold: days on offer)"), "int", csv=False),
        Column("days_to_sell", _l("Days to sell"), "int", show=False),
        Column("age_days", _l("Days on offer, unsold"), "int", show=False),
    ], rows)


def _comparison_table(groups, group_label) -> Table:
    rows = []
    for group in groups:
        row = group.row()
        row["label"] = row["label"] if row["label"] is not None else _("(none)")
        row["mine_n"] = _("%(sold)s of %(offered)s", sold=row["mine_sold"], offered=row["mine_offered"])
        rows.append(row)
    return Table("comparison", _l("Your products and the shop, by %(group)s", group=str(group_label).lower()), [
        Column("label", group_label), Column("mine_n", _l("Yours: sold of on offer"), csv=False),
        Column("mine_sold", _l("Yours: sold"), "int", show=False),
        Column("mine_offered", _l("Yours: on offer"), "int", show=False),
        Column("mine_sell_through", _l("Sell-through, yours"), "ratio"),
        Column("shop_sell_through", _l("Sell-through, shop"), "ratio"),
        Column("shop_sold", _l("Shop: sold"), "int", show=False), Column("shop_offered", _l("Shop: on offer"), "int",
                                                                         show=False),
        Column("mine_days", _l("Median days to sell, yours"), "days"),
        Column("shop_days", _l("Median days to sell, shop"), "days"),
        Column("mine_realisation", _l("Price realisation, yours"), "ratio"),
        Column("shop_realisation", _l("Price realisation, shop"), "ratio"),
        Column("mine_markdown", _l("Markdown depth, yours"), "ratio", show=False),
        Column("shop_markdown", _l("Markdown depth, shop"), "ratio", show=False),
    ], rows, note=_l("* Fewer than %(n)s of your products on offer: one sale more or less swings the figure, so it "
                     "is not a trend yet.", n=TREND_MIN))


def _paired(title, groups, figure, description):
    """Yours above the shop's, for each group: different colour, pattern and place."""
    def bars(group):
        shop = getattr(group.shop, figure) if group.shop else None
        return [counted(getattr(group.mine, figure), group.mine, sold=figure != "sell_through"),
                Bar(shop, None if shop is None else ratio_filter(shop))]
    return bar_chart(title, [(g.label or _("(none)"), bars(g)) for g in groups[:12]],
                     series=[Series(_("Your products"), MINE), Series(_("The whole shop"), SHOP)],
                     value_text=ratio_filter, maximum=1.0 if figure == "sell_through" else None,
                     description=description)


def _feedback_page(*, title, scope: Scope, name: str, **context):
    form, period, _location, ok = read_filters(FeedbackFilterForm, default_days=365)
    group_by = form.group_by.data if form.group_by.data in DIMENSIONS else "category"
    form.group_by.data = group_by
    today, lang = clock.sales_day(clock.now()), language()
    group_label = GROUP_LABELS[group_by]
    groups = compare(db.session, period=period, scope=scope, group_by=group_by, language=lang)
    made = products(db.session, lot_id=scope.lot_id, maker_id=scope.maker_id, language=lang)
    weeks = every_week(weekly_sales(db.session, period=period, scope=scope), period=period,
                       since=min((p.first_priced for p in made if p.first_priced), default=None))
    tables = [_product_table(made, today),
              _comparison_table(groups, group_label),
              Table("weeks", _l("Your products sold per week"), [
                  Column("week", _l("Week starting"), "date"), Column("items", _l("Items sold"), "int"),
                  Column("revenue_ore", _l("Takings"), "ore")], weeks)]
    charts = {
        "sell_through": _paired(_("Sell-through by %(group)s: yours and the shop's", group=str(group_label).lower()),
                                groups, "sell_through",
                                _("For each group: the share of your products on offer that sold, then the shop's.")),
        "realisation": _paired(
            _("Price realisation by %(group)s: yours and the shop's", group=str(group_label).lower()),
            [g for g in groups if g.mine.items_sold], "price_realization",
            _("What the sold products fetched, as a share of their first asking price; then the shop's.")),
        "weeks": column_chart(_("Your products sold per week"), [(w["week"].strftime("%d/%m"), w["items"])
                                                                  for w in weeks],
                              series=Series(_("Your products sold"), MINE), value_text=number_text,
                              description=_("Number of your products sold each week.")),
    }
    return respond("reports/feedback.html", name=name, tables=tables, ok=ok, form=form, period=period, title=title,
                   charts=charts, overall=summary(db.session, period=period, scope=scope, language=lang),
                   advice=advise(db.session, period=period, scope=scope, language=lang),
                   dimension_labels=DIMENSION_LABELS, trend_min=TREND_MIN, margin=MARGIN, **context)


@bp.route("/students")
@allow(EVERYONE)
@reads_only
@sends_to_own_page(Role.student, "reports.student")
def students():
    if current_user.role not in (Role.supervisor, Role.admin):
        raise Forbidden(_l("Sales feedback pages are for students and their supervisors."), code="feedback_forbidden")
    people = all_students(db.session)
    return render_template("reports/people.html", people=people, endpoint="reports.student",
                           title=_("Sales feedback for students"), kind="students")


@bp.route("/students/<int:user_id>")
@allow(EVERYONE)
@reads_only
def student(user_id: int):
    person = feedback_student(db.session, user_id, viewer=current_user)
    return _feedback_page(title=_("Sales feedback: %(name)s", name=person.display_name),
                          scope=Scope(maker_id=person.id), name="feedback", person=person,
                          lots=lots_of(db.session, person))


@bp.route("/lots/<int:lot_id>")
@allow(EVERYONE)
@reads_only
def lot(lot_id: int):
    found = get_lot_for(db.session, current_user, lot_id)
    return _feedback_page(title=_("Sales feedback: %(lot)s", lot=found.title), scope=Scope(lot_id=found.id),
                          name=f"lot-{found.id}", lot=found, lots=[])
