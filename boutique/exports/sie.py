"""SIE 4I: the till's days as vouchers for the bookkeeping program (Fortnox, Visma, ...).

One ``#VER`` per Z-report (a till's closed day) in the period, balancing to 0.00:
debit cash (1910), Swish (1930) and card clearing (1686) with what each method took net of refunds;
credit sales per VAT rate excluding VAT (3004 outside VAT, 3001/3002/3003) and the output VAT
(2611/2621/2631); credit the cash rounding (3740; a debit when the shop rounded down). Gift vouchers are a debt (2421,
unredeemed gift vouchers): one sold credits it, one paid with (a payment like any other) debits it, each
on its own line; the goods a voucher paid for are booked as sales like any others. Returns are
already netted in the Z-report. Accounts are shop settings (reports/settings.py). The cash variance
(counted vs expected) is not booked here: it is shown on the daily till summary with its reason.

Each day's voucher identity (series and number) is fixed when the day is first exported and kept in
``sie_vouchers`` (exports/models.py), so the same day exported again is the same voucher, and every
export is recorded (when, by whom): a second export of a day is warned about. ``#RAR 0`` names the fiscal
year (a shop setting); a file covers one fiscal year.

The file is CP437 ("PC8"), lines end with CRLF, ``#FLAGGA 0`` first; amounts have a decimal point.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import Response
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from boutique.auth.models import User
from boutique.core import clock, counters
from boutique.core.errors import Conflict, InvalidInput
from boutique.core.periods import Period
from boutique.exports.models import SieVoucher
from boutique.exports.sie_accounts import accounts, fiscal_year_start_month, voucher_series
from boutique.extensions import db
from boutique.places.models import Till
from boutique.places.settings import get_setting
from boutique.sales.day_models import ZReport
from boutique.sales.models import PaymentMethod

PROGRAM = "Ny Form boutique"
PROGRAM_VERSION = "1.0"
ACCOUNT_NAMES = {
    "cash": "Kassa", "swish": "Bank (Swish)", "card": "Fordran kortinlösen",
    "sales_0": "Försäljning utanför momsens tillämpningsområde",
    "sales_25": "Försäljning 25 % moms", "vat_25": "Utgående moms 25 %",
    "sales_12": "Försäljning 12 % moms", "vat_12": "Utgående moms 12 %",
    "sales_6": "Försäljning 6 % moms", "vat_6": "Utgående moms 6 %",
    "rounding": "Öres- och kronutjämning",
    "vouchers": "Ej inlösta presentkort",
}
# Characters CP437 lacks that organisation names and texts commonly hold.
_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "×": "x", "≈": "~",
                        "\u00a0": " ", "\u202f": " "})


@dataclass
class Voucher:
    day: date
    text: str
    registered: date
    z_report_id: int
    lines: list[tuple[str, int]] = field(default_factory=list)  # (account, öre; debit positive)
    record: SieVoucher | None = None  # its identity and earlier exports; None until first exported

    @property
    def balance_ore(self) -> int:
        return sum(amount for _, amount in self.lines)

    @property
    def identity(self) -> str | None:
        """``K 12``: the voucher's series and number, as the bookkeeping knows it."""
        return f"{self.record.series} {self.record.number}" if self.record is not None else None


@dataclass
class Export:
    body: bytes
    vouchers: list[Voucher]
    reexported: list[Voucher]  # days that had been exported before this export


def _z_lines(z: ZReport, acc: dict[str, str]) -> list[tuple[str, int]]:
    entries = [(acc["cash"], z.cash_ore), (acc["swish"], z.swish_ore), (acc["card"], z.card_ore)]
    for row in z.vat_rows:
        if row.rate_percent in (6, 12, 25):
            entries.append((acc[f"sales_{row.rate_percent}"], -row.net_ex_vat_ore))
            entries.append((acc[f"vat_{row.rate_percent}"], -row.vat_ore))
        else:
            entries.append((acc["sales_0"], -row.gross_ore))
    entries.append((acc["rounding"], -z.rounding_ore))
    merged: dict[str, int] = {}
    for account, amount in entries:
        merged[account] = merged.get(account, 0) + amount
    # Vouchers sold and vouchers redeemed stay two lines, even on one account: the bookkeeping sees both.
    redeemed = sum(row.net_ore for row in z.payment_rows if row.method == PaymentMethod.voucher)
    vouchers = [(acc["vouchers"], redeemed), (acc["vouchers"], -z.vouchers_sold_ore)]
    return [(account, amount) for account, amount in [*merged.items(), *vouchers] if amount]


def vouchers(session: Session, *, period: Period) -> list[Voucher]:
    """The period's Z-reports as balanced vouchers, by date and till, with their identities where they
    were exported before; days with nothing to book skipped."""
    acc = accounts(session)
    rows = session.execute(
        select(ZReport, SieVoucher).join(Till, Till.id == ZReport.till_id)
        .outerjoin(SieVoucher, SieVoucher.z_report_id == ZReport.id)
        .where(ZReport.business_date.between(period.first, period.last))
        .options(selectinload(ZReport.vat_rows), selectinload(ZReport.payment_rows), selectinload(ZReport.till))
        .order_by(ZReport.business_date, Till.code, ZReport.z_number)).all()
    result: list[Voucher] = []
    for z, record in rows:
        lines = _z_lines(z, acc)
        if not lines:
            continue
        voucher = Voucher(day=z.business_date, text=f"Kassa {z.till.code} Z{z.z_number}",
                          registered=clock.sales_day(z.closed_at), z_report_id=z.id, lines=lines, record=record)
        if voucher.balance_ore != 0:
            raise Conflict(_l("Z-report %(z)s of till %(till)s does not balance; it cannot be exported.",
                              z=z.z_number, till=z.till.code), code="z_report_unbalanced")
        result.append(voucher)
    return result


