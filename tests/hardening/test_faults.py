"""Faults against a real gunicorn: a locked database, a full disk, a killed server, and a restore drill.
(Checkout's own kill test is in tests/sales/test_concurrency.py; this covers the other writes.)"""

import io
import os
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import requests
from PIL import Image
from sqlalchemy import func, select, text

from boutique.auth.services import create_token
from boutique.donations.models import Donation
from boutique.donations.services import receive_donation
from boutique.extensions import db
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.photos import images
from boutique.photos.models import Photo
from boutique.places.models import Location
from boutique.sales.models import Sale
from boutique.sales.services.days import open_till
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.selling import PaymentRequest, checkout
from tests.hardening.conftest import Browser, sqlite_file, worker_pids
from tests.live_server import ROOT

pytestmark = pytest.mark.server


def _count(model) -> int:
    db.session.rollback()  # a fresh snapshot, and no read transaction left open beside the server
    value = db.session.scalar(select(func.count()).select_from(model))
    db.session.rollback()
    return value


def _bearer(user) -> dict:
    token = create_token(db.session, user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


# --- a database locked beyond the busy timeout ---------------------------------------------------------

def test_a_write_lock_held_past_the_busy_timeout_answers_503_try_again_and_the_worker_survives(
        sqlite_only, live_server, make_user, make_location):
    make_location("SKH")
    user = make_user("participant")
    auth = _bearer(user)
    server = live_server(workers=1, config={"SQLITE_BUSY_TIMEOUT_MS": 300})
    browser = Browser(server, user.username)
    form = {"csrf_token": browser.csrf("/donations/new"), "source": "drop_off", "location": "SKH",
            "weight": "3,5", "bags": "2"}
    body = {"source": "drop_off", "location": "SKH", "weight_grams": 3500}
    (worker,) = worker_pids(server)
    before = _count(Donation)

    locker = sqlite3.connect(sqlite_only, isolation_level=None, timeout=10)
    locker.execute("BEGIN EXCLUSIVE")  # what a long writer (or a stuck backup tool) would hold
    try:
        started = time.monotonic()
        page = browser.post("/donations/new", form)
        api = requests.post(server.url("/api/v1/donations"), json=body, headers=auth, timeout=30)
        waited = time.monotonic() - started
    finally:
        locker.execute("ROLLBACK")
        locker.close()

    assert page.status_code == 503, page.text[:500]
    assert "Försök igen om en stund" in page.text and "Traceback" not in page.text
    assert api.status_code == 503 and api.json()["error"]["code"] == "try_again", api.text
    assert api.json()["error"]["message"]
    assert waited < 10  # each gave up after the busy timeout, not the gunicorn timeout
    assert _count(Donation) == before

    # Released: the same worker, not a replacement, serves both writes.
    assert browser.post("/donations/new", form).status_code == 302
    assert requests.post(server.url("/api/v1/donations"), json=body, headers=auth, timeout=30).status_code == 201
    assert worker_pids(server) == {worker}
    assert _count(Donation) == before + 2


# --- a full disk for photo uploads -----------------------------------------------------------------------

@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MB tmpfs: writes past it fail with ENOSPC, as on a full disk. Needs mount rights (root)."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(mount_point)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tiny tmpfs here (needs root): {result.stderr.strip()}")
    (mount_point / "photos").mkdir()
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)


def _fill(disk: Path, leave: int) -> None:
    """Fill the disk with a file so that about ``leave`` bytes (whole pages) stay free."""
    stat = os.statvfs(disk)
    size = stat.f_bavail * stat.f_frsize - leave
    with open(disk / "filler", "wb") as out:
        while size > 0:
            chunk = min(size, 65536)
            out.write(b"\xff" * chunk)
            size -= chunk


def _free(disk: Path) -> int:
    stat = os.statvfs(disk)
    return stat.f_bavail * stat.f_frsize


