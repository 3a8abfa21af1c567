"""Lots racing for the same garment on a real gunicorn server: it is consumed once, by one lot."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from boutique.auth.services import create_token
from boutique.extensions import db
from boutique.items.models import ItemEvent, ItemStatus
from boutique.production.models import LotMaterial

pytestmark = pytest.mark.server
# SQLite serialises the writers; give them room to queue on a busy (shared, 2-CPU) machine.
SERVER_CONFIG = {"SQLITE_BUSY_TIMEOUT_MS": 30000}


def _race(server, token: str, calls: list[tuple[int, list[str]]]) -> list[int]:
    barrier = threading.Barrier(len(calls))

    def claim(call):
        lot_id, codes = call
        barrier.wait()
        response = requests.post(server.url(f"/api/v1/lots/{lot_id}/materials"), json={"codes": codes},
                                 headers={"Authorization": f"Bearer {token}"}, timeout=30)
        return response.status_code

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(claim, calls))


def test_many_lots_racing_for_one_garment_one_wins_the_rest_get_409(live_server, make_lot, make_material,
                                                                    supervisor):
    garment = make_material()
    lots = [make_lot(f"Lot {n}") for n in range(8)]
    token = create_token(db.session, supervisor)
    db.session.commit()
    server = live_server(workers=4, config=SERVER_CONFIG)
    results = _race(server, token, [(lot.id, [garment.code]) for lot in lots])
    assert sorted(results) == [200] + [409] * 7, results
    db.session.rollback()  # end the read snapshot taken before the race
    assert garment.status == ItemStatus.consumed
    assert db.session.scalar(select(func.count(ItemEvent.id)).where(
        ItemEvent.item_id == garment.id, ItemEvent.event == "consumed")) == 1
    assert db.session.scalar(select(func.count(LotMaterial.id))) == 1


def test_overlapping_lists_in_opposite_order_never_half_consume(live_server, make_lot, make_material, supervisor):
    shawl, dress = make_material(), make_material()
    lots = [make_lot(f"Lot {n}") for n in range(6)]
    token = create_token(db.session, supervisor)
    db.session.commit()
    server = live_server(workers=4, config=SERVER_CONFIG)
    orders = [[shawl.code, dress.code], [dress.code, shawl.code]]
    results = _race(server, token, [(lot.id, orders[n % 2]) for n, lot in enumerate(lots)])
    assert sorted(results) == [200] + [409] * 5, results
    db.session.rollback()  # end the read snapshot taken before the race
    # Both went to the one winning lot: never one garment here and the other there.
    assert len(set(db.session.scalars(select(LotMaterial.lot_id)))) == 1
    assert db.session.scalar(select(func.count(LotMaterial.id))) == 2
