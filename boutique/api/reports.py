"""Reports and exports (API.md "Reports and exports"): what sells, impact, and the SIE 4I file."""

from datetime import date

from flask import jsonify, request
from flask_babel import get_locale
from pydantic import BaseModel, ConfigDict, Field

from boutique.api import bp
from boutique.api.docs import api_doc
from boutique.core.periods import parse_period
from boutique.exports.sie import REEXPORTED_HEADER, sie_response
from boutique.extensions import db
from boutique.reports.queries.impact import impact
from boutique.reports.queries.selling import GROUPS, Scope, sales_report
from boutique.reports.visibility import check_group_by, location_id_for
from boutique.web.access import EVERYONE, MANAGERS, allow
from boutique.web.view_transactions import lock_at_first_write, reads_only

TAG = "reports"
PERIOD_QUERY = {
    "from": {"schema": {"type": "string", "format": "date"}, "required": False,
             "description": "First Europe/Stockholm date, inclusive (default: 29 days before `to`)."},
    "to": {"schema": {"type": "string", "format": "date"}, "required": False,
           "description": "Last Europe/Stockholm date, inclusive (default: today). `from` after `to` is 422."},
}
LOCATION_QUERY = {"location": {"schema": {"type": "string"}, "required": False,
                               "description": "A location code; default every location."}}


