"""A student's feedback and home: what to make more or less of (never from a handful of sales), their lots
with takings one click from each lot's feedback, and empty pages that say what to do."""

from datetime import UTC, date, datetime, timedelta

import pytest

from boutique.core import clock
from boutique.core.periods import Period
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.production.models import LotMember, LotRole
from boutique.reports.queries.feedback import advise, compare
from boutique.reports.queries.selling import Scope
from tests.conftest import login
from tests.reports.conftest import PERIOD, credit

MARCH = Period(*PERIOD)
PRICED = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.fixture
def maker(shop, make_user, add_item, sell):
    """Elsa made six bags (five sold) and two scarves (both sold); the shop's other six bags sold one."""
    elsa = make_user(Role.student, username="elsa", display_name="Elsa")
    for n in range(6):
        bag = add_item(f"bag{n}", category="bags", first_price_ore=20000, priced_at=PRICED, colour="röd")
        credit(bag, elsa)
        if n < 5:
            sell(bag, day=date(2026, 3, 5 + n), amount_ore=18000)
        other = add_item(f"other{n}", category="bags", first_price_ore=15000, priced_at=PRICED, colour="blå")
        if n == 0:
            sell(other, day=date(2026, 3, 6), amount_ore=15000)
    for n in range(2):
        scarf = add_item(f"scarf{n}", category="scarves", first_price_ore=9900, priced_at=PRICED)
        credit(scarf, elsa)
        sell(scarf, day=date(2026, 3, 12), amount_ore=9900)
    db.session.commit()
    return elsa


def test_make_more_of_needs_enough_products_and_a_clear_margin(session, maker):
    advice = advise(session, period=MARCH, scope=Scope(maker_id=maker.id))
    more = [(c.dimension, c.key, c.mine.items_sold, c.mine.offered) for c in advice.make_more]
    # Bags: 5 of 6 against the shop's 6 of 12 (Elsa's included): 83 % against 50 %.
    assert ("category", "bags", 5, 6) in more
    # Two scarves, both sold, are 100 %, and still only two: too few to call a trend.
    assert not any(c.key == "scarves" for c in advice.make_more)
    assert any(c.key == "scarves" and c.mine.offered == 2 for c in advice.too_few)
    assert advice.make_less == []


def test_price_bands_read_in_kronor(session, maker):
    bands = compare(session, period=MARCH, scope=Scope(maker_id=maker.id), group_by="price_band")
    assert {c.label for c in bands} == {"200–499 kr", "50–99 kr"}


def test_feedback_page_shows_counts_marks_small_n_and_keeps_columns_for_the_csv(client, login_as, maker):
    login(client, maker)
    page = client.get(f"/reports/students/{maker.id}?from={PERIOD[0]}&to={PERIOD[1]}").get_data(as_text=True)
    assert "Gör mer av" in page and "5 av 6 sålda" in page
    assert "För få för att säga något ännu" in page and "2 till salu" in page
    assert '<tr class="few">' in page  # the scarves row, marked
    headers = page[page.index('id="table-products"'):page.index('id="table-comparison"')]
    assert "Utpris nu" not in headers and "Första utpris" in headers
    csv = client.get(f"/reports/students/{maker.id}?from={PERIOD[0]}&to={PERIOD[1]}&csv=products")
    first = csv.get_data(as_text=True).splitlines()[0]
    assert "Kod" in first and "Utpris nu" in first and "Såld den" in first


@pytest.fixture
def student_in_lot(shop, make_user, add_item, sell, add_lot):
    student = make_user(Role.student, username="stina", display_name="Stina")
    lot = add_lot("dala", title="Dalarnas blommor")
    db.session.add(LotMember(lot_id=lot.id, user_id=student.id, role=LotRole.student))
    today = clock.sales_day(clock.now())
    priced = clock.now() - timedelta(days=10)
    for n, price in enumerate((17900, 12900, 9900)):
        product = add_item(f"k{n}", category="cushions", first_price_ore=price, priced_at=priced, lot=lot)
        if n < 2:
            sell(product, day=today - timedelta(days=n), amount_ore=price)
    db.session.commit()
    return student, lot


def test_student_home_lists_lots_with_takings_one_click_from_feedback(client, student_in_lot):
    student, lot = student_in_lot
    login(client, student)
    page = client.get("/").get_data(as_text=True)
    row = page[page.index("Dalarnas blommor"):]
    row = row[:row.index("</tr>")]
    assert "308,00\u00a0kr" in row  # 179 + 129 kr sold
    assert f'href="/reports/lots/{lot.id}"' in row
    assert "Sålt den här veckan" in page and "Senaste återkopplingen" in page
    assert client.get(f"/reports/lots/{lot.id}").status_code == 200
    lot_page = client.get(f"/lots/{lot.id}").get_data(as_text=True)
    assert f'href="/reports/lots/{lot.id}"' in lot_page


def test_staff_home_keeps_the_work_queues(client, login_as):
    login_as(Role.participant)
    assert "Dina serier" not in client.get("/").get_data(as_text=True)


def test_empty_participant_report_says_how_to_assign(client, login_as):
    login_as(Role.supervisor)
    page = client.get("/reports/participants").get_data(as_text=True)
    assert "Inga deltagare är kopplade till dig ännu" in page and 'href="/people/"' in page