def _noisy_jpeg() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((640, 480), 80).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def _pages(size: int) -> int:
    return -(-size // 4096)


@pytest.mark.parametrize("room", ["none", "photo_but_not_thumbnail"])
def test_a_full_disk_gives_a_clear_error_no_photo_row_and_no_partial_file(
        tiny_disk, live_server, make_lot, supervisor, room):
    lot = make_lot()
    auth = _bearer(supervisor)
    data = _noisy_jpeg()
    encoded = images.reencode(data, max_pixels=40_000_000)
    assert _pages(len(encoded.data)) >= 2
    server = live_server(workers=1, config={"UPLOAD_FOLDER": str(tiny_disk)})
    browser = Browser(server, supervisor.username)
    csrf = browser.csrf(f"/lots/{lot.id}")
    (worker,) = worker_pids(server)
    leave = 0 if room == "none" else (_pages(len(encoded.data)) + _pages(len(encoded.thumb)) - 1) * 4096
    _fill(tiny_disk, leave)
    if room == "none":
        assert _free(tiny_disk) < 4096
    else:  # the photo itself fits; its thumbnail, written second, does not
        assert len(encoded.data) <= _free(tiny_disk) < len(encoded.data) + len(encoded.thumb)

    api = requests.post(server.url(f"/api/v1/lots/{lot.id}/photos"), headers=auth, timeout=60,
                        data={"kind": "before"}, files={"photo": ("p.jpg", data, "image/jpeg")})
    assert api.status_code == 503, api.text
    assert api.json()["error"]["code"] == "photo_not_stored"
    page = browser.post(f"/photos/lots/{lot.id}", {"csrf_token": csrf, "kind": "after", "next": f"/lots/{lot.id}"},
                        files={"photo": ("p.jpg", data, "image/jpeg")})
    assert page.status_code == 303
    shown = browser.http.get(server.url(page.headers["Location"]), timeout=30).text
    assert "Fotot kunde inte sparas (disken kan vara full)" in shown

    assert _count(Photo) == 0
    assert list((tiny_disk / "photos").iterdir()) == []  # no photo, no thumbnail, no .part file

    (tiny_disk / "filler").unlink()  # space again: the same worker stores the next upload
    again = requests.post(server.url(f"/api/v1/lots/{lot.id}/photos"), headers=auth, timeout=60,
                          data={"kind": "before"}, files={"photo": ("p.jpg", data, "image/jpeg")})
    assert again.status_code == 201, again.text
    assert worker_pids(server) == {worker}
    assert _count(Photo) == 1 and len(list((tiny_disk / "photos").iterdir())) == 2


# --- the server killed in the middle of a multi-step write --------------------------------------------------

BATCH = 40


def test_killing_the_server_mid_unpack_leaves_every_batch_all_or_nothing(
        live_server, make_user, make_location, database_url):
    location = make_location("SKH")
    user = make_user("participant")
    auth = _bearer(user)
    donations = [receive_donation(db.session, source="drop_off", location=location, by_user_id=user.id)
                 for _ in range(15)]
    db.session.commit()
    ids = [donation.id for donation in donations]
    server = live_server(workers=2)
    answered, stop = Counter(), threading.Event()
    lines = [{"category": "women-dresses", "description": f"klänning {n}"} for n in range(BATCH)]

    def unpack_all(mine):
        for donation_id in mine:
            if stop.is_set():
                return
            try:
                response = requests.post(server.url(f"/api/v1/donations/{donation_id}/items"), headers=auth,
                                         json={"items": lines}, timeout=60)
                answered[response.status_code] += 1
            except requests.RequestException:
                answered["dropped"] += 1

    threads = [threading.Thread(target=unpack_all, args=(ids[n::3],)) for n in range(3)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while answered[201] < 4 and time.monotonic() < deadline:
        time.sleep(0.005)
    server.kill()  # SIGKILL master and workers while unpacks are in flight
    stop.set()
    for thread in threads:
        thread.join(60)
    assert answered[201] >= 4 and not [k for k in answered if isinstance(k, int) and k != 201], answered

    restarted = live_server(workers=1)
    db.session.rollback()
    if sqlite_file(database_url):
        assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    per_donation = dict(db.session.execute(select(Item.donation_id, func.count(Item.id))
                                           .where(Item.donation_id.in_(ids)).group_by(Item.donation_id)).all())
    events = db.session.scalar(select(func.count(ItemEvent.id)).join(Item).where(Item.donation_id.in_(ids)))
    codes = db.session.scalars(select(Item.code).where(Item.donation_id.in_(ids))).all()
    db.session.rollback()
    assert set(per_donation.values()) <= {BATCH}, per_donation  # every batch whole, or absent
    assert answered[201] <= len(per_donation) <= answered[201] + answered["dropped"], (answered, per_donation)
    assert events == len(codes) == len(set(codes)) == BATCH * len(per_donation), (events, len(codes))

    empty = next(donation_id for donation_id in ids if donation_id not in per_donation)
    after = requests.post(restarted.url(f"/api/v1/donations/{empty}/items"), headers=auth,
                          json={"items": lines[:3]}, timeout=60)
    assert after.status_code == 201, after.text  # the code series goes on without a collision
    assert not set(item["code"] for item in after.json()["items"]) & set(codes)


# --- a restore drill that ends with a test sale ---------------------------------------------------------

def _flask(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOUTIQUE_")}
    env.update({"BOUTIQUE_DATABASE_URL": database_url, "BOUTIQUE_SECRET_KEY": "restore-drill"})
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "boutique", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _sell_here(till, cashier, item: Item) -> Sale:
    sale = checkout(db.session, till=till, cashier=cashier, lines=[LineRequest(code=item.code)],
                    payments=[PaymentRequest("card", item.price_ore)])
    db.session.commit()
    return sale


def _sale_via_api(server, auth, till: str, item: tuple[str, int]) -> requests.Response:
    code, price = item
    return requests.post(server.url("/api/v1/sales"), timeout=60, headers={**auth, "Idempotency-Key": uuid.uuid4().hex},
                         json={"till": till, "lines": [{"code": code}],
                               "payments": [{"method": "card", "amount_ore": price}]})


def test_restore_drill_backup_change_restore_then_a_test_sale_follows_the_restored_series(
        live_server, make_user, make_till, make_item, database_url, tmp_path):
    cashier = make_user("participant", username="drill", display_name="Selam ሰላም")
    auth = _bearer(cashier)
    till = make_till("SKH-1")
    items = [make_item(price_ore=12900), make_item(price_ore=4900)]
    second = (items[1].code, items[1].price_ore)
    open_till(db.session, till=till, user=cashier, float_ore=50000)
    _sell_here(till, cashier, items[0])

    backup = tmp_path / "drill.backup"
    _flask(database_url, "backup", str(backup))

    # Life goes on after the backup: another sale and a new person, both lost by the restore.
    assert _sell_here(till, cashier, items[1]).receipt_number == 2
    make_user("participant", username="afterbackup")
    db.session.remove()
    db.engine.dispose()  # the restore replaces the database under us: hold no connection

    _flask(database_url, "restore", str(backup), "--yes")
    assert _count(Sale) == 1
    assert db.session.scalar(select(Item.status).where(Item.code == second[0])) == ItemStatus.for_sale
    db.session.rollback()

    restored = live_server(workers=1)
    sale = _sale_via_api(restored, auth, "SKH-1", second)
    assert sale.status_code == 201, sale.text
    assert sale.json()["receipt_number"] == 2  # follows the restored series: 1 was kept, 2 was lost
    closed = requests.post(restored.url("/api/v1/tills/SKH-1/close"), json={"counted_cash_ore": 50000},
                           headers=auth, timeout=30)
    assert closed.status_code == 201, closed.text
    db.session.rollback()
    assert sorted(db.session.scalars(select(Sale.receipt_number))) == [1, 2]
    assert db.session.scalar(select(Item.status).where(Item.code == second[0])) == ItemStatus.sold
    assert db.session.scalar(select(Location.code)) == "SKH"
    db.session.rollback()
