"""Cart arithmetic: line discounts, totals and settling a total with cash, card, Swish and gift vouchers.

Pure functions over integers (no database, no Flask), so they can be property-tested. Only the
cash part of a payment is rounded (money.round_cash); card, Swish and gift vouchers are exact.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from boutique.core.errors import InvalidInput
from boutique.core.money import MAX_ORE, format_ore, is_whole_kronor, percent_of, round_cash
from boutique.sales.models import PaymentMethod

DISCOUNT_KINDS = ("amount", "percent")


def discount_amount(price_ore: int, kind: str | None, value: int | None) -> int:
    """The öre taken off a line of ``price_ore``: an amount (at most the price) or 1–100 %."""
    if not kind:
        return 0
    if kind == "percent":
        if value is None or not 0 < value <= 100:
            raise InvalidInput(_l("A percentage discount is 1 to 100 %."), code="invalid_discount")
        return percent_of(price_ore, value)
    if kind == "amount":
        if value is None or not 0 < value <= price_ore:
            raise InvalidInput(_l("A discount is more than zero and at most the line's price."),
                               code="invalid_discount")
        return value
    raise InvalidInput(_l("A discount is an amount or a percentage."), code="invalid_discount")


def discount_percent(price_ore: int, discount_ore: int) -> float:
    """How large a discount is, as a percentage of the line's price (for the approval limit)."""
    return 100.0 * discount_ore / price_ore if price_ore else 0.0


def cart_total(amounts: Iterable[int]) -> int:
    total = sum(amounts)
    if abs(total) > MAX_ORE:
        raise InvalidInput(_l("The total is too large for one receipt."), code="total_too_large")
    return total


@dataclass(frozen=True)
class Settlement:
    """How a total is paid: what each method takes, the cash rounding and the change."""

    total_ore: int
    card_ore: int
    swish_ore: int
    cash_exact_ore: int  # the part left for cash, before rounding
    cash_ore: int  # the cash the till keeps: cash_exact rounded to whole kronor
    rounding_ore: int  # cash_ore - cash_exact_ore
    tendered_ore: int  # cash handed over
    change_ore: int  # tendered - cash_ore
    voucher_ore: int = 0  # paid with gift vouchers

    @property
    def paid_ore(self) -> int:
        """What the customer pays in all: total + rounding (= card + swish + vouchers + cash)."""
        return self.card_ore + self.swish_ore + self.voucher_ore + self.cash_ore

    def by_method(self) -> dict[PaymentMethod, int]:
        amounts = {PaymentMethod.cash: self.cash_ore, PaymentMethod.card: self.card_ore,
                   PaymentMethod.swish: self.swish_ore, PaymentMethod.voucher: self.voucher_ore}
        return {method: amount for method, amount in amounts.items()
                if amount or (method == PaymentMethod.cash and (self.tendered_ore or self.cash_exact_ore))}


def settle(total_ore: int, payments: Iterable[tuple[PaymentMethod | str, int]]) -> Settlement:
    """Settle a sale's total. Card and Swish pay exact amounts and may not exceed the total; whatever is
    left is paid in cash, and only that cash part is rounded to whole kronor. So a sale with something
    left for cash needs a cash payment line, even when that part rounds to 0 kr (a 0,40 kr sale is paid
    with "cash 0"), and the cash handed over is whole kronor, as is the change."""
    sums = {method: 0 for method in PaymentMethod}
    named = set()
    for method, amount in payments:
        if amount < 0:
            raise InvalidInput(_l("A payment cannot be negative."), code="invalid_payment")
        sums[PaymentMethod(method)] += amount
        named.add(PaymentMethod(method))
    card, swish, tendered = sums[PaymentMethod.card], sums[PaymentMethod.swish], sums[PaymentMethod.cash]
    if card + swish > total_ore:
        raise InvalidInput(
            _l("Card and Swish together (%(paid)s) are more than the total (%(total)s). Only cash gives change.",
               paid=format_ore(card + swish), total=format_ore(total_ore)), code="overpaid")
    voucher = sums[PaymentMethod.voucher]
    if voucher > total_ore - card - swish:
        raise InvalidInput(
            _l("A gift voucher pays at most what is left to pay (%(left)s); it gives no change.",
               left=format_ore(max(total_ore - card - swish, 0))), code="overpaid")
    cash_exact = total_ore - card - swish - voucher
    if cash_exact > 0 and PaymentMethod.cash not in named:
        raise InvalidInput(
            _l("%(left)s is left to pay. Card and Swish pay exact amounts; only a cash payment is rounded "
               "(in cash: %(due)s). Nothing was sold.", left=format_ore(cash_exact),
               due=format_ore(round_cash(cash_exact))),
            code="payment_short",
            details={"left_ore": cash_exact, "due_ore": round_cash(cash_exact), "tendered_ore": 0})
    cash = round_cash(cash_exact)
    if tendered < cash:
        raise InvalidInput(
            _l("The payment is %(short)s short: %(due)s is due in cash, %(given)s was given. Nothing was sold.",
               short=format_ore(cash - tendered), due=format_ore(cash), given=format_ore(tendered)),
            code="payment_short", details={"due_ore": cash, "tendered_ore": tendered})
    if tendered > MAX_ORE:
        raise InvalidInput(_l("That cash amount is too large."), code="invalid_payment")
    if not is_whole_kronor(tendered):
        raise InvalidInput(
            _l("Cash is handed over in whole kronor (%(given)s was written): there are no öre coins to give "
               "back as change.", given=format_ore(tendered)), code="cash_not_whole_kronor")
    return Settlement(total_ore=total_ore, card_ore=card, swish_ore=swish, cash_exact_ore=cash_exact,
                      cash_ore=cash, rounding_ore=cash - cash_exact, tendered_ore=tendered,
                      change_ore=tendered - cash, voucher_ore=voucher)


def settle_refund(total_ore: int, method: PaymentMethod | str) -> Settlement:
    """A return's (negative) total paid back by one method; a cash refund is rounded the same way."""
    method = PaymentMethod(method)
    if method == PaymentMethod.cash:
        cash = round_cash(total_ore)
        return Settlement(total_ore=total_ore, card_ore=0, swish_ore=0, cash_exact_ore=total_ore, cash_ore=cash,
                          rounding_ore=cash - total_ore, tendered_ore=0, change_ore=0)
    return Settlement(total_ore=total_ore, card_ore=total_ore if method == PaymentMethod.card else 0,
                      swish_ore=total_ore if method == PaymentMethod.swish else 0, cash_exact_ore=0,
                      cash_ore=0, rounding_ore=0, tendered_ore=0, change_ore=0,
                      voucher_ore=total_ore if method == PaymentMethod.voucher else 0)


def cash_due(total_ore: int) -> int:
    """What a customer paying all in cash hands over at least: the total rounded to whole kronor."""
    return round_cash(total_ore)
