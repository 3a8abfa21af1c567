"""Input limits and value checks written once: forms, API schemas and services all use these."""

from flask_babel import lazy_gettext as _l

from boutique.core.errors import InvalidInput

# The largest number a database integer column holds (PostgreSQL's int4): every id, öre amount and gram
# weight stays within it. core/money.py and core/units.py name it for their own units.
DB_INT_MAX = 2_147_483_647


def is_integer(value) -> bool:
    """Python counts True as 1, and JSON gives floats: neither is a count, an amount or a weight here, so
    both are refused rather than coerced."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_whole(value, *, low: int = 0, high: int = DB_INT_MAX) -> bool:
    """A whole number (``is_integer``) from ``low`` to ``high``."""
    return is_integer(value) and low <= value <= high


def may_be_row_id(number: int) -> bool:
    """Whether a number from a URL could name a row. Past the database's integer none does, and asking
    would make PostgreSQL refuse the statement (a 500) instead of answering "not found"."""
    return 0 < number <= DB_INT_MAX


def clean_text(value: str | None, *, limit: int, label) -> str | None:
    """Free text as stored: trimmed, empty means none; too long is refused rather than cut."""
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(_l("%(field)s is at most %(limit)s characters.", field=label, limit=limit),
                           code="too_long")
    return value or None
