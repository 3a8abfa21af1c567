"""The till's fixtures (an open till, a cashier, a quick sale) and a voucher sold at it."""

from collections.abc import Callable

import pytest

from boutique.extensions import db
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.selling import PaymentRequest, checkout
from boutique.vouchers.models import GiftVoucher
from tests.sales.conftest import cashier, open_till_, sell, till  # noqa: F401  # the till's own fixtures


@pytest.fixture
def sell_voucher(cashier) -> Callable[..., GiftVoucher]:  # noqa: F811
    """``sell_voucher(till, amount_ore)`` → a voucher sold for cash at ``till``, committed."""

    def do(till, amount_ore: int = 50000, at=None) -> GiftVoucher:  # noqa: F811
        sale = checkout(db.session, till=till, cashier=cashier, lines=[LineRequest(voucher_ore=amount_ore)],
                        payments=[PaymentRequest("cash", amount_ore)], at=at)
        db.session.commit()
        return sale.lines[0].voucher

    return do
