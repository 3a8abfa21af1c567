"""Kronor and öre: strict parsing, Swedish formatting and cash rounding. The only place that rounds."""

import re

from boutique.core.digits import ascii_digits
from boutique.core.limits import DB_INT_MAX, is_integer

MAX_ORE = DB_INT_MAX
NBSP = "\u00a0"

# ASCII digits only ([0-9], never \d, which admits any script's digits); Arabic-Indic and Persian ones
# were made ASCII by digits.ascii_digits before.
# Either plain digits or groups of three separated by a space / no-break space; then an optional
# decimal part with a comma or a point and one or two digits. Swedish "129:-" means whole kronor.
_AMOUNT = re.compile(
    r"^(?P<sign>-)?"
    r"(?P<whole>[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)"
    r"(?:(?:[.,](?P<frac>[0-9]{1,2}))|:-)?$"
)
_SUFFIX = re.compile(r"\s*(?:kr|sek|kronor)\.?$", re.IGNORECASE)


class MoneyError(ValueError):
    """An amount that cannot be accepted; ``str(error)`` is a plain English reason (translated at the edge)."""


def parse_kronor(text: str, *, allow_negative: bool = False, allow_zero: bool = True,
                 max_ore: int = MAX_ORE) -> int:
    """Parse ``129,50`` / ``1 234,50`` / ``129.50`` / ``129:-`` / ``129 kr`` into integer öre."""
    if not isinstance(text, str):
        raise MoneyError("not a text amount")
    cleaned = _SUFFIX.sub("", ascii_digits(text).strip())
    if len(cleaned) > 20:
        raise MoneyError("too long")
    match = _AMOUNT.match(cleaned)
    if not match:
        raise MoneyError("not an amount")
    whole = int(re.sub(r"[ \u00a0\u202f]", "", match["whole"]))
    frac = match["frac"] or ""
    ore = whole * 100 + int(frac.ljust(2, "0") or 0)
    if match["sign"]:
        if not allow_negative:
            raise MoneyError("negative amount")
        ore = -ore
    return check_ore(ore, allow_negative=allow_negative, allow_zero=allow_zero, max_ore=max_ore)


def check_ore(ore: int, *, allow_negative: bool = False, allow_zero: bool = True,
              max_ore: int = MAX_ORE) -> int:
    """Range-check an öre amount; booleans and floats are refused, not coerced."""
    if not is_integer(ore):
        raise MoneyError("not a whole number of öre")
    if ore < 0 and not allow_negative:
        raise MoneyError("negative amount")
    if ore == 0 and not allow_zero:
        raise MoneyError("amount must be more than zero")
    if abs(ore) > max_ore:
        raise MoneyError("amount too large")
    return ore


def format_ore(ore: int, *, unit: bool = True) -> str:
    """``123450`` → ``1 234,50 kr`` (no-break spaces, so a price never wraps)."""
    sign = "-" if ore < 0 else ""
    kronor, rest = divmod(abs(int(ore)), 100)
    grouped = f"{kronor:,}".replace(",", NBSP)
    text = f"{sign}{grouped},{rest:02d}"
    return f"{text}{NBSP}kr" if unit else text


def format_input(ore: int | None) -> str:
    """An amount as it would be typed back into a form field: ``1234,50``."""
    if ore is None:
        return ""
    sign = "-" if ore < 0 else ""
    kronor, rest = divmod(abs(int(ore)), 100)
    return f"{sign}{kronor},{rest:02d}"


def round_cash(ore: int) -> int:
    """Round a cash amount to whole kronor (lag 1970:1029): 1–49 öre down, 50–99 up, symmetric for refunds."""
    if ore < 0:
        return -round_cash(-ore)
    return (ore + 50) // 100 * 100


def is_whole_kronor(ore: int) -> bool:
    """Cash changes hands in whole kronor: Sweden has had no öre coins since 2010, so a tendered 149,49
    would ask for 49 öre of change that no drawer holds."""
    return ore % 100 == 0


def percent_of(ore: int, percent: int) -> int:
    """``percent`` % of an amount in öre, half away from zero, in integers only."""
    numerator = ore * percent
    sign = -1 if numerator < 0 else 1
    return sign * ((abs(numerator) + 50) // 100)


def markdown_price(asking_ore: int, percent: int) -> int:
    """A marked-down shelf price: ``percent`` off, down to whole kronor (tidy prices), never below 1 kr."""
    reduced = asking_ore - percent_of(asking_ore, percent)
    return max(100, reduced // 100 * 100) if asking_ore >= 100 else asking_ore


def vat_part(ore: int, rate_percent: int) -> int:
    """The VAT inside a VAT-inclusive amount: ``ore * rate / (100 + rate)``, half away from zero."""
    numerator = ore * rate_percent
    denominator = 100 + rate_percent
    sign = -1 if numerator < 0 else 1
    return sign * ((2 * abs(numerator) + denominator) // (2 * denominator))
