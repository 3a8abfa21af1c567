"""Gift vouchers at the till (services): sold as a line without VAT, redeemed in part or in full at any
till, refused when expired or spent, refunded to a new voucher, counted on the Z-report and booked in SIE."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from boutique.core import clock
from boutique.core.ean13 import is_valid_ean13
from boutique.core.errors import Conflict, InvalidInput, NotFound
from boutique.core.periods import Period
from boutique.exports.sie import vouchers as sie_vouchers
from boutique.extensions import db
from boutique.places.settings import set_setting
from boutique.reports.queries.selling import weekly_sales
from boutique.sales.models import Payment, PaymentMethod, Sale
from boutique.sales.serialize import receipt_json, receipt_of
from boutique.sales.services.days import close_till
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.returns import lines_for_codes, return_lines
from boutique.sales.services.selling import PaymentRequest, checkout
from boutique.vouchers.codes import looks_like_voucher, parse_voucher_code
from boutique.vouchers.models import GiftVoucher, VoucherEvent, VoucherOrigin
from boutique.vouchers.settings import add_months


def _pay(till, cashier, lines, payments, at=None):
    sale = checkout(db.session, till=till, cashier=cashier, lines=lines,
                    payments=[PaymentRequest(*p) for p in payments], at=at)
    db.session.commit()
    return sale


def test_a_voucher_sold_has_its_own_ean13_code_a_line_without_vat_and_the_validity_on_the_receipt(
        till, cashier, sell_voucher):
    set_setting(db.session, "voucher_validity_months", "12")
    voucher = sell_voucher(till, 50000)
    assert voucher.code.startswith("27") and is_valid_ean13(voucher.code)
    assert (voucher.amount_ore, voucher.balance_ore, voucher.origin) == (50000, 50000, VoucherOrigin.sold)
    assert voucher.valid_until == add_months(clock.sales_day(clock.now()), 12)
    sale = voucher.sale
    assert sale.total_ore == 50000 and sale.vat_rows == []  # a multi-purpose voucher: no VAT when sold
    body = receipt_json(receipt_of(sale))
    assert body["lines"][0]["voucher_code"] == voucher.code and body["lines"][0]["category"] is None
    assert body["vouchers"] == [{"code": voucher.code, "kind": "issued", "amount_ore": 50000, "balance_ore": 50000,
                                 "valid_until": voucher.valid_until.isoformat()}]


def test_months_are_added_to_the_last_day_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 3), 120) == date(2036, 12, 3)


def test_part_redeemed_at_another_till_the_receipt_shows_the_balance_left(open_till_, cashier, sell_voucher,
                                                                          make_item):
    skh, hus = open_till_("SKH-1", "SKH"), open_till_("HUS-1", "HUS")
    voucher = sell_voucher(skh, 50000)
    dress = make_item(price_ore=14900)
    sale = _pay(hus, cashier, [LineRequest(code=dress.code)], [("voucher", 14900, voucher.code)])
    db.session.refresh(voucher)
    assert voucher.balance_ore == 35100
    assert [(p.method, p.amount_ore, p.reference) for p in sale.payments] == [
        (PaymentMethod.voucher, 14900, voucher.code)]
    assert receipt_json(receipt_of(sale))["vouchers"][0] | {"valid_until": None} == {
        "code": voucher.code, "kind": "redeemed", "amount_ore": 14900, "balance_ore": 35100, "valid_until": None}
    # What is left is spent in full with the rest paid in cash.
    coat = make_item(price_ore=40000)
    _pay(hus, cashier, [LineRequest(code=coat.code)], [("voucher", 35100, voucher.code), ("cash", 4900)])
    db.session.refresh(voucher)
    assert voucher.balance_ore == 0
    assert [e.balance_after_ore for e in voucher.events] == [50000, 35100, 0]


def test_more_than_the_balance_is_refused_and_nothing_is_sold(till, cashier, sell_voucher, make_item):
    voucher = sell_voucher(till, 10000)
    dress = make_item(price_ore=14900)
    sales_before = db.session.scalar(select(func.count(Sale.id)))
    with pytest.raises(Conflict) as refused:
        _pay(till, cashier, [LineRequest(code=dress.code)], [("voucher", 14900, voucher.code)])
    db.session.rollback()
    assert refused.value.code == "voucher_balance_too_low" and "100,00\u00a0kr" in str(refused.value.message)
    assert db.session.scalar(select(func.count(Sale.id))) == sales_before
    db.session.refresh(voucher)
    assert voucher.balance_ore == 10000


def test_an_expired_voucher_is_refused_with_its_last_day(till, cashier, sell_voucher, make_item):
    voucher = sell_voucher(till, 10000)
    voucher.valid_until = clock.sales_day(clock.now()) - timedelta(days=1)
    db.session.commit()
    with pytest.raises(Conflict) as refused:
        _pay(till, cashier, [LineRequest(code=make_item(price_ore=5000).code)], [("voucher", 5000, voucher.code)])
    assert refused.value.code == "voucher_expired"
    assert voucher.valid_until.isoformat() in str(refused.value.message)


def test_a_voucher_gives_no_change_and_a_bad_or_unknown_code_is_refused(till, cashier, sell_voucher, make_item):
    voucher = sell_voucher(till, 50000)
    dress = make_item(price_ore=14900)
    with pytest.raises(InvalidInput) as overpaid:
        _pay(till, cashier, [LineRequest(code=dress.code)], [("voucher", 20000, voucher.code)])
    assert overpaid.value.code == "overpaid"
    db.session.rollback()
    wrong_digit = voucher.code[:12] + str((int(voucher.code[12]) + 1) % 10)
    with pytest.raises(InvalidInput) as bad:
        _pay(till, cashier, [LineRequest(code=dress.code)], [("voucher", 14900, wrong_digit)])
    assert bad.value.code == "invalid_voucher_code"
    db.session.rollback()
    with pytest.raises(NotFound):
        _pay(till, cashier, [LineRequest(code=dress.code)], [("voucher", 14900, "2700000000007")])


def test_voucher_codes_are_told_apart_from_item_codes():
    assert looks_like_voucher(" 2712345678902\r\n") and not looks_like_voucher("2900000000011")
    assert parse_voucher_code("2712345678902") == "2712345678902"
    with pytest.raises(InvalidInput):
        parse_voucher_code("2712345678903")


def test_no_voucher_in_training_and_no_discount_on_a_voucher(till, cashier):
    with pytest.raises(InvalidInput) as training:
        checkout(db.session, till=till, cashier=cashier, lines=[LineRequest(voucher_ore=10000)],
                 payments=[PaymentRequest("cash", 10000)], training=True)
    assert training.value.code == "voucher_in_training"
    db.session.rollback()
    with pytest.raises(InvalidInput) as discount:
        checkout(db.session, till=till, cashier=cashier,
                 lines=[LineRequest(voucher_ore=10000, discount_kind="percent", discount_value=10,
                                    discount_reason="x")], payments=[PaymentRequest("cash", 10000)])
    assert discount.value.code == "invalid_discount"


def test_goods_paid_with_a_voucher_come_back_on_a_new_voucher_never_in_cash(till, cashier, sell_voucher, make_item):
    voucher = sell_voucher(till, 50000)
    dress = make_item(price_ore=14900)
    sale = _pay(till, cashier, [LineRequest(code=dress.code)], [("voucher", 14900, voucher.code)])
    with pytest.raises(InvalidInput) as in_cash:
        return_lines(db.session, till=till, cashier=cashier, original=sale,
                     lines=lines_for_codes(sale, [dress.code]), refund_method="cash")
    assert in_cash.value.code == "refund_to_voucher"
    db.session.rollback()
    refund = return_lines(db.session, till=till, cashier=cashier, original=sale,
                          lines=lines_for_codes(sale, [dress.code]), refund_method="voucher")
    db.session.commit()
    new = db.session.scalar(select(GiftVoucher).where(GiftVoucher.origin == VoucherOrigin.refund))
    assert new.code != voucher.code and (new.amount_ore, new.balance_ore) == (14900, 14900)
    assert [(p.method, p.amount_ore, p.reference) for p in refund.payments] == [
        (PaymentMethod.voucher, -14900, new.code)]
    assert receipt_json(receipt_of(refund))["vouchers"][0]["code"] == new.code


def test_a_voucher_line_is_not_returned(till, cashier, sell_voucher):
    voucher = sell_voucher(till, 10000)
    with pytest.raises(InvalidInput) as refused:
        return_lines(db.session, till=till, cashier=cashier, original=voucher.sale, lines=voucher.sale.lines,
                     refund_method="cash")
    assert refused.value.code == "not_returnable"


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=clock.STOCKHOLM).astimezone(UTC)


def test_z_report_and_sie_show_vouchers_sold_and_redeemed_on_2421(open_till_, cashier, make_item):
    day = date(2026, 12, 1)
    skh = open_till_("SKH-1", "SKH", float_ore=0, at=_at(day, 9))
    sold = _pay(skh, cashier, [LineRequest(voucher_ore=50000)], [("card", 50000)], at=_at(day, 10))
    code = sold.lines[0].voucher.code
    dress = make_item(price_ore=20000)
    _pay(skh, cashier, [LineRequest(code=dress.code)], [("voucher", 15000, code), ("cash", 5000)], at=_at(day, 11))
    report = close_till(db.session, till=skh, user=cashier, counted_cash_ore=5000, at=_at(day, 18))
    db.session.commit()
    assert (report.vouchers_sold_count, report.vouchers_sold_ore) == (1, 50000)
    assert (report.vouchers_redeemed_count, report.vouchers_redeemed_ore) == (1, 15000)
    assert report.net_ore == sum(row.gross_ore for row in report.vat_rows) + report.vouchers_sold_ore
    paid = report.cash_ore + report.card_ore + report.swish_ore + sum(
        row.net_ore for row in report.payment_rows if row.method == PaymentMethod.voucher)
    assert paid == report.net_ore + report.rounding_ore
    [voucher] = sie_vouchers(db.session, period=Period(day, day))
    assert voucher.balance_ore == 0
    assert sorted(voucher.lines) == sorted([("1686", 50000), ("1910", 5000), ("3004", -20000),
                                            ("2421", 15000), ("2421", -50000)])


def test_the_vouchers_account_is_a_setting(open_till_, cashier):
    day = date(2026, 12, 2)
    skh = open_till_("SKH-1", "SKH", float_ore=0, at=_at(day, 9))
    set_setting(db.session, "sie_account_vouchers", "2420")
    _pay(skh, cashier, [LineRequest(voucher_ore=10000)], [("swish", 10000)], at=_at(day, 10))
    close_till(db.session, till=skh, user=cashier, counted_cash_ore=0, at=_at(day, 18))
    db.session.commit()
    [voucher] = sie_vouchers(db.session, period=Period(day, day))
    assert ("2420", -10000) in voucher.lines and voucher.balance_ore == 0


def test_every_balance_change_is_an_event_on_its_receipt(till, cashier, sell_voucher, make_item):
    voucher = sell_voucher(till, 30000)
    _pay(till, cashier, [LineRequest(code=make_item(price_ore=10000).code)], [("voucher", 10000, voucher.code)])
    events = db.session.scalars(select(VoucherEvent).where(VoucherEvent.voucher_id == voucher.id)).all()
    assert sum(e.amount_ore for e in events) == 20000
    assert db.session.scalar(select(func.count(Payment.id)).where(Payment.reference == voucher.code)) == 1


def test_goods_paid_with_a_voucher_carry_their_vat_as_with_any_payment(till, cashier, sell_voucher):
    voucher = sell_voucher(till, 50000)
    sale = _pay(till, cashier, [LineRequest(description="Tygkasse", category="new-goods", price_ore=12500)],
                [("voucher", 12500, voucher.code)])
    assert [(row.rate_percent, row.gross_ore, row.vat_ore) for row in sale.vat_rows] == [(25, 12500, 2500)]


def test_a_voucher_sold_is_not_counted_as_goods_in_the_weekly_sales(till, cashier, sell_voucher):
    sell_voucher(till, 50000)
    today = clock.sales_day(clock.now())
    _pay(till, cashier, [LineRequest(description="Knappar", category="decor", price_ore=1500)], [("card", 1500)])
    [week] = weekly_sales(db.session, period=Period(today - timedelta(days=7), today))
    assert (week["items"], week["revenue_ore"], week["manual_ore"]) == (0, 0, 1500)
