"""The vouchers' shop setting: how long a voucher is valid (printed on the voucher and the receipt)."""

import calendar
import re
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from boutique.places.settings import SettingSpec, get_setting, register

# Ten years is what the law gives a voucher that states no validity (the general limitation period,
# preskriptionslagen), so it is the default; Hallå konsument asks that the buyer is told it.
VALIDITY_MONTHS = register(SettingSpec(
    "voucher_validity_months", _l("Gift voucher validity (months)"), "120", 3,
    _l("How long a gift voucher can be used, printed on it and on the receipt. 120 months (ten years) when "
       "nothing else is said; many shops use 12 or 24.")))


def validity_months(session: Session) -> int:
    """The validity in months, 1–600; the default when the stored value is not a number in that range."""
    raw = get_setting(session, VALIDITY_MONTHS.key).strip()
    if re.fullmatch(r"[0-9]{1,3}", raw) and 1 <= int(raw) <= 600:
        return int(raw)
    return int(VALIDITY_MONTHS.default)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter: 31 Jan + 1 = 28/29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
