"""Weights: kilograms as people type them (``2,5`` or ``2.5 kg``) <-> integer grams, strictly parsed."""

import re

from boutique.core.digits import ascii_digits
from boutique.core.limits import DB_INT_MAX

MAX_GRAMS = DB_INT_MAX

# ASCII digits only ([0-9], never \d, which admits Arabic-Indic and other digits); optional groups
# of three separated by a space / no-break space; a decimal comma or point with at most 3 decimals.
_KILOGRAMS = re.compile(
    r"^(?P<whole>[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)(?:[.,](?P<frac>[0-9]{1,3}))?$"
)
_SUFFIX = re.compile(r"\s*(?:kg|kilo|kilogram)\.?$", re.IGNORECASE)


class WeightError(ValueError):
    """A weight that cannot be accepted; ``str(error)`` is a plain English reason (translated at the edge)."""


def parse_kilograms(text: str, *, allow_zero: bool = False, max_grams: int = MAX_GRAMS) -> int:
    """Parse ``2,5`` / ``2.5`` / ``1 250,125 kg`` into integer grams; no signs, exponents or gram fractions."""
    if not isinstance(text, str):
        raise WeightError("not a text weight")
    cleaned = _SUFFIX.sub("", ascii_digits(text).strip())
    if len(cleaned) > 20:
        raise WeightError("too long")
    match = _KILOGRAMS.match(cleaned)
    if not match:
        raise WeightError("not a weight")
    whole = int(re.sub(r"[ \u00a0\u202f]", "", match["whole"]))
    grams = whole * 1000 + int((match["frac"] or "").ljust(3, "0"))
    if grams == 0 and not allow_zero:
        raise WeightError("weight must be more than zero")
    if grams > max_grams:
        raise WeightError("weight too large")
    return grams


def format_kilograms_input(grams: int | None) -> str:
    """Grams as they would be typed back into a form field: ``2500`` → ``2,5``."""
    if grams is None:
        return ""
    kilos, rest = divmod(int(grams), 1000)
    return f"{kilos},{rest:03d}".rstrip("0").rstrip(",") if rest else str(kilos)
