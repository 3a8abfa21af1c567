"""Till days: open with a float, X any time, close to a Z-report whose figures equal its receipts."""

from collections import defaultdict

import pytest
from sqlalchemy import select

from boutique.catalog.services import get_category
from boutique.core.errors import Conflict, InvalidInput
from boutique.extensions import db
from boutique.items.models import ItemStatus
from boutique.sales.day_models import ZReport
from boutique.sales.figures import day_figures
from boutique.sales.models import Sale
from boutique.sales.receipts import get_sale, print_copy
from boutique.sales.services.days import close_till, open_day, open_till
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.returns import lines_for_codes, return_lines


def test_a_till_opens_once_and_closes_once(make_till, cashier):
    till = make_till()
    open_till(db.session, till=till, user=cashier, float_ore=50000)
    db.session.commit()
    with pytest.raises(Conflict) as error:
        open_till(db.session, till=till, user=cashier, float_ore=50000)
    assert error.value.code == "till_open"
    db.session.rollback()
    report = close_till(db.session, till=till, user=cashier, counted_cash_ore=50000)
    db.session.commit()
    assert (report.z_number, report.variance_ore) == (1, 0)
    with pytest.raises(Conflict) as error:
        close_till(db.session, till=till, user=cashier, counted_cash_ore=50000)
    assert error.value.code == "till_closed"
    db.session.rollback()
    open_till(db.session, till=till, user=cashier, float_ore=0)
    db.session.commit()
    assert close_till(db.session, till=till, user=cashier, counted_cash_ore=0).z_number == 2


def test_a_negative_float_is_refused(make_till, cashier):
    with pytest.raises(InvalidInput):
        open_till(db.session, till=make_till(), user=cashier, float_ore=-1)


def _refund(till, cashier, sale, items, method="cash"):
    original = get_sale(db.session, sale.till, sale.receipt_number)
    returned = return_lines(db.session, till=till, cashier=cashier, original=original,
                            lines=lines_for_codes(original, [item.code for item in items]), refund_method=method)
    db.session.commit()
    return returned


def test_z_report_totals_equal_the_sum_of_the_days_receipts_per_method_and_vat_rate(
        till, sell, make_item, cashier):
    new_goods = get_category(db.session, "new-goods")
    assert new_goods.vat_rate_percent == 25
    items = [make_item(price_ore=price) for price in (14950, 9900, 24949, 5000, 12000)]
    sales = [
        sell(till, [items[0], LineRequest(description="Tygkasse", category="new-goods", price_ore=12500)], cash=30000),
        sell(till, [items[1]], card=9900),
        sell(till, [items[2], LineRequest(description="Bok", category="new-books", price_ore=10600)],
             card=10000, swish=5000, cash=21000),
        sell(till, [items[3]], swish=5000),
        sell(till, [LineRequest(code=items[4].code, discount_kind="percent", discount_value=10,
                                discount_reason="Saknar knapp")], cash=11000),
    ]
    _refund(till, cashier, sales[2], [items[2]])
    sell(till, [make_item()], training=True)
    copy_sale = get_sale(db.session, till, 1)
    print_copy(db.session, copy_sale, user=cashier)
    db.session.commit()

    receipts = db.session.scalars(select(Sale).where(Sale.till_day_id == open_day(db.session, till).id,
                                                     Sale.training.is_(False))).all()
    per_method, per_rate, per_rate_vat = defaultdict(int), defaultdict(int), defaultdict(int)
    for receipt in receipts:
        for payment in receipt.payments:
            per_method[payment.method.value] += payment.amount_ore
        for row in receipt.vat_rows:
            per_rate[row.rate_percent] += row.gross_ore
            per_rate_vat[row.rate_percent] += row.vat_ore

    report = close_till(db.session, till=till, user=cashier, counted_cash_ore=100000 + per_method["cash"] - 100,
                        note="Ett mynt saknas")
    db.session.commit()
    report = db.session.scalar(select(ZReport).where(ZReport.id == report.id))
    assert {"cash": report.cash_ore, "card": report.card_ore, "swish": report.swish_ore} == {
        method: per_method[method] for method in ("cash", "card", "swish")}
    assert {row.method.value: row.net_ore for row in report.payment_rows} == {
        method: per_method[method] for method in ("cash", "card", "swish", "voucher")}
    assert {row.rate_percent: row.gross_ore for row in report.vat_rows} == dict(per_rate)
    assert {row.rate_percent: row.vat_ore for row in report.vat_rows} == dict(per_rate_vat)
    assert report.receipts_count == 5 and report.returns_count == 1
    assert report.sales_ore == sum(s.total_ore for s in sales)
    assert report.returns_ore == -24949
    assert report.net_ore == sum(r.total_ore for r in receipts)
    assert report.cash_ore + report.card_ore + report.swish_ore == report.net_ore + report.rounding_ore
    assert report.rounding_ore == sum(r.rounding_ore for r in receipts)
    assert (report.discounts_count, report.discounts_ore) == (1, 1200)
    assert (report.copies_count, report.training_count, report.training_ore) == (1, 1, 14900)
    assert report.expected_cash_ore == 100000 + per_method["cash"]
    assert (report.variance_ore, report.variance_note) == (-100, "Ett mynt saknas")
    assert report.grand_total_net_ore == report.net_ore
    for row in report.vat_rows:
        assert row.gross_ore == row.net_ex_vat_ore + row.vat_ore


