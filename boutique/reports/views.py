"""Report pages: the list of reports, what sells (with ageing) and pipeline & impact."""

from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from boutique.core import clock
from boutique.core.money import format_ore
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.reports import bp
from boutique.reports.charts import Bar, Series, bar_chart, column_chart, flow_chart
from boutique.reports.flow import balance_rows, flow_parts
from boutique.reports.forms import GROUP_LABELS, SalesFilterForm
from boutique.reports.pages import counted, language, number_text, read_filters, respond
from boutique.reports.queries.ageing import ageing, bucket_totals
from boutique.reports.queries.impact import impact
from boutique.reports.queries.selling import GROUPS, TREND_MIN, Scope, best_and_slow, sales_report, weekly_sales
from boutique.reports.queries.stages import LEADS, STAGES, lead_times, stages_per_week
from boutique.web.access import EVERYONE, allow
from boutique.web.tables import Column, Table
from boutique.web.templating import grams_as_kg
from boutique.web.view_transactions import reads_only


@bp.route("/")
@allow(EVERYONE)
@reads_only
def index():
    return render_template("reports/index.html", is_student=current_user.role == Role.student)


def _group_table(key, title, rows, group_label) -> Table:
    return Table(key, title, [
        Column("label", group_label), Column("items_sold", _l("Items sold"), "int"),
        Column("offered", _l("On offer"), "int"), Column("sell_through", _l("Sell-through"), "ratio"),
        Column("revenue_ore", _l("Revenue"), "ore"),
        Column("average_price_ore", _l("Average price"), "ore", show=False),
        Column("median_days_to_sell", _l("Median days to sell"), "days"),
        Column("price_realization", _l("Price realisation"), "ratio"),
        Column("markdown_depth", _l("Markdown depth"), "ratio"),
    ], [{"label": row.label if row.label is not None else _("(none)"), "items_sold": row.items_sold,
         "offered": row.offered, "sell_through": row.sell_through, "revenue_ore": row.revenue_ore,
         # Nothing sold: no average price, realisation or markdown to show (a dash, not a made-up 0).
         "average_price_ore": row.average_price_ore if row.items_sold else None,
         "median_days_to_sell": row.median_days_to_sell,
         "price_realization": row.price_realization if row.items_sold else None,
         "markdown_depth": row.markdown_depth if row.items_sold else None,
         "few": row.offered < TREND_MIN} for row in rows],
        note=_l("* Fewer than %(n)s items on offer: too few to call a trend.", n=TREND_MIN))


@bp.route("/sales")
@allow(EVERYONE)
@reads_only
def sales():
    form, period, location_id, ok = read_filters(SalesFilterForm)
    group_by = form.group_by.data if form.group_by.data in GROUPS else "category"
    form.group_by.data = group_by
    scope = Scope(location_id=location_id)
    rows = sales_report(db.session, period=period, group_by=group_by, scope=scope, language=language())
    best, slow = best_and_slow(rows)
    weeks = weekly_sales(db.session, period=period, scope=scope)
    shelf = ageing(db.session, today=clock.sales_day(clock.now()), location_id=location_id, language=language())
    group_label = GROUP_LABELS[group_by]
    tables = [
        _group_table("groups", _l("What sells, by %(group)s", group=str(group_label).lower()), rows, group_label),
        _group_table("best", _l("Best sellers"), best, group_label),
        _group_table("slow", _l("Slow movers"), slow, group_label),
        Table("weeks", _l("Sales per week"), [
            Column("week", _l("Week starting"), "date"), Column("items", _l("Items sold"), "int"),
            Column("revenue_ore", _l("Revenue (items)"), "ore"),
            Column("manual_ore", _l("Manual lines"), "ore")], weeks),
        Table("ageing", _l("Stock on the shelf by age"), [
            Column("category", _l("Category")), Column("bucket", _l("Days since priced")),
            Column("items", _l("Items"), "int"), Column("asking_ore", _l("Asking prices"), "ore"),
            Column("oldest_days", _l("Oldest (days)"), "int"),
            Column("suggested", _l("Suggested markdown"))],
            [{"category": row.category, "bucket": row.bucket, "items": row.items, "asking_ore": row.asking_ore,
              "oldest_days": row.oldest_days, "suggested": _suggestion(row)} for row in shelf]),
        Table("ageing_totals", _l("All stock on the shelf by age"), [
            Column("bucket", _l("Days since priced")), Column("items", _l("Items"), "int"),
            Column("asking_ore", _l("Asking prices"), "ore")], bucket_totals(shelf)),
    ]
    charts = {
        "weeks": column_chart(_("Revenue per week"), [(w["week"].strftime("%d/%m"), w["revenue_ore"])
                                                      for w in weeks],
                              series=Series(_("Revenue of items sold (kr)")),
                              value_text=lambda v: format_ore(v, unit=False).split(",")[0],
                              description=_("Revenue of items sold per week, in kronor.")),
        "sell_through": bar_chart(_("Sell-through by %(group)s", group=str(group_label).lower()),
                                  [(row.label or _("(none)"), [counted(row.sell_through, row)]) for row in rows[:15]],
                                  series=[Series(_("Sell-through (sold of on offer)"))], maximum=1.0,
                                  description=_("Share of the items on offer that sold in the period.")),
        "realisation": bar_chart(_("Price realisation by %(group)s", group=str(group_label).lower()),
                                 [(row.label or _("(none)"), [counted(row.price_realization, row, sold=True)])
                                  for row in rows[:15] if row.items_sold],
                                 series=[Series(_("Price realisation (sold price of first asking price)"))],
                                 description=_("What sold items fetched, as a share of their first asking price.")),
        "ageing": bar_chart(_("Stock on the shelf by days since priced"),
                            [(t["bucket"], [Bar(t["items"])]) for t in bucket_totals(shelf)], value_text=number_text,
                            series=[Series(_("Items for sale"))],
                            description=_("Number of items for sale in each age bucket.")),
    }
    return respond("reports/sales.html", name="what-sells", tables=tables, ok=ok, form=form, period=period,
                   charts=charts, group_label=group_label, trend_min=TREND_MIN)


