"""The demo shop has gift vouchers: sold today at Skärholmen, one part spent, all through the checkout."""

from sqlalchemy import select

from boutique.vouchers.models import GiftVoucher


def test_demo_has_vouchers_sold_and_one_part_spent(runner, session):
    assert runner.invoke(args=["demo"]).exit_code == 0
    vouchers = session.scalars(select(GiftVoucher).order_by(GiftVoucher.id)).all()
    assert [(v.amount_ore, v.balance_ore) for v in vouchers] == [(50000, 35100), (20000, 20000), (30000, 30000)]
    assert all(v.code.startswith("27") and v.sale.till.code == "SKH-1" for v in vouchers)
