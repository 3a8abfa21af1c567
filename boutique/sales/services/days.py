"""Opening and closing a till's day: a float in the morning, counted cash and a Z-report at night."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core import clock, counters
from boutique.core.errors import Conflict, InvalidInput
from boutique.core.money import MoneyError, check_ore, format_ore
from boutique.places.models import Till
from boutique.places.services import get_till
from boutique.sales.day_models import DayStatus, TillDay, ZReport, ZReportPayment, ZReportVat
from boutique.sales.figures import day_figures
from boutique.sales.models import PaymentMethod
from boutique.sales.services.carts import empty_at_close
from boutique.sales.till_settings import TILL_SETTING_COLUMNS, TillSettings, till_settings_of


def z_series(till: Till) -> str:
    return f"z:{till.code}"


def open_day(session: Session, till: Till) -> TillDay | None:
    return session.scalar(select(TillDay).where(TillDay.till_id == till.id, TillDay.status == DayStatus.open))


def till_closed(code: str) -> Conflict:
    return Conflict(_l("Till %(till)s is closed. Open it with a cash float first.", till=code), code="till_closed")


@dataclass(frozen=True, slots=True)
class TillAtWork:
    """A till with its open day and the shop's till settings, as a sale needs them."""

    id: int
    code: str
    location_id: int
    day_id: int
    settings: TillSettings


def _till_at_work_statement():
    tills, days = Till.__table__, TillDay.__table__
    return (select(tills.c.id, tills.c.code, tills.c.location_id, days.c.id.label("day_id"), *TILL_SETTING_COLUMNS)
            .join(days, and_(days.c.till_id == tills.c.id, days.c.status == DayStatus.open))
            .where(tills.c.code == bindparam("code"))
            .with_for_update(read=True, of=days))


_TILL_AT_WORK = _till_at_work_statement()


def till_at_work(session: Session, code: str) -> TillAtWork:
    """The till, its open day and the till settings in one select: 404 till_not_found or 409 till_closed.
    (PostgreSQL holds the day's row FOR SHARE against a concurrent close, as require_open_day does.)"""
    code = str(code).strip().upper()
    row = session.connection().execute(_TILL_AT_WORK, {"code": code}).first()
    if row is None:
        raise till_closed(get_till(session, code).code)
    return TillAtWork(id=row.id, code=row.code, location_id=row.location_id, day_id=row.day_id,
                      settings=till_settings_of(row))


def require_open_day(session: Session, till: Till, *, exclusive: bool = False) -> TillDay:
    """The till's open day, locked against a concurrent close (PostgreSQL: FOR SHARE for sales,
    FOR UPDATE for the close; SQLite's BEGIN IMMEDIATE already serialises), or 409 till_closed."""
    query = (select(TillDay).where(TillDay.till_id == till.id, TillDay.status == DayStatus.open)
             .with_for_update(read=not exclusive))
    day = session.scalar(query)
    if day is None:
        raise till_closed(till.code)
    return day


def open_till(session: Session, *, till: Till, user: User, float_ore: int, at: datetime | None = None) -> TillDay:
    """Open ``till``'s sales day with a cash float; 409 till_open when a day is already open."""
    try:
        check_ore(float_ore)
    except MoneyError:
        raise InvalidInput(_l("The float is an amount of 0 kr or more."), code="invalid_float") from None
    if not till.active:
        raise Conflict(_l("Till %(till)s is not in use.", till=till.code), code="till_inactive")
    if open_day(session, till) is not None:
        raise Conflict(_l("Till %(till)s is already open.", till=till.code), code="till_open")
    moment = at or clock.now()
    day = TillDay(till_id=till.id, status=DayStatus.open, business_date=clock.sales_day(moment),
                  float_ore=float_ore, opened_at=moment, opened_by_id=user.id)
    try:
        with session.begin_nested():
            session.add(day)
    except IntegrityError:  # another request opened it between our check and insert
        raise Conflict(_l("Till %(till)s is already open.", till=till.code), code="till_open") from None
    return day


def close_till(session: Session, *, till: Till, user: User, counted_cash_ore: int, note: str | None = None,
               at: datetime | None = None) -> ZReport:
    """Close the open day with the counted cash: a Z-report with the next Z number and every figure.
    A counted amount that differs from the expected needs a reason (422 variance_reason_required, on
    every path: the page, the API, the demo). A cart left with lines is counted as an unfinished sale
    and emptied. A closed day cannot be closed again (409 till_closed) and nothing can be added to it."""
    try:
        check_ore(counted_cash_ore)
    except MoneyError:
        raise InvalidInput(_l("Counted cash is an amount of 0 kr or more."), code="invalid_amount") from None
    day = require_open_day(session, till, exclusive=True)
    figures = day_figures(session, day)
    moment = at or clock.now()
    expected = figures.expected_cash_ore
    note = (note or "").strip()[:500] or None
    if counted_cash_ore != expected and note is None:
        raise InvalidInput(_l("The counted cash differs from the expected %(expected)s by %(variance)s. "
                              "Write the reason.", expected=format_ore(expected),
                              variance=format_ore(counted_cash_ore - expected)),
                           code="variance_reason_required",
                           details={"expected_cash_ore": expected, "variance_ore": counted_cash_ore - expected})
    report = ZReport(
        till_id=till.id, till_day_id=day.id, z_number=counters.take(session, z_series(till)),
        business_date=day.business_date, opened_at=day.opened_at, closed_at=moment, closed_by_id=user.id,
        expected_cash_ore=expected, counted_cash_ore=counted_cash_ore, variance_ore=counted_cash_ore - expected,
        variance_note=note, cash_ore=figures.method_net(PaymentMethod.cash),
        card_ore=figures.method_net(PaymentMethod.card), swish_ore=figures.method_net(PaymentMethod.swish),
        **{name: getattr(figures, name) for name in _STORED_FIGURES})
    report.vat_rows = [ZReportVat(rate_percent=row.rate_percent, sales_ore=row.sales_ore,
                                  returns_ore=row.returns_ore, gross_ore=row.gross_ore, vat_ore=row.vat_ore,
                                  net_ex_vat_ore=row.net_ex_vat_ore) for row in figures.vat]
    report.payment_rows = [ZReportPayment(method=m.method, sales_ore=m.sales_ore, returns_ore=m.returns_ore,
                                          net_ore=m.net_ore) for m in figures.methods.values()]
    day.status, day.closed_at, day.closed_by_id = DayStatus.closed, moment, user.id
    empty_at_close(session, till.id)
    session.add(report)
    session.flush()
    return report


# The figures a Z-report keeps as they were at the close, under the same names.
_STORED_FIGURES = (
    "opening_float_ore", "receipts_count", "sales_ore", "returns_count", "returns_ore", "net_ore", "vat_ore",
    "discounts_count", "discounts_ore", "rounding_ore", "copies_count", "copies_ore", "unfinished_count",
    "unfinished_ore", "training_count", "training_ore", "vouchers_sold_count", "vouchers_sold_ore",
    "vouchers_redeemed_count", "vouchers_redeemed_ore", "grand_total_sales_ore", "grand_total_returns_ore",
    "grand_total_net_ore",
)
