"""EAN-13 as scanners read it: the check digit, a valid code, and scanned text cleaned up."""

import re

from boutique.core.digits import ascii_digits

_THIRTEEN_DIGITS = re.compile(r"^[0-9]{13}$")


def check_digit(first12: str) -> str:
    """The EAN-13 check digit of 12 ASCII digits (weights 1, 3 from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def is_valid_ean13(code: str) -> bool:
    return bool(_THIRTEEN_DIGITS.match(code)) and check_digit(code[:12]) == code[12]


def clean_scan(text: str) -> str:
    """What a scanner or a person typed, without the Enter/CR/LF and spaces around it, in ASCII digits."""
    return ascii_digits(text or "").strip().replace(" ", "")
