"""Kilograms as people type them, strictly parsed into grams."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boutique.core.units import WeightError, format_kilograms_input, parse_kilograms


@pytest.mark.parametrize(("text", "grams"), [
    ("2,5", 2500), ("2.5", 2500), ("2", 2000), ("0,001", 1), ("12,125 kg", 12125), (" 1 250,5 ", 1_250_500),
    ("3kg", 3000), ("1\u00a0000", 1_000_000)])
def test_kilograms_become_grams(text, grams):
    assert parse_kilograms(text) == grams


@pytest.mark.parametrize("text", ["", "abc", "2,5555", "-1", "1e3", "NaN", "inf", "٢,,٥", "２", "2,,5", "0", "0,000",
                                  "1 25", "2,5 lb", "9" * 30, "3000000"])
def test_bad_weights_are_refused(text):
    with pytest.raises(WeightError):
        parse_kilograms(text)


def test_zero_only_when_allowed_and_non_text_refused():
    assert parse_kilograms("0", allow_zero=True) == 0
    with pytest.raises(WeightError):
        parse_kilograms(2.5)


@given(st.integers(min_value=1, max_value=2_000_000_000))
def test_formatted_grams_parse_back(grams):
    assert parse_kilograms(format_kilograms_input(grams)) == grams