def _suggestion(row) -> str:
    if row.past_ladder:
        return _("%(percent)s %% off; past the ladder: move it, redesign or recycle", percent=row.suggested_percent)
    if row.suggested_percent:
        return _("%(percent)s %% off", percent=row.suggested_percent)
    return _("full price")


STAGE_LABELS = {
    "received": _l("Unpacked"), "washed": _l("Washed"), "sorted": _l("Sorted"), "valued": _l("Valued"),
    "priced": _l("Priced"), "sold": _l("Sold"), "consumed": _l("Used in lots"),
}
LEAD_LABELS = {
    "received_sorted": _l("Unpacked → sorted"), "sorted_priced": _l("Sorted → priced"),
    "priced_sold": _l("Priced → sold"), "received_sold": _l("Unpacked → sold"),
}


@bp.route("/pipeline")
@allow(EVERYONE)
@reads_only
def pipeline():
    form, period, location_id, ok = read_filters(default_days=84)
    figures = impact(db.session, period=period, location_id=location_id)
    weeks = stages_per_week(db.session, period=period, location_id=location_id)
    leads = lead_times(db.session, period=period, location_id=location_id)
    kilos = balance_rows(figures)
    # Items per stage on the page, kilos per stage behind "details": fifteen columns fit no screen.
    week = Column("week", _l("Week starting"), "date")
    stage_columns = [week] + [Column(f"{name}_items", STAGE_LABELS[name], "int") for name, _events in STAGES]
    kilo_columns = [week] + [Column(f"{name}_grams", _l("%(stage)s (kg)", stage=STAGE_LABELS[name]), "grams")
                             for name, _events in STAGES]
    tables = [
        Table("impact", _l("The period's kilos: in, out and in stock"), [
            Column("measure", _l("Part")), Column("grams", _l("Weight"), "grams"),
            Column("share", _l("Share of the kilos in"), "ratio")], kilos),
        Table("stages", _l("Items per stage and week"), stage_columns, weeks),
        Table("stage_kilos", _l("Kilos per stage and week"), kilo_columns, weeks),
        Table("leads", _l("Lead times between stages"), [
            Column("label", _l("Between")), Column("items", _l("Items"), "int"),
            Column("median_days", _l("Median days"), "days"), Column("mean_days", _l("Mean days"), "days")],
            [{**row, "label": LEAD_LABELS[row["key"]]} for row in leads]),
    ]
    charts = {
        "impact": flow_chart(_("Where the kilos went"), *flow_parts(figures), value_text=grams_as_kg,
                             description=_("Kilos collected in the period, split into where they went: sold as "
                                           "is, redesigned, recycled, discarded, into stock, not accounted for.")),
        "sold": column_chart(_("Items sold per week"), [(w["week"].strftime("%d/%m"), w["sold_items"])
                                                        for w in weeks], series=Series(_("Items sold")),
                             value_text=number_text, description=_("Number of items sold each week.")),
    }
    return respond("reports/pipeline.html", name="pipeline", tables=tables, ok=ok, form=form, period=period,
                   charts=charts, figures=figures, leads=LEADS)
