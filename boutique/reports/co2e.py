"""The reports' shop settings: the CO2e factor with its source, and the SIE bookkeeping accounts."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from boutique.places.settings import SettingSpec, get_setting, register

CO2E_FACTOR = register(SettingSpec(
    "co2e_factor_kg_per_kg", _l("CO2e saved per kg reused (kg)"), "8,1", 10,
    _l("Kilograms of CO2e saved for each kilogram of goods reused (sold as is or in a redesign).")))
CO2E_SOURCE = register(SettingSpec(
    "co2e_factor_source", _l("Source of the CO2e factor"),
    "Humana Sverige: 16,9 kg CO2e/kg ny textil × 48,1 % ersättningsgrad ≈ 8,1 kg CO2e per kg återanvänt "
    "(6,1 per insamlat kg)", 300,
    _l("Shown beside the CO2e figure in reports.")))


_FACTOR = re.compile(r"^[0-9]{1,3}(?:[.,][0-9]{1,4})?$")


@dataclass(frozen=True)
class Co2eFactor:
    kg_per_kg: Decimal
    source: str


def co2e_factor(session: Session) -> Co2eFactor:
    """The configured factor (the default when the stored text is not a number)."""
    raw = get_setting(session, CO2E_FACTOR.key).strip()
    if not _FACTOR.match(raw):
        raw = CO2E_FACTOR.default
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        value = Decimal("8.1")
    return Co2eFactor(value, get_setting(session, CO2E_SOURCE.key).strip())


