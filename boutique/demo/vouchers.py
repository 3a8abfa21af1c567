"""Demo gift vouchers: sold at Skärholmen's open till today, one of them already part spent there."""

from datetime import timedelta

from sqlalchemy.orm import Session

from boutique.core import clock
from boutique.core.roles import Role
from boutique.sales.services.days import open_day
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.selling import PaymentRequest, checkout


def load(session: Session, context) -> None:
    till = context.tills.get("SKH-1")
    cashiers = [u for u in context.users.values() if u.role in (Role.participant, Role.supervisor)]
    if till is None or not cashiers or open_day(session, till) is None:
        return
    now = clock.now()
    # Through the till's one checkout, like every demo sale: two vouchers by card, one by Swish.
    gifts = checkout(session, till=till, cashier=cashiers[0], at=now - timedelta(minutes=15),
                     lines=[LineRequest(voucher_ore=50000), LineRequest(voucher_ore=20000)],
                     payments=[PaymentRequest("card", 70000)])
    checkout(session, till=till, cashier=cashiers[-1], at=now - timedelta(minutes=12),
             lines=[LineRequest(voucher_ore=30000)], payments=[PaymentRequest("swish", 30000)])
    spent = gifts.lines[0].voucher
    checkout(session, till=till, cashier=cashiers[0], at=now - timedelta(minutes=8),
             lines=[LineRequest(description="Tygkasse Ny Form", category="new-goods", price_ore=14900)],
             payments=[PaymentRequest("voucher", 14900, spent.code)])
    context.extra["vouchers"] = {"part_spent": spent.code, "unused": gifts.lines[1].voucher.code}
