"""Money: strict parsing, Swedish formatting, cash rounding (properties and examples)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boutique.core.money import (
    MAX_ORE,
    MoneyError,
    check_ore,
    format_input,
    format_ore,
    markdown_price,
    parse_kronor,
    percent_of,
    round_cash,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(("text", "ore"), [
    ("129,50", 12950), ("129.50", 12950), ("129", 12900), ("129,5", 12950), ("0,01", 1),
    ("1 234,50", 123450), (f"1{NBSP}234,50", 123450), ("1234,50", 123450), ("12 345 678", 1234567800),
    (" 49 kr ", 4900), ("129:-", 12900), ("0", 0),
])
def test_parses_swedish_and_plain_amounts(text, ore):
    assert parse_kronor(text) == ore


@pytest.mark.parametrize("text", [
    "NaN", "nan", "Infinity", "-inf", "1e3", "1E3", "0x10", "१२३", "১২৩", "１２３", "12,345", "1,2,3", "1.234,50",
    "", " ", "kr", "12 34", "1 2345", "--1", "+5", "12.", ",5", "1_000", "9" * 30, "2147483648",
])
def test_rejects_what_is_not_a_plain_amount(text):
    with pytest.raises(MoneyError):
        parse_kronor(text)


@pytest.mark.parametrize(("text", "ore"), [("١٢٩", 12900), ("١٢٩,٥٠", 12950), ("١٢٩٫٥٠", 12950), ("۱۲۹٫۵", 12950),
                                         ("۱ ۲۳۴,۵۰ kr", 123450), ("٤٩:-", 4900)])
def test_arabic_indic_and_persian_digits_are_read_as_the_same_digits(text, ore):
    assert parse_kronor(text) == ore


def test_negative_and_zero_only_where_allowed():
    with pytest.raises(MoneyError):
        parse_kronor("-5")
    assert parse_kronor("-5,25", allow_negative=True) == -525
    with pytest.raises(MoneyError):
        parse_kronor("0", allow_zero=False)


def test_check_ore_refuses_floats_booleans_and_out_of_range():
    for bad in (1.0, True, "100", None, MAX_ORE + 1, -1):
        with pytest.raises(MoneyError):
            check_ore(bad)
    assert check_ore(MAX_ORE) == MAX_ORE


def test_formats_in_swedish_with_no_break_spaces():
    assert format_ore(123450) == f"1{NBSP}234,50{NBSP}kr"
    assert format_ore(5) == f"0,05{NBSP}kr"
    assert format_ore(-14950) == f"-149,50{NBSP}kr"
    assert format_ore(100000000) == f"1{NBSP}000{NBSP}000,00{NBSP}kr"
    assert format_input(123450) == "1234,50"


@pytest.mark.parametrize(("exact", "rounded"), [
    (14901, 14900), (14949, 14900), (14950, 15000), (14999, 15000), (14900, 14900), (0, 0), (49, 0), (50, 100),
    (-14950, -15000), (-14949, -14900),
])
def test_cash_rounding_to_whole_kronor(exact, rounded):
    assert round_cash(exact) == rounded


@given(st.integers(min_value=0, max_value=MAX_ORE))
def test_format_then_parse_round_trips(ore):
    assert parse_kronor(format_ore(ore)) == ore
    assert parse_kronor(format_input(ore)) == ore


@given(st.integers(min_value=-MAX_ORE, max_value=MAX_ORE))
def test_cash_rounding_is_whole_kronor_within_half_a_krona(ore):
    rounded = round_cash(ore)
    assert rounded % 100 == 0
    assert abs(rounded - ore) <= 50
    assert round_cash(-ore) == -rounded


@given(st.integers(min_value=0, max_value=MAX_ORE), st.integers(min_value=0, max_value=2))
def test_more_than_two_decimals_is_refused(kronor, extra):
    with pytest.raises(MoneyError):
        parse_kronor(f"{kronor},{'1' * (3 + extra)}")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
def test_parser_never_crashes_and_only_returns_in_range_integers(text):
    try:
        ore = parse_kronor(text)
    except MoneyError:
        return
    assert isinstance(ore, int) and 0 <= ore <= MAX_ORE
    assert all(c in "0123456789,.:-krsekKRSEKonr" or c.isspace() for c in text)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_markdown_is_whole_kronor_and_never_above_asking(asking, percent):
    price = markdown_price(asking, percent)
    assert price <= asking
    if asking >= 100:
        assert price % 100 == 0 and price >= 100


def test_percent_of_rounds_half_away_from_zero():
    assert percent_of(14950, 10) == 1495
    assert percent_of(1, 50) == 1
    assert percent_of(-1, 50) == -1
