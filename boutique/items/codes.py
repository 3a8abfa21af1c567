"""Item codes: EAN-13 with the in-store prefix 29 (never 20–25, Sweden's variable-weight prefixes)."""

import re

from flask_babel import lazy_gettext as _l

from boutique.digits import ascii_digits
from boutique.errors import InvalidInput

ITEM_PREFIX = "29"
SERIAL_DIGITS = 10
_THIRTEEN_DIGITS = re.compile(r"^[0-9]{13}$")


def check_digit(first12: str) -> str:
    """The EAN-13 check digit of 12 ASCII digits (weights 1, 3 from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def is_valid_ean13(code: str) -> bool:
    return bool(_THIRTEEN_DIGITS.match(code)) and check_digit(code[:12]) == code[12]


def item_code(serial: int) -> str:
    if not 0 < serial < 10**SERIAL_DIGITS:
        raise ValueError("serial out of range")
    first12 = f"{ITEM_PREFIX}{serial:0{SERIAL_DIGITS}d}"
    return first12 + check_digit(first12)


def clean_scan(text: str) -> str:
    """What a scanner or a person typed, without the Enter/CR/LF and spaces around it, in ASCII digits."""
    return ascii_digits(text or "").strip().replace(" ", "")


def parse_item_code(text: str) -> str:
    """A valid item code from scanned or typed text, or InvalidInput saying what is wrong."""
    code = clean_scan(text)
    if not _THIRTEEN_DIGITS.match(code):
        raise InvalidInput(_l("An item code is 13 digits. Scan again or type the digits under the bars."),
                           code="invalid_code")
    if check_digit(code[:12]) != code[12]:
        raise InvalidInput(_l("That code's check digit is wrong: it was misread or mistyped. Scan again."),
                           code="invalid_code")
    return code