def test_grand_totals_accumulate_over_z_reports(till, sell, make_item, cashier):
    sell(till, [make_item(price_ore=10000)])
    first = close_till(db.session, till=till, user=cashier, counted_cash_ore=100000)
    db.session.commit()
    open_till(db.session, till=till, user=cashier, float_ore=100000)
    sell(till, [make_item(price_ore=5000)])
    second = close_till(db.session, till=till, user=cashier, counted_cash_ore=100000)
    db.session.commit()
    assert (first.grand_total_net_ore, second.grand_total_net_ore, second.net_ore) == (10000, 15000, 5000)
    assert second.z_number == first.z_number + 1


def test_grand_totals_go_past_32_bits(till, sell, make_item, cashier):
    """A till's lifetime totals pass 21 474 836,47 kr in a shop's life: the next Z-report still closes."""
    sell(till, [make_item(price_ore=10000)])
    first = close_till(db.session, till=till, user=cashier, counted_cash_ore=100000)
    first.grand_total_sales_ore = first.grand_total_net_ore = 2**31 - 5000
    db.session.commit()
    open_till(db.session, till=till, user=cashier, float_ore=100000)
    sell(till, [make_item(price_ore=5000)])
    second = close_till(db.session, till=till, user=cashier, counted_cash_ore=100000)
    db.session.commit()
    db.session.expire_all()
    assert second.grand_total_net_ore == 2**31 - 5000 + 5000 > 2**31 - 1


def test_x_report_changes_nothing(till, sell, make_item):
    sell(till, [make_item(price_ore=10000)], cash=10000)
    figures = day_figures(db.session, open_day(db.session, till))
    assert (figures.receipts_count, figures.expected_cash_ore) == (1, 110000)
    assert open_day(db.session, till) is not None


def test_receipt_numbers_stay_unbroken_across_sales_returns_and_failed_checkouts(
        open_till_, sell, make_item, cashier):
    till, other = open_till_("SKH-1"), open_till_("SKH-2")
    items = [make_item(price_ore=10000) for _ in range(4)]
    sale = sell(till, items[:2])
    with pytest.raises(InvalidInput):
        sell(till, [items[2]], cash=5000)  # short
    db.session.rollback()
    sell(other, [items[3]])
    with pytest.raises(Conflict):
        sell(till, [items[3]])  # sold at the other till
    db.session.rollback()
    _refund(till, cashier, sale, [items[0]])
    sell(till, [items[2]], cash=10000)
    _refund(other, cashier, sale, [items[1]], method="card")
    numbers = db.session.scalars(select(Sale.receipt_number).where(Sale.till_id == till.id)
                                 .order_by(Sale.receipt_number)).all()
    assert numbers == [1, 2, 3]
    assert db.session.scalars(select(Sale.receipt_number).where(Sale.till_id == other.id)
                              .order_by(Sale.receipt_number)).all() == [1, 2]


def test_returns_refund_by_original_method_or_cash_and_put_items_back(till, sell, make_item, cashier):
    dress, shirt = make_item(price_ore=14950), make_item(price_ore=5000)
    sale = sell(till, [dress, shirt], card=19950)
    original = get_sale(db.session, till, sale.receipt_number)
    returned = return_lines(db.session, till=till, cashier=cashier, original=original,
                            lines=lines_for_codes(original, [dress.code]), refund_method="cash",
                            restock={})
    db.session.commit()
    assert (returned.total_ore, returned.rounding_ore, returned.payments[0].amount_ore) == (-14950, -50, -15000)
    assert returned.original_sale_id == sale.id and returned.receipt_number == 2 and returned.is_return
    db.session.refresh(dress)
    assert dress.status == ItemStatus.for_sale
    with pytest.raises(InvalidInput) as error:
        return_lines(db.session, till=till, cashier=cashier, original=original,
                     lines=lines_for_codes(original, [shirt.code]), refund_method="swish")
    assert error.value.code == "refund_method_not_allowed"
    db.session.rollback()
    from boutique.items.models import ItemStatus as S

    returned = return_lines(db.session, till=till, cashier=cashier, original=original,
                            lines=lines_for_codes(original, [shirt.code]), refund_method="card",
                            restock={shirt.code: S.sorted})
    db.session.commit()
    db.session.refresh(shirt)
    assert shirt.status == ItemStatus.sorted and returned.payments[0].amount_ore == -5000


def test_an_item_cannot_be_returned_twice(till, sell, make_item, cashier):
    dress = make_item()
    sale = sell(till, [dress])
    _refund(till, cashier, sale, [dress])
    with pytest.raises(Conflict) as error:
        _refund(till, cashier, sale, [dress])
    assert error.value.code == "already_returned"


def test_a_refund_larger_than_the_sale_is_refused(till, sell, make_item, cashier):
    dress, other = make_item(), make_item()
    sale = sell(till, [dress])
    original = get_sale(db.session, till, sale.receipt_number)
    with pytest.raises(InvalidInput) as error:
        lines_for_codes(original, [dress.code, other.code])
    assert error.value.code == "not_in_sale"


def test_a_returned_item_can_be_sold_again(till, sell, make_item, cashier):
    dress = make_item()
    sale = sell(till, [dress])
    _refund(till, cashier, sale, [dress])
    again = sell(till, [dress])
    assert again.receipt_number == 3


def test_one_copy_at_most(till, sell, make_item, cashier):
    sale = sell(till, [make_item()])
    print_copy(db.session, sale, user=cashier)
    db.session.commit()
    with pytest.raises(Conflict) as error:
        print_copy(db.session, sale, user=cashier)
    assert error.value.code == "copy_exists"
