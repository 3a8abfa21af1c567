"""Personal badges: an EAN-13 with in-store prefix 28 carrying the user's id, scanned at the till
to switch cashier (a short PIN confirms). Distinct from item codes (prefix 29)."""

from boutique.core.ean13 import check_digit, clean_scan, is_valid_ean13

BADGE_PREFIX = "28"


def badge_code(user_id: int) -> str:
    first12 = f"{BADGE_PREFIX}{user_id:010d}"
    return first12 + check_digit(first12)


def user_id_from_badge(text: str) -> int | None:
    """The user id a scanned badge carries, or None when the text is not a valid badge code."""
    code = clean_scan(text)
    if not is_valid_ean13(code) or not code.startswith(BADGE_PREFIX):
        return None
    return int(code[2:12])
