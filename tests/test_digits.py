"""Arabic-Indic and Persian digits read as ASCII digits at the edge; other scripts' digits are left alone."""

import pytest

from boutique.auth.badges import badge_code, user_id_from_badge
from boutique.core.digits import ascii_digits
from boutique.core.units import parse_kilograms
from boutique.items.codes import parse_item_code
from boutique.web.datefields import parse_date

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def test_both_digit_sets_become_ascii_and_nothing_else_changes():
    assert ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert ascii_digits("١٢٩٫٥٠ kr") == "129,50 kr"
    assert ascii_digits("ዘርዚ ١ زهرا १२ １２") == "ዘርዚ 1 زهرا १२ １２"  # Devanagari and full-width stay
    assert ascii_digits(None) is None


@pytest.mark.parametrize("digits", [ARABIC, PERSIAN], ids=["arabic-indic", "persian"])
def test_codes_badges_weights_and_dates_read_the_same(digits):
    code = "2900000000018"
    assert parse_item_code(code.translate(digits)) == code
    assert user_id_from_badge(badge_code(42).translate(digits)) == 42
    assert parse_kilograms("2,5".translate(digits)) == 2500
    assert str(parse_date("2026-12-03".translate(digits))) == "2026-12-03"


def test_other_scripts_digits_are_still_refused():
    with pytest.raises(ValueError):
        parse_date("२०२६-१२-०३")
    assert user_id_from_badge(badge_code(42).translate(str.maketrans("0123456789", "०१२३४५६७८९"))) is None
