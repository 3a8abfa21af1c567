"""The till's shop settings (registered with places.settings) and their parsed values."""

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.places.models import Setting
from boutique.places.settings import SettingSpec, get_setting, register
from boutique.sales.models import PaymentMethod

SWISH_PAYEE = register(SettingSpec(
    "swish_payee", _l("Swish number"), "1231181189", 20,
    _l("The shop's Swish payee number, shown in the Swish QR code at the till.")))
PAYMENT_METHODS = register(SettingSpec(
    "payment_methods", _l("Payment methods at the till"), "cash,card,swish,voucher", 40,
    _l("Comma separated: cash, card, swish, voucher (gift vouchers).")))
DISCOUNT_LIMIT = register(SettingSpec(
    "discount_limit_percent", _l("Discount limit (%)"), "20", 3,
    _l("A line discount above this percentage needs a supervisor's approval.")))
RECEIPT_HEADER = register(SettingSpec(
    "receipt_header", _l("Receipt header"), "", 300,
    _l("Extra lines at the top of receipts, e.g. opening hours. Separate lines with |.")))


def _methods(raw: str) -> list[PaymentMethod]:
    names = [part.strip().lower() for part in raw.split(",")]
    methods = [PaymentMethod(name) for name in names if name in PaymentMethod.__members__]
    return list(dict.fromkeys(methods)) or list(PaymentMethod)


def _limit(raw: str) -> int:
    raw = raw.strip()
    return min(int(raw), 100) if re.fullmatch(r"[0-9]{1,3}", raw) else int(DISCOUNT_LIMIT.default)


def allowed_methods(session: Session) -> list[PaymentMethod]:
    """The payment methods the shop accepts, in the stored order; all three when the setting is unusable."""
    return _methods(get_setting(session, PAYMENT_METHODS.key))


def discount_limit_percent(session: Session) -> int:
    return _limit(get_setting(session, DISCOUNT_LIMIT.key))


@dataclass(frozen=True)
class TillSettings:
    methods: list[PaymentMethod]
    discount_limit_percent: int


def _stored(spec: SettingSpec):
    table = Setting.__table__
    return select(table.c.value).where(table.c.key == spec.key).scalar_subquery().label(spec.key)


# What a checkout needs from the settings, as two columns a select of the till can carry (no statement
# of their own on the shop's busiest path); read back by ``till_settings_of``.
TILL_SETTING_COLUMNS = (_stored(PAYMENT_METHODS), _stored(DISCOUNT_LIMIT))


def till_settings_of(row) -> TillSettings:
    """The settings from a row that selected ``TILL_SETTING_COLUMNS`` (a setting never stored: its default)."""
    methods, limit = getattr(row, PAYMENT_METHODS.key), getattr(row, DISCOUNT_LIMIT.key)
    return TillSettings(methods=_methods(PAYMENT_METHODS.default if methods is None else methods),
                        discount_limit_percent=_limit(DISCOUNT_LIMIT.default if limit is None else limit))


def swish_payee(session: Session) -> str:
    raw = re.sub(r"[^0-9]", "", get_setting(session, SWISH_PAYEE.key))
    return raw or SWISH_PAYEE.default


def receipt_header_lines(session: Session) -> list[str]:
    return [line.strip() for line in get_setting(session, RECEIPT_HEADER.key).split("|") if line.strip()]
