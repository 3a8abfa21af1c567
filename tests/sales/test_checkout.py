"""Selling at the till (services): items claimed, receipts numbered, nothing half-written."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from boutique.catalog.services import get_category
from boutique.core import counters
from boutique.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.items.models import ItemEvent, ItemStatus
from boutique.sales.models import Payment, Sale, SaleLine, SaleVat
from boutique.sales.services.days import close_till
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.selling import PaymentRequest, checkout


def _counts():
    return (db.session.scalar(select(func.count(Sale.id))), db.session.scalar(select(func.count(SaleLine.id))),
            db.session.scalar(select(func.count(Payment.id))))


def test_a_sale_marks_the_items_sold_and_records_who_where_and_which_receipt(till, sell, make_item, cashier):
    dress, shirt = make_item(price_ore=14900), make_item(price_ore=9950, category="men-shirts", size="L")
    sale = sell(till, [dress, shirt], cash=30000)
    assert (sale.receipt_number, sale.total_ore, sale.rounding_ore, sale.change_ore) == (1, 24850, 50, 5100)
    assert sale.cashier_id == cashier.id and sale.till_id == till.id
    db.session.refresh(dress)
    assert dress.status == ItemStatus.sold
    event = db.session.scalar(select(ItemEvent).where(ItemEvent.item_id == dress.id, ItemEvent.event == "sold"))
    assert event.by_user_id == cashier.id and event.details["receipt_number"] == 1
    assert [line.description for line in sale.lines][1] == "Skjortor, L"
    assert sum(p.amount_ore for p in sale.payments) == sale.total_ore + sale.rounding_ore


def test_second_till_cannot_sell_item_already_sold(open_till_, sell, make_item):
    first, second = open_till_("SKH-1"), open_till_("SKH-2")
    dress = make_item()
    sell(first, [dress])
    with pytest.raises(Conflict) as error:
        sell(second, [dress])
    assert error.value.code == "item_unavailable" and dress.code in str(error.value.message)
    db.session.rollback()
    assert counters.peek(db.session, "receipt:SKH-2") == 0


def test_payment_short_sells_nothing_and_takes_no_number(till, sell, make_item):
    dress = make_item(price_ore=14950)
    before = _counts()
    with pytest.raises(InvalidInput) as error:
        sell(till, [dress], cash=14950)
    assert error.value.code == "payment_short"
    db.session.rollback()
    assert _counts() == before
    db.session.refresh(dress)
    assert dress.status == ItemStatus.for_sale
    assert sell(till, [dress], cash=15000).receipt_number == 1


def test_an_unavailable_item_anywhere_in_the_sale_rolls_the_whole_sale_back(till, sell, make_item):
    good, sold = make_item(), make_item(status="sold")
    with pytest.raises(Conflict):
        sell(till, [good, sold])
    db.session.rollback()
    db.session.refresh(good)
    assert good.status == ItemStatus.for_sale and _counts() == (0, 0, 0)


@pytest.mark.parametrize(("code", "error", "status"), [
    ("2900099999996", NotFound, 404), ("2900099999993", InvalidInput, 422), ("abc", InvalidInput, 422),
])
def test_unknown_and_garbage_codes_are_clear_errors(till, sell, code, error, status):
    with pytest.raises(error) as raised:
        sell(till, [LineRequest(code=code)], card=100)
    assert raised.value.status == status


def test_unpriced_and_sold_items_are_unavailable(till, sell, make_item):
    for status in ("valued", "sold", "sorted"):
        with pytest.raises(Conflict) as error:
            sell(till, [make_item(status=status)], card=100)
        assert error.value.code == "item_unavailable" and error.value.details["status"] == status
        db.session.rollback()


def test_the_same_item_twice_in_one_sale_is_refused(till, sell, make_item):
    dress = make_item()
    with pytest.raises(InvalidInput) as error:
        sell(till, [dress, dress], card=29800)
    assert error.value.code == "duplicate_item"


def test_markdown_is_applied_at_the_till(till, sell, make_item):
    old = make_item(price_ore=20000, priced_at=datetime.now(UTC) - timedelta(days=30))
    sale = sell(till, [old])
    line = sale.lines[0]
    assert (line.asking_ore, line.markdown_percent, line.price_ore, sale.total_ore) == (20000, 25, 15000, 15000)


def test_manual_lines_and_vat_per_category(till, sell):
    sale = sell(till, [LineRequest(description="Knappar", category="decor", price_ore=2000),
                       LineRequest(description="Tygkasse (ny)", category="new-goods", price_ore=12500),
                       LineRequest(description="Bok", category="new-books", price_ore=10600)])
    rows = {row.rate_percent: (row.gross_ore, row.vat_ore) for row in sale.vat_rows}
    assert rows == {0: (2000, 0), 6: (10600, 600), 25: (12500, 2500)}
    assert db.session.scalar(select(func.count(SaleVat.id))) == 3


@pytest.mark.parametrize("line", [
    LineRequest(description="", category="decor", price_ore=100),
    LineRequest(description="Knappar", category="nope", price_ore=100),
    LineRequest(description="Knappar", category="decor", price_ore=0),
    LineRequest(description="Knappar", category="decor", price_ore=-5),
])
def test_bad_manual_lines_are_refused(till, sell, line):
    with pytest.raises(InvalidInput):
        sell(till, [line], card=100)


def test_discounts_need_a_reason_and_over_the_limit_a_supervisor(till, sell, make_item, make_user):
    dress = make_item(price_ore=10000)
    small = LineRequest(code=dress.code, discount_kind="percent", discount_value=10, discount_reason="Fläck")
    with pytest.raises(InvalidInput) as error:
        sell(till, [LineRequest(code=dress.code, discount_kind="amount", discount_value=1000)])
    assert error.value.code == "discount_reason_required"
    db.session.rollback()
    big = LineRequest(code=dress.code, discount_kind="percent", discount_value=50, discount_reason="Trasig")
    with pytest.raises(Forbidden):
        sell(till, [big])
    db.session.rollback()
    supervisor = make_user(Role.supervisor)
    big.approved_by = supervisor
    sale = sell(till, [big])
    assert (sale.total_ore, sale.discount_ore, sale.lines[0].discount_approved_by_id) == (5000, 5000, supervisor.id)
    assert sell(till, [LineRequest(description="Knappar", category="decor", price_ore=1000,
                                   discount_kind=small.discount_kind, discount_value=10,
                                   discount_reason="Fläck")]).total_ore == 900


def test_a_training_sale_has_its_own_series_and_never_touches_the_item(till, sell, make_item):
    dress = make_item()
    training = sell(till, [dress], training=True)
    db.session.refresh(dress)
    assert dress.status == ItemStatus.for_sale and training.receipt_number == 1 and training.training
    sold_events = select(func.count()).select_from(ItemEvent).where(ItemEvent.item_id == dress.id,
                                                                     ItemEvent.event == "sold")
    assert db.session.scalar(sold_events) == 0  # its history does not say sold either
    real = sell(till, [dress])
    assert db.session.scalar(sold_events) == 1
    assert real.receipt_number == 1 and not real.training
    assert sell(till, [make_item()], training=True).receipt_number == 2


def test_a_closed_till_cannot_sell(till, sell, make_item, cashier):
    close_till(db.session, till=till, user=cashier, counted_cash_ore=100000)
    db.session.commit()
    with pytest.raises(Conflict) as error:
        sell(till, [make_item()])
    assert error.value.code == "till_closed"


def test_payment_methods_follow_the_shop_setting(till, sell, make_item):
    from boutique.places.settings import set_setting

    set_setting(db.session, "payment_methods", "cash,card")
    db.session.commit()
    with pytest.raises(InvalidInput) as error:
        sell(till, [make_item(price_ore=10000)], swish=10000)
    assert error.value.code == "method_not_allowed"


@pytest.mark.parametrize(("moment", "day"), [
    # 02:30 local on the spring-forward day does not exist; 01:30 UTC is 03:30 CEST, 00:30 UTC 01:30 CET.
    (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "2026-03-29"),
    (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "2026-03-29"),
    (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), "2026-03-29"),  # 00:30 local, UTC date is the day before
    # 02:30 local happens twice on the fall-back day: 00:30 UTC (CEST) and 01:30 UTC (CET).
    (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "2026-10-25"),
    (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "2026-10-25"),
    (datetime(2026, 10, 24, 22, 30, tzinfo=UTC), "2026-10-25"),  # 00:30 CEST
    (datetime(2026, 10, 25, 22, 59, tzinfo=UTC), "2026-10-25"),  # 23:59 CET, the 25-hour day's last minute
])
def test_a_sale_on_a_dst_change_night_lands_on_the_stockholm_sales_day(open_till_, sell, make_item, moment, day):
    till = open_till_(at=moment - timedelta(hours=1))
    dress = make_item(priced_at=moment - timedelta(days=1))
    sale = sell(till, [dress], at=moment)
    db.session.expire_all()
    assert db.session.get(Sale, sale.id).sales_day.isoformat() == day


def test_a_checkout_in_order_of_scan_claims_in_id_order(till, make_item, cashier):
    first, second = make_item(), make_item()
    sale = checkout(db.session, till=till, cashier=cashier,
                    lines=[LineRequest(code=second.code), LineRequest(code=first.code)],
                    payments=[PaymentRequest("card", 29800)])
    db.session.commit()
    assert [line.item_id for line in sale.lines] == [second.id, first.id]  # the receipt keeps scan order


def test_category_vat_is_copied_onto_the_line(till, sell, make_item):
    category = get_category(db.session, "women-dresses")
    category.vat_rate_percent = 25
    db.session.commit()
    sale = sell(till, [make_item(price_ore=12500)])
    assert (sale.lines[0].vat_rate_percent, sale.vat_rows[0].vat_ore) == (25, 2500)
