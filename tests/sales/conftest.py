"""Till fixtures: an open till, a cashier, and a quick way to sell."""

from collections.abc import Callable

import pytest

from boutique.auth.models import User
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.places.models import Till
from boutique.sales.models import Sale
from boutique.sales.services.days import open_till
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.selling import PaymentRequest, checkout


@pytest.fixture
def cashier(make_user) -> User:
    return make_user(Role.participant, username="kassor", display_name="Amira")


@pytest.fixture
def open_till_(make_till, cashier) -> Callable[..., Till]:
    def make(code: str = "SKH-1", location: str = "SKH", float_ore: int = 100000, at=None) -> Till:
        till = make_till(code, location)
        open_till(db.session, till=till, user=cashier, float_ore=float_ore, at=at)
        db.session.commit()
        return till

    return make


@pytest.fixture
def till(open_till_) -> Till:
    return open_till_()


@pytest.fixture
def sell(cashier) -> Callable[..., Sale]:
    """``sell(till, [item, ...] or LineRequest..., cash=..., card=..., swish=...)`` → a committed sale;
    with no payment given, the exact total in card."""

    def do(till: Till, things, *, cash: int | None = None, card: int | None = None, swish: int | None = None,
           training: bool = False, at=None, user: User | None = None) -> Sale:
        lines = [thing if isinstance(thing, LineRequest) else LineRequest(code=thing.code) for thing in things]
        payments = [PaymentRequest(method, amount) for method, amount in
                    (("cash", cash), ("card", card), ("swish", swish)) if amount is not None]
        if not payments:
            from boutique.sales.services.lines import price_lines

            priced = price_lines(db.session, lines, cashier=user or cashier, limit_percent=100, at=at or _now())
            payments = [PaymentRequest("card", sum(line.amount_ore for line in priced))]
        sale = checkout(db.session, till=till, cashier=user or cashier, lines=lines, payments=payments,
                        training=training, at=at)
        db.session.commit()
        return sale

    return do


def _now():
    from boutique.core import clock

    return clock.now()
