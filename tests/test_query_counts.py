"""The main pages run as many SQL statements with 50 of everything as with 5: no page loads a row at a time
(N+1). Statements are counted on the engine (``before_cursor_execute``) around one real request each."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from boutique.core import clock
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.items.models import ItemStatus
from boutique.production.models import LotMaterial, LotMember, LotRole, ProductionLot, ProductMaker
from boutique.sales.services.days import close_till, open_till
from tests.conftest import login

SMALL, LARGE = 5, 50
QUEUE_STATUSES = (ItemStatus.received, ItemStatus.washed, ItemStatus.sorted, ItemStatus.valued)

# (name, role or "api", path); {code}, {lot}, {from}, {to} and {till} are filled from the data.
PAGES = [
    ("home, participant", Role.participant, "/"),
    ("home, supervisor", Role.supervisor, "/"),
    ("home, student", Role.student, "/"),
    ("home, admin", Role.admin, "/"),
    ("item search", Role.participant, "/items/?status=for_sale"),
    ("item page", Role.participant, "/items/{code}"),
    ("wash queue", Role.participant, "/pipeline/wash"),
    ("sort queue", Role.participant, "/pipeline/sort"),
    ("value queue", Role.participant, "/pipeline/value"),
    ("price queue", Role.participant, "/pipeline/price"),
    ("till page", Role.participant, "/till/{till}"),
    ("scan API", "api", "/api/v1/tills/{till}/scan/{code}"),
    ("lot page", Role.supervisor, "/lots/{lot}"),
    ("what sells report", Role.supervisor, "/reports/sales?from={from}&to={to}&group_by=category"),
    ("Z-report list", Role.supervisor, "/reports/till?from={from}&to={to}"),
    ("labels to print", Role.participant, "/labels/queue"),
]


def _add(count: int, state: dict, *, make_item, make_sold_item, make_user, make_till) -> dict:
    """``count`` more of everything the pages list: items in each queue, on the shelf and sold, members,
    products and materials of one lot, and closed till days (earlier ones each call)."""
    session = db.session
    for status in QUEUE_STATUSES:
        for _ in range(count):
            make_item(status, price_ore=None if status != ItemStatus.valued else 9900)
    shelf = [make_item(ItemStatus.for_sale, price_ore=5000 + n * 100) for n in range(count)]
    for _ in range(count):
        make_sold_item(price_ore=12900)
    if "lot" not in state:
        state["supervisor"] = make_user(Role.supervisor)
        lot = ProductionLot(title="Tilet", location_id=shelf[0].location_id, created_by_id=state["supervisor"].id)
        session.add(lot)
        session.flush()
        state.update(lot=lot.id, code=shelf[0].code, till="SKH-9", days=0)
    team = [make_user(Role.participant) for _ in range(count)]
    session.add_all(LotMember(lot_id=state["lot"], user_id=user.id, role=LotRole.participant) for user in team)
    for n in range(count):
        material = make_item(ItemStatus.consumed, price_ore=None, grade="redesign")
        session.add(LotMaterial(lot_id=state["lot"], item_id=material.id))
        product = make_item(ItemStatus.for_sale, price_ore=29900, lot_id=state["lot"])
        session.add(ProductMaker(item_id=product.id, user_id=team[n].id))
    till = make_till("SKH-2", "SKH")
    today = clock.sales_day(clock.now())
    for days_ago in range(state["days"] + count, state["days"], -1):
        opened = clock.day_start_utc(today - timedelta(days=days_ago)) + timedelta(hours=9)
        open_till(session, till=till, user=state["supervisor"], float_ore=0, at=opened)
        close_till(session, till=till, user=state["supervisor"], counted_cash_ore=0, at=opened + timedelta(hours=8))
    state["days"] += count
    session.commit()
    return {**state, "from": today - timedelta(days=LARGE + 5), "to": today}


def _count_pages(app, values: dict, make_user, api_as) -> dict[str, tuple[int, int]]:
    """Per page: (SQL statements, bytes of the response) of one request after a warm-up request."""
    clients = {}
    for role in {role for _, role, _ in PAGES if role != "api"}:
        client = app.test_client()
        login(client, make_user(role))
        clients[role] = client
    clients["api"] = api_as(Role.participant)
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    counts = {}
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for name, role, path in PAGES:
            url = path.format(**values)
            clients[role].get(url)  # the first request of a page warms per-process caches
            statements.clear()
            response = clients[role].get(url)
            assert response.status_code == 200, (name, url, response.status_code, response.data[:300])
            counts[name] = (len(statements), len(response.data))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return counts


@pytest.fixture
def counts_at_two_sizes(app, make_item, make_sold_item, make_user, make_till, api_as) -> dict[int, dict]:
    found, state, made = {}, {}, 0
    for size in (SMALL, LARGE):
        values = _add(size - made, state, make_item=make_item, make_sold_item=make_sold_item, make_user=make_user,
                      make_till=make_till)
        made = size
        found[size] = _count_pages(app, values, make_user, api_as)
    return found


def test_main_pages_run_as_many_queries_with_fifty_of_everything_as_with_five(counts_at_two_sizes):
    small, large = counts_at_two_sizes[SMALL], counts_at_two_sizes[LARGE]
    assert set(small) == {name for name, _, _ in PAGES}
    grew = {name: (small[name][0], large[name][0]) for name in small if small[name][0] != large[name][0]}
    assert not grew, f"statements per request at {SMALL} vs {LARGE} of everything: {grew}"


def test_query_counts_are_taken_on_pages_that_list_the_added_rows(counts_at_two_sizes):
    # Without this, pages that showed nothing (a wrong filter, an empty period) would pass trivially.
    small, large = counts_at_two_sizes[SMALL], counts_at_two_sizes[LARGE]
    assert all(statements >= 1 for statements, _ in small.values()), small
    listing = ["item search", "wash queue", "sort queue", "value queue", "price queue", "lot page",
               "Z-report list"]
    assert {name: large[name][1] > small[name][1] * 2 for name in listing} == dict.fromkeys(listing, True)
    # Labels to print show one A4 sheet at a time: 24 rows at the larger size where there were 5.
    assert large["labels to print"][1] > small["labels to print"][1] + 19 * 400
