"""The stock pages: a count and a transfer through the forms, the scanner's JSON, the report and its CSV."""

import re

import pytest

from boutique.core import clock
from boutique.extensions import db
from boutique.items.models import ItemStatus
from boutique.stock.models import Stocktake, Transfer

JSON = {"Accept": "application/json"}


@pytest.fixture
def counter(client, login_as, make_location):
    make_location("SKH")
    make_location("HUS", "Husby")
    return login_as("participant", language="en")


def test_a_count_through_its_pages_scan_finish_settle_and_report(client, counter, make_item):
    shelf = [make_item(description=f"Skjorta {n}", price_ore=9900, weight_grams=400) for n in range(3)]
    started = client.post("/stock/counts", data={"place": "SKH", "zone": "Rail 3", "category": ""})
    assert started.status_code == 302
    count = db.session.scalar(db.select(Stocktake))
    page = client.get(f"/stock/counts/{count.id}")
    assert page.status_code == 200 and 'name="code"' in page.text and "Rail 3" in page.text
    first = client.post(f"/stock/counts/{count.id}/scan", data={"code": shelf[0].code}, headers=JSON)
    assert first.json == {"ok": True, "kind": "ok", "message": f"Counted: Skjorta 0 ({shelf[0].code}).", "tally": 1,
                          "tally_words": "item counted"}
    again = client.post(f"/stock/counts/{count.id}/scan", data={"code": shelf[0].code}, headers=JSON)
    assert again.json["kind"] == "info" and "already scanned" in again.json["message"]
    husby = make_item(location="HUS", description="Kappa")
    odd = client.post(f"/stock/counts/{count.id}/scan", data={"code": husby.code}, headers=JSON)
    assert odd.json["kind"] == "warn" and "it belongs to Husby" in odd.json["message"] and odd.json["tally"] == 2
    assert odd.json["tally_words"] == "items counted"
    bad = client.post(f"/stock/counts/{count.id}/scan", data={"code": "2900000000000"}, headers=JSON)
    assert bad.status_code in (404, 422) and bad.json["kind"] == "error"
    assert client.post(f"/stock/counts/{count.id}/pause").status_code == 302
    paused = client.post(f"/stock/counts/{count.id}/scan", data={"code": shelf[1].code}, headers=JSON)
    assert paused.status_code == 409 and "paused" in paused.json["message"]
    client.post(f"/stock/counts/{count.id}/resume")
    client.post(f"/stock/counts/{count.id}/scan", data={"code": shelf[1].code})
    client.post(f"/stock/counts/{count.id}/finish")
    review = client.get(f"/stock/counts/{count.id}").text
    assert "Expected, not found" in review and shelf[2].code in review and husby.code in review
    lines = re.findall(r'/stock/counts/\d+/lines/(\d+)/settle', review)
    assert len(lines) == 2
    no_reason = client.post(f"/stock/counts/{count.id}/lines/{lines[0]}/settle", data={"choice": "lost"},
                            follow_redirects=True)
    assert "Choose what happened and say why." in no_reason.text
    client.post(f"/stock/counts/{count.id}/lines/{lines[0]}/settle", data={"choice": "lost", "reason": "Gone"})
    client.post(f"/stock/counts/{count.id}/lines/{lines[1]}/settle",
                data={"choice": "moved_here", "reason": "Came with the van"})
    db.session.refresh(shelf[2])
    db.session.refresh(husby)
    assert shelf[2].status == ItemStatus.lost and husby.location.code == "SKH"
    assert "Every difference is settled." in client.get(f"/stock/counts/{count.id}").text
    day = clock.sales_day(clock.now()).isoformat()
    report = client.get(f"/stock/report?place=SKH&day={day}")
    assert report.status_code == 200 and "Stocktake report" in report.text and "99,00" in report.text
    csv = client.get(f"/stock/report.csv?place=SKH&day={day}")
    assert csv.headers["Content-Type"].startswith("text/csv") and shelf[2].code in csv.get_data(as_text=True)
    assert "Gone" in csv.get_data(as_text=True) and ";99,00;0,4" in csv.get_data(as_text=True)
    history = client.get(f"/items/{shelf[2].code}").text
    assert "Lost" in history and f"stocktake {count.id}" in history
    assert client.get("/stock/report?place=SKH&day=not-a-day").status_code == 404


def test_a_transfer_through_its_pages(client, counter, make_item):
    items = [make_item(location="HUS", description=f"Väska {n}") for n in range(2)]
    assert client.post("/stock/transfers", data={"source": "HUS", "destination": "HUS"},
                       follow_redirects=True).text.count("A transfer goes to another place.") == 1
    client.post("/stock/transfers", data={"source": "HUS", "destination": "SKH", "note": "Julförsäljning"})
    transfer = db.session.scalar(db.select(Transfer))
    for item in items:
        out = client.post(f"/stock/transfers/{transfer.id}/scan-out", data={"code": item.code}, headers=JSON)
        assert out.json["kind"] == "ok" and "in transit" in out.json["message"]
    assert out.json["tally"] == 2
    client.post(f"/stock/transfers/{transfer.id}/send")
    arrived = client.post(f"/stock/transfers/{transfer.id}/scan-in", data={"code": items[0].code}, headers=JSON)
    assert arrived.json["message"].startswith("Arrived:") and arrived.json["tally"] == 1
    client.post(f"/stock/transfers/{transfer.id}/finish")
    review = client.get(f"/stock/transfers/{transfer.id}").text
    assert "Sent, did not arrive" in review and items[1].code in review
    line = re.findall(r'/stock/transfers/\d+/lines/(\d+)/settle', review)[0]
    client.post(f"/stock/transfers/{transfer.id}/lines/{line}/settle",
                data={"choice": "lost", "reason": "Not in the bag"})
    db.session.refresh(items[1])
    assert items[1].status == ItemStatus.lost


def test_the_start_page_lists_counts_and_transfers(client, counter):
    page = client.get("/stock/")
    assert page.status_code == 200 and "Count a place" in page.text and 'value="HUS"' in page.text
