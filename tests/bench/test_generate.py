"""Generated benchmark data is data the app accepts: its pages and reports work on it, every Z-report
balances against its receipts, the reports equal the benchmark's hand-written SQL, and the till can go
on selling after it (number series and, on PostgreSQL, id sequences continue)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bench.generate import populate
from bench.reports_bench import REPORT_NAMES, measure, period_of
from boutique.core.periods import Period
from boutique.core.roles import Role
from boutique.items.models import Item, ItemStatus
from boutique.production.models import LotMaterial, ProductionLot
from boutique.reports.queries.impact import impact
from boutique.sales.day_models import ZReport
from boutique.sales.models import Sale, SaleLine
from tests.conftest import ApiClient

ITEMS = 400


@pytest.fixture
def generated(app, session):
    return populate(session, items=ITEMS, tills=2, seed=5)


def test_generator_makes_items_in_every_status_and_the_lines_asked_for(generated, session):
    statuses = dict(session.execute(select(Item.status, func.count()).group_by(Item.status)).all())
    assert set(statuses) == set(ItemStatus)
    assert sum(statuses.values()) == generated.items == ITEMS
    assert generated.lines == session.scalar(select(func.count(SaleLine.id))) >= ITEMS * 0.95
    assert session.scalar(select(func.count(Sale.id)).where(Sale.is_return)) > 0
    assert session.scalar(select(func.count(LotMaterial.id))) > 0
    assert session.scalar(select(func.count(ProductionLot.id))) >= 2
    shelf = session.scalars(select(Item.status).where(Item.code.in_(
        [generated.code(n) for n in range(1, generated.for_sale + 1)]))).all()
    assert shelf == [ItemStatus.for_sale] * generated.for_sale


def test_every_generated_z_report_balances_against_its_receipts(generated, session):
    reports = session.scalars(select(ZReport)).all()
    assert len(reports) > 600
    for z in reports:
        assert z.cash_ore + z.card_ore + z.swish_ore == z.net_ore + z.rounding_ore
        sums = session.execute(select(func.count(Sale.id), func.coalesce(func.sum(Sale.total_ore), 0))
                               .where(Sale.till_day_id == z.till_day_id, Sale.is_return.is_(False))).one()
        assert (z.receipts_count, z.sales_ore) == tuple(sums)


def test_reports_on_generated_data_equal_the_hand_written_sql(generated, session):
    period, today = period_of(generated)
    results = measure(session, repeat=1, period=period, today=today)
    assert [row["report"] for row in results] == list(REPORT_NAMES)
    assert all(row["same"] for row in results), results


def test_generated_kilos_add_up_over_the_whole_history(generated, session):
    whole = Period(generated.first_day - timedelta(days=200), generated.last_day + timedelta(days=1))
    figures = impact(session, period=whole)
    assert figures.collected_grams > 0 and figures.balanced, (figures.unaccounted_grams, figures.tolerance_grams)
    assert 0 < figures.reuse_rate <= 1


def test_app_pages_work_on_generated_data(generated, session, client, login_as):
    login_as(Role.supervisor)
    sold = session.scalar(select(Item.code).where(Item.status == ItemStatus.sold).limit(1))
    returned = session.scalar(select(Item.code).join(SaleLine, SaleLine.item_id == Item.id)
                              .where(SaleLine.is_return).limit(1))
    product = session.scalar(select(Item.code).where(Item.lot_id.is_not(None)).limit(1))
    lot = session.scalar(select(ProductionLot.id).limit(1))
    z = session.scalar(select(ZReport.id).order_by(ZReport.id.desc()).limit(1))
    period, _ = period_of(generated)
    for url in (f"/items/{sold}", f"/items/{returned}", f"/items/{product}", f"/items/{generated.code(1)}",
                f"/lots/{lot}", "/", "/items/", "/pipeline/sort", "/labels/queue", "/reports/pipeline",
                f"/reports/sales?from={period.first}&to={period.last}&group_by=category",
                f"/reports/till?from={period.first}&to={period.last}", f"/reports/till/{z}", "/till/SKH-1/receipts"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_bench_tills_sell_after_generation(generated, app):
    api = ApiClient(app.test_client(), generated.token)
    assert api.get(f"/api/v1/tills/{generated.tills[0]}/scan/{generated.code(1)}").status_code == 200
    response = api.post("/api/v1/sales", json={"till": generated.tills[0], "lines": [{"code": generated.code(1)}],
                                               "payments": [{"method": "cash", "amount_ore": 10**6}]},
                        headers={"Idempotency-Key": "generated-1"})
    assert response.status_code == 201, response.json
    assert response.json["receipt_number"] == 1
    again = api.post("/api/v1/sales", json={"till": "SKH-1", "lines": [{"code": generated.code(2)}],
                                            "payments": [{"method": "cash", "amount_ore": 10**6}]},
                     headers={"Idempotency-Key": "generated-2"})
    assert again.status_code == 409 and again.json["error"]["code"] == "till_closed"  # history days are closed
