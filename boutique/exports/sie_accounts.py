"""The SIE export's shop settings: the BAS accounts, the voucher series and the month the fiscal
year starts."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from boutique.places.settings import SettingSpec, get_setting, register

# BAS accounts for the daily SIE 4I export (DOMAIN.md); (setting key, label, default).
ACCOUNT_SPECS = {
    "cash": ("sie_account_cash", _l("SIE account: cash"), "1910"),
    "swish": ("sie_account_swish", _l("SIE account: Swish (bank)"), "1930"),
    "card": ("sie_account_card", _l("SIE account: card clearing"), "1686"),
    "sales_0": ("sie_account_sales_0", _l("SIE account: sales outside VAT"), "3004"),
    "sales_25": ("sie_account_sales_25", _l("SIE account: sales 25 % VAT"), "3001"),
    "vat_25": ("sie_account_vat_25", _l("SIE account: output VAT 25 %"), "2611"),
    "sales_12": ("sie_account_sales_12", _l("SIE account: sales 12 % VAT"), "3002"),
    "vat_12": ("sie_account_vat_12", _l("SIE account: output VAT 12 %"), "2621"),
    "sales_6": ("sie_account_sales_6", _l("SIE account: sales 6 % VAT"), "3003"),
    "vat_6": ("sie_account_vat_6", _l("SIE account: output VAT 6 %"), "2631"),
    "rounding": ("sie_account_rounding", _l("SIE account: öre rounding"), "3740"),
    "vouchers": ("sie_account_vouchers", _l("SIE account: unredeemed gift vouchers"), "2421"),
}


ACCOUNT_SETTINGS = {name: register(SettingSpec(key, label, default, 6, _l("A four-digit BAS account number.")))
                    for name, (key, label, default) in ACCOUNT_SPECS.items()}


SIE_SERIES = register(SettingSpec("sie_series", _l("SIE voucher series for the till"), "K", 10))


_ACCOUNT = re.compile(r"^[0-9]{4}$")


def accounts(session: Session) -> dict[str, str]:
    """The SIE accounts by role; a stored value that is not four digits falls back to the default."""
    result = {}
    for name, spec in ACCOUNT_SETTINGS.items():
        value = get_setting(session, spec.key).strip()
        result[name] = value if _ACCOUNT.match(value) else spec.default
    return result


def voucher_series(session: Session) -> str:
    value = re.sub(r"[^A-Za-z0-9]", "", get_setting(session, SIE_SERIES.key))
    return value or SIE_SERIES.default


FISCAL_YEAR_START = register(SettingSpec(
    "fiscal_year_start_month", _l("Fiscal year starts in month (1–12)"), "1", 2,
    _l("1 for the calendar year, 7 for 1 July – 30 June. The SIE file names the fiscal year it books into.")))


def fiscal_year_start_month(session: Session) -> int:
    """The month the fiscal year begins (January when the stored value is not 1–12)."""
    value = get_setting(session, FISCAL_YEAR_START.key).strip()
    return int(value) if re.fullmatch(r"[0-9]{1,2}", value) and 1 <= int(value) <= 12 else 1
