"""Stock against real gunicorn workers: scanners racing into one count, and the till racing a settle."""

import random
import uuid
from collections import Counter

import pytest
import requests
from sqlalchemy import func, select

from boutique.auth.services import create_token
from boutique.extensions import db
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.sales.models import SaleLine
from boutique.stock import counts
from boutique.stock.models import StocktakeLine
from boutique.stock.queries import count_review
from tests.sales.test_concurrency import _race, _tills

pytestmark = pytest.mark.server

SCANNERS = 4


def _post(server, token, path, body, key=None):
    headers = {"Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    return requests.post(server.url(path), json=body, headers=headers, timeout=60)


def test_several_scanners_into_one_count_count_every_item_once(live_server, make_user, make_item):
    people = [make_user("participant") for _ in range(SCANNERS)]
    tokens = [create_token(db.session, person) for person in people]
    shelf = [make_item(price_ore=5000) for _ in range(24)]
    count = counts.start_count(db.session, location_code="SKH", by_user=people[0])
    db.session.commit()
    codes, count_id = [item.code for item in shelf], count.id
    server = live_server(workers=4)

    def scanner(token, order):
        def scan_all():
            answers = [_post(server, token, f"/api/v1/stocktakes/{count_id}/scan", {"code": code}) for code in order]
            return answers[-1] if all(a.status_code == 200 for a in answers) else answers[0]
        return scan_all

    # Every scanner scans the whole shelf, each in its own order: every item is scanned by all of them.
    orders = [random.Random(seed).sample(codes, len(codes)) for seed in range(SCANNERS)]
    statuses = _race([scanner(token, order) for token, order in zip(tokens, orders, strict=True)])
    assert statuses == [200] * SCANNERS, statuses
    db.session.rollback()
    scanned = db.session.scalar(select(func.count(StocktakeLine.id)).where(
        StocktakeLine.stocktake_id == count_id, StocktakeLine.scanned_at.is_not(None)))
    counted_events = Counter(db.session.scalars(select(ItemEvent.item_id).where(ItemEvent.event == "counted")))
    db.session.rollback()
    assert scanned == len(codes)
    assert sorted(counted_events.values()) == [1] * len(codes)  # one "counted" in each history, not four


def test_a_sale_racing_a_settle_is_either_sold_or_lost_never_both(live_server, make_till, make_user, make_item):
    seller = make_user("participant")
    token = create_token(db.session, seller)
    _tills(make_till, seller, ["RACE-1"])
    shelf = [make_item(price_ore=7900) for _ in range(8)]
    count = counts.start_count(db.session, location_code="SKH", by_user=seller)
    counts.finish_count(db.session, count=count)
    lines = {row.item.id: row.line.id for row in count_review(db.session, count).missing}
    db.session.commit()
    count_id = count.id
    server = live_server(workers=4)
    outcomes = Counter()
    for item in shelf:
        code, line = item.code, lines[item.id]
        sale = {"till": "RACE-1", "lines": [{"code": code}], "payments": [{"method": "card", "amount_ore": 7900}]}
        settle = {"choice": "lost", "reason": "Not on the rail"}
        statuses = _race([
            lambda sale=sale: _post(server, token, "/api/v1/sales", sale, key=uuid.uuid4().hex),
            lambda line=line, settle=settle: _post(server, token, f"/api/v1/stocktakes/{count_id}/lines/{line}/settle",
                                                   settle)])
        db.session.rollback()
        status = db.session.scalar(select(Item.status).where(Item.id == item.id))
        sold_lines = db.session.scalar(select(func.count(SaleLine.id)).where(SaleLine.item_id == item.id))
        lost_events = db.session.scalar(select(func.count(ItemEvent.id)).where(
            ItemEvent.item_id == item.id, ItemEvent.event == "lost"))
        settlement = db.session.scalar(select(StocktakeLine.settlement).where(StocktakeLine.id == line))
        db.session.rollback()
        if statuses[0] == 201:  # the sale came first: counted as sold, nothing lost
            assert statuses[1] == 200 and status == ItemStatus.sold, (statuses, status)
            assert (sold_lines, lost_events, settlement) == (1, 0, None)
            outcomes["sold"] += 1
        else:  # the settle came first: the till was told the item is lost
            assert statuses == [409, 200] and status == ItemStatus.lost, (statuses, status)
            assert (sold_lines, lost_events, settlement.value) == (0, 1, "lost")
            outcomes["lost"] += 1
    assert sum(outcomes.values()) == len(shelf), outcomes
