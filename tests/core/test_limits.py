"""The input limits every form, API schema and service shares (core/limits.py)."""

import pytest

from boutique.core.limits import DB_INT_MAX, is_integer, is_whole, may_be_row_id
from boutique.core.money import MAX_ORE
from boutique.core.units import MAX_GRAMS


def test_one_ceiling_for_ids_amounts_and_weights():
    assert MAX_ORE == MAX_GRAMS == DB_INT_MAX == 2**31 - 1


@pytest.mark.parametrize(("value", "expected"), [(0, True), (-3, True), (DB_INT_MAX + 1, True), (True, False),
                                                 (False, False), (2.0, False), ("2", False), (None, False)])
def test_an_integer_is_never_a_boolean_a_float_or_a_text(value, expected):
    assert is_integer(value) is expected


@pytest.mark.parametrize(("value", "low", "high", "expected"), [
    (0, 0, 5, True), (5, 0, 5, True), (6, 0, 5, False), (-1, 0, 5, False), (0, 1, 5, False),
    (DB_INT_MAX, 1, DB_INT_MAX, True), (DB_INT_MAX + 1, 1, DB_INT_MAX, False), (True, 0, 5, False), (1.0, 0, 5, False),
])
def test_whole_numbers_within_their_range(value, low, high, expected):
    assert is_whole(value, low=low, high=high) is expected


def test_whole_numbers_default_to_the_database_integer():
    assert is_whole(DB_INT_MAX) and not is_whole(DB_INT_MAX + 1) and not is_whole(-1)


@pytest.mark.parametrize(("number", "expected"), [(1, True), (DB_INT_MAX, True), (0, False), (-1, False),
                                                  (DB_INT_MAX + 1, False), (10**30, False)])
def test_only_a_number_a_database_integer_holds_can_name_a_row(number, expected):
    assert may_be_row_id(number) is expected