class Period(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    first: date = Field(alias="from")
    last: date = Field(alias="to")


class SalesRowOut(BaseModel):
    key: str | None = Field(description="The group: a category code, grade, colour, size, brand, price band "
                                        "(kronor of the first asking price, e.g. `100-199`), tag, lot id or "
                                        "maker's display name; null for items without it.")
    label: str | None = Field(description="The group as people read it (category name, lot title).")
    items_sold: int = Field(description="Item lines of sale receipts in the period that are not returns, not "
                                        "training and not later returned. Manual lines are not counted.")
    revenue_ore: int = Field(description="Sum of those lines' amounts after markdown and discount, öre.")
    offered: int = Field(description="Items for sale at some moment of the period: first priced before it "
                                     "ended and not sold before it began.")
    sell_through: float = Field(description="items_sold / offered, 0..1, 4 decimals.")
    median_days_to_sell: float | None = Field(
        description="Median of (sales day − Stockholm date first priced) in days; null when none sold.")
    price_realization: float = Field(description="Sum of sold amounts / sum of the items' first asking prices.")
    markdown_depth: float = Field(description="1 − shelf prices charged / asking prices at the sale.")


class SalesReportOut(BaseModel):
    period: Period
    group_by: str
    rows: list[SalesRowOut]


class ImpactOut(BaseModel):
    period: Period
    collected_grams: int = Field(description="Kilos in: the weight of donations received in the period; a donation "
                                             "nobody weighed counts as the items unpacked from it.")
    reused_grams: int = Field(description="sold_as_is_grams + redesigned_grams.")
    recycled_grams: int = Field(description="Items sorted to recycling plus bulk weigh-outs to recycling.")
    discarded_grams: int = Field(description="Items sorted to discard plus bulk weigh-outs to discard.")
    reuse_rate: float = Field(description="reused_grams / (reused + recycled + discarded grams): the share of what "
                                          "left by a fate that was reused, 0..1, 4 decimals; 0 when nothing left.")
    co2e_saved_grams: int = Field(description="reused_grams × the shop's CO2e factor (kg CO2e per kg reused).")
    co2e_factor_kg_per_kg: float
    co2e_factor_source: str
    sold_as_is_grams: int = Field(description="Items sold in the period less items returned in it (a lot's "
                                              "products are not counted: their material was).")
    redesigned_grams: int = Field(description="Garments and bulk material used in production lots in the period.")
    stock_change_grams: int = Field(description="Registered items still in the shop and donations not yet "
                                                "unpacked: at the end of the period minus at its start.")
    unaccounted_grams: int = Field(description="collected − (reused + recycled + discarded) − stock_change: loose "
                                               "goods not yet registered or weighed out, typical against real weights.")
    balance_tolerance_grams: int = Field(description="10 % of the larger of kilos in and kilos out.")
    balanced: bool = Field(description="|unaccounted_grams| ≤ balance_tolerance_grams.")


def _period():
    return parse_period(request.args.get("from"), request.args.get("to"))


def _period_out(period) -> Period:
    return Period(first=period.first, last=period.last)


@bp.get("/reports/sales")
@allow(EVERYONE)
@reads_only
@api_doc(summary="What sells: items sold, revenue, sell-through, days to sell and price realisation per group",
         tag=TAG, responses={200: SalesReportOut}, errors={401, 403, 422},
         query={**PERIOD_QUERY, **LOCATION_QUERY,
                "group_by": {"schema": {"type": "string", "enum": list(GROUPS)}, "required": False,
                             "description": "What to group by (default category); anything else is 422."}})
def sales():
    period = _period()
    group_by = check_group_by(request.args.get("group_by"))
    scope = Scope(location_id=location_id_for(db.session, request.args.get("location")))
    rows = sales_report(db.session, period=period, group_by=group_by, scope=scope,
                        language=str(get_locale()))
    out = SalesReportOut(period=_period_out(period), group_by=group_by, rows=[
        SalesRowOut(key=row.key, label=row.label, items_sold=row.items_sold, revenue_ore=row.revenue_ore,
                    offered=row.offered, sell_through=row.sell_through,
                    median_days_to_sell=row.median_days_to_sell, price_realization=row.price_realization,
                    markdown_depth=row.markdown_depth) for row in rows])
    return jsonify(out.model_dump(mode="json", by_alias=True))


@bp.get("/reports/impact")
@allow(EVERYONE)
@reads_only
@api_doc(summary="Environmental impact: kilos collected, reused, recycled and discarded; CO2e saved",
         tag=TAG, responses={200: ImpactOut}, errors={401, 403, 422}, query={**PERIOD_QUERY, **LOCATION_QUERY})
def impact_report():
    period = _period()
    figures = impact(db.session, period=period, location_id=location_id_for(db.session, request.args.get("location")))
    out = ImpactOut(period=_period_out(period), collected_grams=figures.collected_grams,
                    reused_grams=figures.reused_grams, recycled_grams=figures.recycled_grams,
                    discarded_grams=figures.discarded_grams, reuse_rate=figures.reuse_rate,
                    co2e_saved_grams=figures.co2e_saved_grams, co2e_factor_kg_per_kg=float(figures.co2e_factor),
                    co2e_factor_source=figures.co2e_factor_source, sold_as_is_grams=figures.reused_sold_grams,
                    redesigned_grams=figures.reused_material_grams, stock_change_grams=figures.stock_change_grams,
                    unaccounted_grams=figures.unaccounted_grams, balance_tolerance_grams=figures.tolerance_grams,
                    balanced=figures.balanced)
    return jsonify(out.model_dump(mode="json", by_alias=True))


@bp.get("/exports/sie")
@allow(MANAGERS)
@lock_at_first_write
@api_doc(summary="SIE 4I file (CP437): one balanced #VER per till and day closed with a Z-report in the period",
         description="Each day keeps the voucher series and number it got when first exported, so a day exported "
                     "again is the same voucher. Every download is recorded (when, by whom); days exported before "
                     f"are named in the `{REEXPORTED_HEADER}` header (`K 12, K 13`), leaving the file as it is. "
                     "`#RAR 0` is the shop's fiscal year: a period reaching into two fiscal years is 422 "
                     "`period_spans_fiscal_years`.",
         tag=TAG, responses={200: {"content_type": "text/plain; charset=cp437", "schema": {"type": "string"},
                                   "headers": {REEXPORTED_HEADER: {
                                       "description": "The identities (series and number) of the vouchers in "
                                                      "the file that were exported before, comma separated; "
                                                      "absent when none was.",
                                       "schema": {"type": "string"}}}}},
         errors={401, 403, 409, 422}, query=PERIOD_QUERY)
def sie_export():
    return sie_response(_period())


