"""Voucher codes: EAN-13 with the in-store prefix 27 (items are 29, badges 28), digits only like every
code a USB scanner types. The ten digits after the prefix are random, not a serial: a voucher is
money to whoever holds its code, so the next code must not be guessable from the last."""

import secrets

from flask_babel import lazy_gettext as _l

from boutique.core.ean13 import check_digit, clean_scan, is_valid_ean13
from boutique.core.errors import InvalidInput

VOUCHER_PREFIX = "27"


def new_code() -> str:
    first12 = f"{VOUCHER_PREFIX}{secrets.randbelow(10**10):010d}"
    return first12 + check_digit(first12)


def looks_like_voucher(text: str) -> bool:
    """Whether a scan is a voucher's code (13 digits, prefix 27), valid or not: the till then answers
    about a voucher, not an item."""
    code = clean_scan(text)
    return len(code) == 13 and code.isascii() and code.isdigit() and code.startswith(VOUCHER_PREFIX)


def parse_voucher_code(text: str) -> str:
    """A valid voucher code from scanned or typed text, or InvalidInput saying what is wrong."""
    code = clean_scan(text)
    if not looks_like_voucher(code):
        raise InvalidInput(_l("A gift voucher's code is 13 digits beginning with 27."), code="invalid_voucher_code")
    if not is_valid_ean13(code):
        raise InvalidInput(_l("That voucher code's check digit is wrong: it was misread or mistyped. Scan again."),
                           code="invalid_voucher_code")
    return code


def not_an_item(text: str) -> InvalidInput:
    """422 for a voucher's code where an item's is asked for (a scan): it is a payment, not goods."""
    code = clean_scan(text)
    return InvalidInput(_l("%(code)s is a gift voucher's code, not an item's: pay with it.", code=code),
                        code="voucher_not_item", details={"voucher": code})
