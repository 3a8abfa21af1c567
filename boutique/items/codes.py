"""Item codes: EAN-13 with the in-store prefix 29 (never 20–25, Sweden's variable-weight prefixes)."""


from flask_babel import lazy_gettext as _l

from boutique.core.ean13 import _THIRTEEN_DIGITS, check_digit, clean_scan
from boutique.core.errors import InvalidInput

ITEM_PREFIX = "29"
SERIAL_DIGITS = 10


def item_code(serial: int) -> str:
    if not 0 < serial < 10**SERIAL_DIGITS:
        raise ValueError("serial out of range")
    first12 = f"{ITEM_PREFIX}{serial:0{SERIAL_DIGITS}d}"
    return first12 + check_digit(first12)


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
