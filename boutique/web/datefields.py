"""Date fields written as Swedes write dates (2026-12-03, 2026-12-03 14:30), whatever the browser's locale.

A browser draws ``<input type="date">`` in its own locale's order: an English-locale browser shows
mm/dd/yyyy beside Swedish text. These fields are plain text inputs with the format as their placeholder
and pattern, parsed here at the edge; they work without JavaScript. No rounding, no time zones: a
date-time is the wall-clock time the person typed (the view says which zone it is).
"""

import re
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from wtforms import StringField

from boutique.core.digits import ascii_digits
from boutique.web.forms import ParsedTextField

# The browser checks the pattern before sending: a digit there is ASCII, Arabic-Indic or Persian.
BROWSER_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATETIME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2})[:.](\d{2})(?::(\d{2}))?")


def parse_date(text: str) -> date:
    """``2026-12-03`` (ASCII digits only) into a date; ValueError otherwise."""
    text = ascii_digits(text)
    match = _DATE.fullmatch(text.strip())
    if not match or not text.strip().isascii():
        raise ValueError(text)
    return date(*(int(part) for part in match.groups()))


def parse_datetime(text: str) -> datetime:
    """``2026-12-03 14:30`` (or ``2026-12-03T14:30``, as a browser's date-time field sends it) into a
    naive datetime; a date alone means its midnight. ValueError otherwise."""
    text = ascii_digits(text).strip()
    if not text.isascii():
        raise ValueError(text)
    match = _DATETIME.fullmatch(text)
    if match:
        return datetime(*(int(part) for part in match.groups() if part is not None))
    return datetime.combine(parse_date(text), datetime.min.time())


class DateTextField(StringField):
    """A date typed as text (``2026-12-03``) whose ``data`` stays the text: for forms that parse their
    dates together (a report's period)."""

    placeholder = _l("YYYY-MM-DD")
    pattern = r"\d{4}-\d{1,2}-\d{1,2}".replace("\\d", BROWSER_DIGIT)

    def __call__(self, **kwargs):
        kwargs.setdefault("placeholder", str(self.placeholder))
        kwargs.setdefault("pattern", self.pattern)
        kwargs.setdefault("inputmode", "numeric")
        kwargs.setdefault("autocomplete", "off")
        kwargs.setdefault("size", 16)
        return super().__call__(**kwargs)


class _TypedDateField(ParsedTextField, DateTextField):
    """A text input holding a date as text; ``data`` is the parsed value or None when left empty."""

    message = _l("Write the date as YYYY-MM-DD, e.g. 2026-12-03.")
    shown = "%Y-%m-%d"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("description", self.message)
        super().__init__(*args, **kwargs)

    def parse(self, text: str):
        return parse_date(text)

    def show(self, value) -> str:
        return value.strftime(self.shown) if value else ""


class IsoDateField(_TypedDateField):
    """A day: ``2026-12-03``."""


class IsoDateTimeField(_TypedDateField):
    """A day and a time: ``2026-12-03 14:30`` (the time may be left out: midnight)."""

    message = _l("Write the date and time as YYYY-MM-DD HH:MM, e.g. 2026-12-03 14:30.")
    placeholder = _l("YYYY-MM-DD HH:MM")
    pattern = r"\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}[:.]\d{2}(:\d{2})?)?".replace("\\d", BROWSER_DIGIT)
    shown = "%Y-%m-%d %H:%M"

    def parse(self, text: str):
        return parse_datetime(text)
