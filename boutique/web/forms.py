"""Form fields every area shares: kronor, kilograms and whole numbers parsed strictly at the edge,
scanned codes, and a select's options."""

import re
from collections.abc import Iterable, Mapping

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, StringField, TextAreaField

from boutique.core.digits import ascii_digits
from boutique.core.money import MoneyError, format_input, parse_kronor
from boutique.core.units import WeightError, format_kilograms_input, parse_kilograms

_SEPARATORS = re.compile(r"[\s,;]+")


class ParsedTextField(StringField):
    """A text field parsed at the edge; an empty field is ``None`` (pair with Optional/InputRequired).
    Subclasses give ``parse`` (raising ValueError), ``show`` and the ``message`` said when parsing fails."""

    message = _l("That is not valid.")

    def parse(self, text: str):
        raise NotImplementedError

    def show(self, value) -> str:
        return "" if value is None else str(value)

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else self.show(self.data)

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and not valuelist[0].strip():
            self.raw_data = []  # only spaces is no input: InputRequired asks for it, as for an empty field
        elif valuelist:
            try:
                self.data = self.parse(valuelist[0])
            except ValueError:
                raise ValueError(str(self.message)) from None


class KronorField(ParsedTextField):
    """Swedish amounts (``129,50``, ``129:-``) into öre, through money.parse_kronor."""

    message = _l("Write an amount in kronor, e.g. 129 or 129,50.")

    def __init__(self, *args, allow_zero: bool = True, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(*args, **kwargs)
        self.allow_zero = allow_zero

    def parse(self, text: str) -> int:
        try:
            return parse_kronor(text, allow_zero=self.allow_zero)
        except MoneyError as error:
            raise ValueError(str(error)) from None

    def show(self, value) -> str:
        return format_input(value)


class KilogramsField(ParsedTextField):
    """Kilograms with a decimal comma (``2,5``) into grams, through units.parse_kilograms."""

    message = _l("Write the weight in kilograms, e.g. 2,5.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(*args, **kwargs)

    def parse(self, text: str) -> int:
        try:
            return parse_kilograms(text)
        except WeightError as error:
            raise ValueError(str(error)) from None

    def show(self, value) -> str:
        return format_kilograms_input(value)


class WholeNumberField(ParsedTextField):
    """A whole number in a range: ASCII digits, or Arabic-Indic and Persian ones read as such (``int()``
    alone would accept any script's digits)."""

    def __init__(self, *args, minimum: int = 0, maximum: int = 1000, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(*args, **kwargs)
        self.minimum, self.maximum = minimum, maximum
        self.message = _l("Write a whole number from %(min)s to %(max)s.", min=minimum, max=maximum)

    def parse(self, text: str) -> int:
        text = ascii_digits(text).strip()
        if not re.fullmatch(r"[0-9]{1,9}", text) or not self.minimum <= int(text) <= self.maximum:
            raise ValueError("out of range")
        return int(text)


class CodesField(TextAreaField):
    """Scanned codes, one per line (a scanner ends each with Enter) or separated by spaces/commas."""

    def process_data(self, value):
        self.data = list(value or [])  # a form posted without this field has no codes (not None)

    def process_formdata(self, valuelist):
        self.raw_text = "\n".join(v for v in valuelist if v) if valuelist else ""
        self.data = [code for code in _SEPARATORS.split(self.raw_text) if code]

    def _value(self) -> str:
        return getattr(self, "raw_text", "") or "\n".join(self.data or [])


# WTForms 3.3 deprecates (value, label) tuples and a dict of lists as a select's choices (gone in 3.4):
# every select takes its options from these two, as the SelectChoice objects WTForms asks for.
def options(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """A select's options from (value, label) pairs, in their order."""
    return [SelectChoice(value, label) for value, label in pairs]


def grouped(groups: Mapping[str, Iterable[tuple[object, str]]]) -> list[SelectChoice]:
    """A select's options in option groups: {group label: (value, label) pairs}, in their order."""
    return [SelectChoice(value, label, optgroup=group) for group, pairs in groups.items() for value, label in pairs]