def fiscal_year(session: Session, period: Period) -> Period:
    """The fiscal year the period lies in; 422 when it reaches into two (one file books into one year)."""
    month = fiscal_year_start_month(session)
    year = period.last.year if period.last.month >= month else period.last.year - 1
    first = date(year, month, 1)
    if period.first < first:
        raise InvalidInput(_l("An SIE file books into one fiscal year, which begins on %(start)s: export up to "
                              "the day before, and from %(start)s on, as two files.", start=first.isoformat()),
                           code="period_spans_fiscal_years", details={"fiscal_year_start": first.isoformat()})
    return Period(first, date(year + 1, month, 1) - timedelta(days=1))


def export(session: Session, *, period: Period, user: User | None, at: datetime | None = None,
           generated: date | None = None) -> Export:
    """The SIE file for ``period``, recorded: a day exported for the first time takes the next number of
    the shop's voucher series; a day exported before keeps its identity, and its export is counted and
    reported back. The caller commits."""
    year = fiscal_year(session, period)
    series = voucher_series(session)
    # Lock the series before reading which days are numbered: two exports at once number one after the
    # other, and the second sees the first's numbers.
    counters.take(session, f"sie:{series}", 0)
    found = vouchers(session, period=period)
    reexported = [voucher for voucher in found if voucher.record is not None]
    new = [voucher for voucher in found if voucher.record is None]
    moment, user_id = at or clock.now(), user.id if user is not None else None
    first = counters.take(session, f"sie:{series}", len(new)) if new else 0
    for offset, voucher in enumerate(new):
        voucher.record = SieVoucher(z_report_id=voucher.z_report_id, series=series, number=first + offset,
                                    first_exported_at=moment, first_exported_by_id=user_id,
                                    last_exported_at=moment, last_exported_by_id=user_id, exports_count=1)
        session.add(voucher.record)
    for voucher in reexported:
        voucher.record.last_exported_at, voucher.record.last_exported_by_id = moment, user_id
        voucher.record.exports_count += 1
    session.flush()
    text = sie_text(session, found=found, fiscal=year, generated=generated)
    return Export(encode(text), found, reexported)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _amount(ore: int) -> str:
    sign = "-" if ore < 0 else ""
    kronor, rest = divmod(abs(ore), 100)
    return f"{sign}{kronor}.{rest:02d}"


def sie_text(session: Session, *, found: list[Voucher], fiscal: Period, generated: date | None = None) -> str:
    """The SIE 4I file of exported vouchers (each with its identity) as text (encode with :func:`encode`)."""
    acc = accounts(session)
    generated = generated or clock.sales_day(clock.now())
    org_number = get_setting(session, "org_number").strip()
    lines = [
        "#FLAGGA 0",
        f"#PROGRAM {_quote(PROGRAM)} {PROGRAM_VERSION}",
        "#FORMAT PC8",
        f"#GEN {generated:%Y%m%d}",
        "#SIETYP 4",
        f"#ORGNR {org_number}",
        f"#FNAMN {_quote(get_setting(session, 'org_name').strip())}",
        f"#RAR 0 {fiscal.first:%Y%m%d} {fiscal.last:%Y%m%d}",
    ]
    used = {account for voucher in found for account, _ in voucher.lines}
    names = {}
    for role, account in acc.items():
        names.setdefault(account, ACCOUNT_NAMES[role])
    lines += [f"#KONTO {account} {_quote(names[account])}" for account in sorted(used)]
    for voucher in found:
        lines.append(f"#VER {_quote(voucher.record.series)} {_quote(str(voucher.record.number))} {voucher.day:%Y%m%d} "
                     f"{_quote(voucher.text)} {voucher.registered:%Y%m%d}")
        lines.append("{")
        lines += [f"   #TRANS {account} {{}} {_amount(amount)}" for account, amount in voucher.lines]
        lines.append("}")
    return "\r\n".join(lines) + "\r\n"


def encode(text: str) -> bytes:
    """CP437 (PC8), with the few typographic characters it lacks made plain."""
    return text.translate(_PLAIN).encode("cp437", errors="replace")


def filename(period: Period) -> str:
    return f"nyform-kassa-{period.first:%Y%m%d}-{period.last:%Y%m%d}.se"


REEXPORTED_HEADER = "Sie-Already-Exported"


def sie_response(period) -> Response:
    """The recorded SIE download (the API and the report page)."""
    done = export(db.session, period=period, user=current_user)
    db.session.commit()
    response = Response(done.body, content_type="text/plain; charset=cp437")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename(period)}"'
    if done.reexported:
        response.headers[REEXPORTED_HEADER] = ", ".join(voucher.identity for voucher in done.reexported)
    return response
