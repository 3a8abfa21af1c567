"""Input limits and value checks written once: forms, API schemas and services all use these."""

from flask_babel import lazy_gettext as _l

from boutique.core.errors import InvalidInput


def clean_text(value: str | None, *, limit: int, label) -> str | None:
    """Free text as stored: trimmed, empty means none; too long is refused rather than cut."""
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(_l("%(field)s is at most %(limit)s characters.", field=label, limit=limit),
                           code="too_long")
    return value or None
