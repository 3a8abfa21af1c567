"""One gift voucher spent at twenty tills at the same instant, against real gunicorn workers: it is spent at
most to zero, every winner's receipt and balance change is whole, and no loser leaves anything behind."""

import uuid
from collections import Counter

import pytest
import requests
from sqlalchemy import func, select

from boutique.auth.services import create_token
from boutique.extensions import db
from boutique.sales.models import Payment, PaymentMethod
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.selling import PaymentRequest, checkout
from boutique.vouchers.models import GiftVoucher, VoucherEvent
from tests.sales.test_concurrency import THREADS, _assert_receipts_unbroken, _race, _tills

pytestmark = pytest.mark.server


def _spend(server, token, till, code):
    """A 150 kr manual line: 100 kr from the voucher, the rest by card."""
    return requests.post(server.url("/api/v1/sales"), timeout=60, json={
        "till": till, "lines": [{"description": "Kopp", "category": "interior", "price_ore": 15000}],
        "payments": [{"method": "voucher", "code": code, "amount_ore": 10000}, {"method": "card", "amount_ore": 5000}]},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex})


def _voucher_state(voucher_id):
    db.session.rollback()  # a fresh snapshot, and none held while the servers write
    balance = db.session.scalar(select(GiftVoucher.balance_ore).where(GiftVoucher.id == voucher_id))
    events = db.session.execute(select(func.count(VoucherEvent.id), func.sum(VoucherEvent.amount_ore))
                                .where(VoucherEvent.voucher_id == voucher_id)).one()
    payments = db.session.scalar(select(func.count(Payment.id)).where(Payment.method == PaymentMethod.voucher))
    db.session.rollback()
    return balance, tuple(events), payments


def test_twenty_tills_spending_one_voucher_at_once_spend_it_at_most_to_zero(live_server, make_till, make_user):
    seller = make_user("participant")
    token = create_token(db.session, seller)
    tills = _tills(make_till, seller, [f"GIFT-{n}" for n in range(1, THREADS + 1)])
    sold = checkout(db.session, till=tills[0], cashier=seller, lines=[LineRequest(voucher_ore=70000)],
                    payments=[PaymentRequest("cash", 70000)])
    code, voucher_id = sold.lines[0].voucher.code, sold.lines[0].voucher_id
    db.session.commit()
    server = live_server(workers=4)
    statuses = _race([lambda till=till.code: _spend(server, token, till, code) for till in tills])
    counts = Counter(statuses)
    assert counts[201] == 7 and counts[409] == THREADS - 7, counts
    assert _voucher_state(voucher_id) == (0, (8, 0), 7)  # issued once, spent seven times, nothing left
    # Spent: every further try is refused, and says what is left.
    refused = _spend(server, token, tills[1].code, code)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "voucher_balance_too_low"
    assert refused.json()["error"]["balance_ore"] == 0
    for till in tills:
        _assert_receipts_unbroken(till)  # the losers took no receipt number
