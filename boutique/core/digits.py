"""Digits as people type them: Arabic-Indic (٠–٩) and Persian (۰–۹) digits read as 0–9.

A participant with an Arabic or Persian keyboard types a price, a weight, a code or a PIN in the digits
of that keyboard. Every parser of numbers (money, weights, item codes and badges, PINs, dates, whole
numbers) passes what was typed through ``ascii_digits`` first, so those two digit sets mean what they
say everywhere (forms, the till's scan, the API). Other non-ASCII digits stay what they were, and the
parsers, which accept [0-9] only, still refuse them. Numbers are always shown in Western digits.
"""

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"  # U+0660–U+0669
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0–U+06F9 (Extended Arabic-Indic, also Urdu)
ARABIC_DECIMAL_SEPARATOR = "\u066b"  # ٫ on an Arabic or Persian keyboard: the decimal comma

_TABLE = str.maketrans(ARABIC_INDIC + PERSIAN + ARABIC_DECIMAL_SEPARATOR, "0123456789" * 2 + ",")


def ascii_digits(text):
    """``text`` with Arabic-Indic and Persian digits as ASCII digits (and ٫ as a decimal comma);
    anything that is not a string is given back as it is."""
    return text.translate(_TABLE) if isinstance(text, str) else text
