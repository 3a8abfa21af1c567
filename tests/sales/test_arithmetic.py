"""Cart arithmetic: totals, cash rounding of the cash part only, change (examples and properties)."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from boutique.core.errors import InvalidInput
from boutique.core.money import round_cash, vat_part
from boutique.sales.arithmetic import cart_total, discount_amount, settle, settle_refund
from boutique.sales.vat import vat_rows

prices = st.integers(min_value=1, max_value=500_000)


@pytest.mark.parametrize(("total", "rounded", "rounding"), [
    (14949, 14900, -49), (14950, 15000, 50), (14901, 14900, -1), (14999, 15000, 1), (14900, 14900, 0),
])
def test_cash_is_rounded_to_whole_kronor_on_both_sides_of_50_ore(total, rounded, rounding):
    result = settle(total, [("cash", 20000)])
    assert (result.cash_ore, result.rounding_ore, result.change_ore) == (rounded, rounding, 20000 - rounded)


def test_only_the_cash_part_of_a_split_payment_is_rounded():
    # 249,50 total: 100,00 by card exactly, 149,50 left in cash -> 150,00 taken, +50 rounding.
    result = settle(24950, [("card", 10000), ("cash", 20000)])
    assert (result.card_ore, result.cash_ore, result.rounding_ore, result.change_ore) == (10000, 15000, 50, 5000)
    # 249,49: cash part 149,49 -> 149,00, rounded down.
    result = settle(24949, [("card", 10000), ("swish", 5000), ("cash", 10000)])
    assert (result.cash_exact_ore, result.cash_ore, result.rounding_ore, result.change_ore) == (9949, 9900, -49, 100)


def test_card_and_swish_are_never_rounded():
    result = settle(14950, [("card", 10050), ("swish", 4900)])
    assert (result.rounding_ore, result.cash_ore, result.paid_ore) == (0, 0, 14950)


def test_a_short_payment_is_refused_with_the_amount_due():
    with pytest.raises(InvalidInput) as error:
        settle(14950, [("cash", 14950)])  # 149,50 rounds up to 150,00 in cash
    assert error.value.code == "payment_short"
    assert error.value.details == {"due_ore": 15000, "tendered_ore": 14950}
    with pytest.raises(InvalidInput) as error:
        settle(10000, [("card", 9000)])
    assert error.value.code == "payment_short"


def test_card_over_the_total_is_refused_because_only_cash_gives_change():
    with pytest.raises(InvalidInput) as error:
        settle(10000, [("card", 10001)])
    assert error.value.code == "overpaid"


def test_a_cash_refund_is_rounded_symmetrically():
    refund = settle_refund(-14950, "cash")
    assert (refund.cash_ore, refund.rounding_ore) == (-15000, -50)
    refund = settle_refund(-14949, "cash")
    assert (refund.cash_ore, refund.rounding_ore) == (-14900, 49)
    assert settle_refund(-14950, "card").card_ore == -14950


def test_discounts_by_amount_and_percent():
    assert discount_amount(14900, "percent", 10) == 1490
    assert discount_amount(14950, "percent", 50) == 7475
    assert discount_amount(14900, "amount", 4900) == 4900
    for kind, value in (("amount", 14901), ("amount", 0), ("percent", 0), ("percent", 101), ("free", 1)):
        with pytest.raises(InvalidInput):
            discount_amount(14900, kind, value)


@given(st.lists(prices, min_size=1, max_size=30), st.integers(0, 100), st.integers(0, 100),
       st.integers(0, 10_000).map(lambda kronor: kronor * 100))
def test_payments_always_add_up_to_total_plus_rounding(amounts, card_share, swish_share, extra_cash):
    total = cart_total(amounts)
    card = total * card_share // 100
    swish = (total - card) * swish_share // 100
    cash_due = round_cash(total - card - swish)
    result = settle(total, [("card", card), ("swish", swish), ("cash", cash_due + extra_cash)])
    assert result.total_ore == sum(amounts)
    assert result.paid_ore == total + result.rounding_ore
    assert result.card_ore + result.swish_ore + result.cash_ore == total + result.rounding_ore
    assert -49 <= result.rounding_ore <= 50
    assert result.cash_ore % 100 == 0
    assert result.change_ore == extra_cash >= 0
    assert result.tendered_ore - result.change_ore == result.cash_ore


@given(prices, st.integers(1, 10_000))
def test_any_cash_short_of_the_rounded_amount_is_refused(total, short):
    due = round_cash(total)
    assume(due - short >= 0)
    with pytest.raises(InvalidInput):
        settle(total, [("cash", due - short)])


@given(st.lists(st.tuples(st.sampled_from([0, 6, 12, 25]), prices), min_size=1, max_size=20))
def test_vat_rows_sum_to_the_lines_and_vat_is_within_half_an_ore(lines):
    rows = vat_rows(lines)
    assert sum(row.gross_ore for row in rows) == sum(amount for _, amount in lines)
    for row in rows:
        exact = row.gross_ore * row.rate_percent / (100 + row.rate_percent)
        assert abs(row.vat_ore - exact) <= 0.5
        assert row.vat_ore == vat_part(row.gross_ore, row.rate_percent)
        assert row.net_ore + row.vat_ore == row.gross_ore


def test_vat_of_a_25_percent_line():
    assert vat_part(12500, 25) == 2500
    assert vat_part(-12500, 25) == -2500
    assert vat_part(10000, 6) == 566
    assert vat_part(10000, 0) == 0
