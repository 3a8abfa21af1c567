"""The till's day over the API: open it with a float, X-reports on the way, close it with a Z-report."""

from typing import Literal

from flask import jsonify
from flask_login import current_user
from pydantic import BaseModel, Field

from boutique.api import bp
from boutique.api.common import Body, Ore, created, parse_body
from boutique.api.docs import api_doc
from boutique.api.sales import TAG
from boutique.extensions import db
from boutique.places.services import get_till
from boutique.sales.figures import day_figures
from boutique.sales.models import PaymentMethod
from boutique.sales.serialize import x_report_json, z_report_json
from boutique.sales.services.days import close_till, open_till, require_open_day
from boutique.web.access import STAFF, allow
from boutique.web.view_transactions import reads_only


class OpenIn(Body):
    float_ore: Ore


class CloseIn(Body):
    counted_cash_ore: Ore
    note: str | None = Field(default=None, max_length=500)


class OpenOut(BaseModel):
    till: str
    status: str
    business_date: str
    float_ore: int


class VatReportRow(BaseModel):
    rate_percent: int
    sales_ore: int
    returns_ore: int
    gross_ore: int
    vat_ore: int
    net_ex_vat_ore: int


class MethodReportRow(BaseModel):
    method: PaymentMethod
    sales_ore: int
    returns_ore: int
    net_ore: int


class ReportOut(BaseModel):
    """What the X- and the Z-report both show."""

    report: Literal["x", "z"]
    till: str
    status: str
    business_date: str
    opened_at: str
    opening_float_ore: int
    receipts_count: int
    sales_ore: int
    returns_count: int
    returns_ore: int
    net_ore: int
    vat_ore: int
    discounts_count: int
    discounts_ore: int
    rounding_ore: int
    payments: dict[str, int]
    payment_rows: list[MethodReportRow]
    vat: list[VatReportRow]
    copies_count: int = Field(description="Receipt copies (KOPIA) printed during the day.")
    copies_ore: int = Field(description="The copied receipts' totals.")
    unfinished_count: int = Field(description="Sales begun and not paid: the till's cart holding lines (the close "
                                              "empties it, and its items can be sold again).")
    unfinished_ore: int = Field(description="What the unfinished sales would have cost.")
    training_count: int
    training_ore: int
    expected_cash_ore: int
    grand_total_sales_ore: int
    grand_total_returns_ore: int
    grand_total_net_ore: int


class XReportOut(ReportOut):
    printed_at: str = Field(description="When the X-report was taken (ISO 8601, Stockholm time).")


class ZReportOut(ReportOut):
    z_number: int
    closed_at: str
    counted_cash_ore: int
    variance_ore: int
    note: str | None


@bp.post("/tills/<till>/open")
@allow(STAFF)
@api_doc(summary="Open a till's sales day with a cash float", tag=TAG, body=OpenIn, responses={201: OpenOut},
         errors={404, 409})
def open_till_day(till):
    body = parse_body(OpenIn)
    day = open_till(db.session, till=get_till(db.session, till), user=current_user, float_ore=body.float_ore)
    db.session.commit()
    return created({"till": day.till.code, "status": day.status.value,
                    "business_date": day.business_date.isoformat(), "float_ore": day.float_ore})


@bp.get("/tills/<till>/x")
@allow(STAFF)
@reads_only
@api_doc(summary="X-report: the open day's figures so far (nothing is reset)", tag=TAG,
         responses={200: XReportOut}, errors={404, 409})
def x_report(till):
    day = require_open_day(db.session, get_till(db.session, till))
    return jsonify(x_report_json(day_figures(db.session, day)))


@bp.post("/tills/<till>/close")
@allow(STAFF)
@api_doc(summary="Close the till's day with the counted cash: the Z-report", tag=TAG, body=CloseIn,
         description="A counted amount that differs from the expected cash needs `note` (the reason): without "
                     "one, 422 `variance_reason_required`. The till's cart, if left with lines, is counted as an "
                     "unfinished sale and emptied.",
         responses={201: ZReportOut}, errors={404, 409, 422})
def close_till_day(till):
    body = parse_body(CloseIn)
    report = close_till(db.session, till=get_till(db.session, till), user=current_user,
                        counted_cash_ore=body.counted_cash_ore, note=body.note)
    payload = z_report_json(report)
    db.session.commit()
    return created(payload)
