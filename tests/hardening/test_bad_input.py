"""Bad input everywhere: names in any script (and the tricks Unicode allows), huge fields, thousands of
fields, replayed posts, impossible prices and the two daylight-saving Sundays. Never a 500; nothing
changes when the input is refused."""

import json
import re
import time
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from boutique.auth.models import User
from boutique.donations.models import Donation
from boutique.extensions import db
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.production.models import ProductionLot
from boutique.sales.models import Sale
from boutique.sales.services.days import close_till, open_till
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.selling import PaymentRequest, checkout
from tests.conftest import login

NAMES = {
    "arabic": "زهرا الحسيني",
    "tigrinya": "ሰላም ተስፋይ",
    "emoji": "Hodan 🧵✂️👗🏽",
    "rlo": "\u202egpj.exe Amira",  # RIGHT-TO-LEFT OVERRIDE: must not flip the text after it
    "combining": "Zoe\u0308 Ångstro\u0308m",  # decomposed: stored as typed, not normalised
    "markup": '<i>Fatima</i> & "Co" {{7*7}}',
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Occurrences(HTMLParser):
    """Where a text shows up in a page: for each text node holding it, whether a <bdi> or an element with
    a ``dir`` attribute isolates it (the page's <head> is left out: a title cannot hold markup)."""

    def __init__(self, needle: str):
        super().__init__(convert_charrefs=True)
        self.needle, self.stack, self.found = needle, [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.needle in data and not any(tag in ("head", "title") for tag, _ in self.stack):
            isolated = any(tag == "bdi" or attrs.get("dir") for tag, attrs in self.stack)
            self.found.append((isolated, " > ".join(tag for tag, _ in self.stack[-4:])))


def occurrences(html: str, needle: str) -> list[tuple[bool, str]]:
    parser = _Occurrences(needle)
    parser.feed(html)
    return parser.found


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# --- names in any script ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value", NAMES.values(), ids=NAMES.keys())
def test_names_in_any_script_round_trip_escaped_and_isolated_on_every_page(
        app, client, api_as, make_user, make_till, value):
    make_till("SKH-1")
    admin = make_user("admin")
    staff = api_as("supervisor")
    created = api_as(user=admin).post("/api/v1/users", json={
        "username": "namn1", "role": "participant", "password": "long enough pw", "display_name": value})
    assert created.status_code == 201, created.json
    donation = staff.post("/api/v1/donations", json={"source": "drop_off", "location": "SKH",
                                                     "note": value, "donor_note": value})
    assert donation.status_code == 201, donation.json
    unpacked = staff.post(f"/api/v1/donations/{donation.json['id']}/items",
                          json={"items": [{"category": "women-dresses", "description": value}]})
    assert unpacked.status_code == 201, unpacked.json
    code = unpacked.json["items"][0]["code"]
    lot = staff.post("/api/v1/lots", json={"title": value, "concept": value, "location": "SKH"})
    assert lot.status_code == 201, lot.json

    # Stored exactly as typed: no normalisation, no stripping of the override or the combining marks.
    assert db.session.scalar(select(User.display_name).where(User.username == "namn1")) == value
    stored = db.session.get(Donation, donation.json["id"])
    assert (stored.note, stored.donor_note) == (value, value)
    assert db.session.scalar(select(Item.description).where(Item.code == code)) == value
    assert db.session.get(ProductionLot, lot.json["id"]).title == value

    login(client, admin)
    pages = ["/people/", f"/donations/{donation.json['id']}", f"/items/{code}", "/items/?q=" + value[:6],
             f"/lots/{lot.json['id']}", "/lots/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.get_data(as_text=True)
        assert "<i>Fatima</i>" not in html  # escaped, and a template expression in a name stays text
        found = occurrences(html, value)
        assert found, (url, "the name is not shown")
        assert all(isolated for isolated, _ in found), (url, [where for ok, where in found if not ok])

    search = client.get("/till/SKH-1/returns", query_string={"q": value})
    assert search.status_code < 500
    assert all(isolated for isolated, _ in occurrences(search.get_data(as_text=True), value))


# --- huge and numerous fields ----------------------------------------------------------------------------

TEN_MB = "x" * (10 * 1024 * 1024)


def test_a_ten_megabyte_form_field_is_refused_and_nothing_is_stored(client, login_as, make_location):
    make_location("SKH")
    login_as("participant")
    before = _count(Donation)
    response = client.post("/donations/new", data={"source": "drop_off", "location": "SKH", "note": TEN_MB})
    assert response.status_code == 413  # not read into memory, and not echoed back in a 10 MB error page
    assert "för stort" in response.get_data(as_text=True) and len(response.data) < 100_000
    assert _count(Donation) == before


def test_a_ten_megabyte_json_field_is_a_clear_4xx_and_nothing_is_stored(api_as, make_location):
    make_location("SKH")
    staff = api_as("participant")
    before = _count(Donation)
    response = staff.post("/api/v1/donations", json={"source": "drop_off", "location": "SKH", "note": TEN_MB})
    assert response.status_code in (413, 422), response.status_code
    assert response.json["error"]["code"] and response.json["error"]["message"]
    assert _count(Donation) == before


def _json_writes(client, values: dict) -> list[str]:
    document = client.get("/api/v1/openapi.json").json
    return [re.sub(r"{(\w+)}", lambda m: str(values[m[1]]), path)
            for path, operations in document["paths"].items() for method, operation in operations.items()
            if method == "post" and "application/json" in operation.get("requestBody", {}).get("content", {})]


def test_deeply_nested_json_is_a_clear_400_on_every_json_endpoint(api_as, make_till, make_item, make_user):
    """3,000 levels in 6 KB used to reach json.loads and end in a RecursionError (500)."""
    make_till("SKH-1")
    admin = api_as("admin")
    donation = admin.post("/api/v1/donations", json={"source": "drop_off", "location": "SKH"}).json
    lot = admin.post("/api/v1/lots", json={"title": "Deep", "location": "SKH"}).json
    values = {"donation_id": donation["id"], "lot_id": lot["id"], "code": make_item().code, "till": "SKH-1",
              "username": make_user("participant").username,
              "stocktake_id": 1, "transfer_id": 1, "line_id": 1}  # the body is read before the count is looked up
    deep = "[" * 3000 + "]" * 3000
    unpaired = '{"a":' * 3000 + "]" * 3000
    writes = _json_writes(admin.client, values)
    assert len(writes) >= 20
    for url in writes:
        for body in (deep, unpaired, '{"items": ' + "[" * 40 + "]" * 40 + "}"):
            response = admin.post(url, data=body, headers={"Content-Type": "application/json"})
            assert response.status_code == 400, (url, response.status_code, body[:20])
            assert response.json["error"]["code"] == "too_deep", (url, response.json)


def test_nesting_up_to_the_limit_is_read_and_brackets_inside_strings_do_not_count(api_as, make_location):
    make_location("SKH")
    staff = api_as("participant")
    thirty = json.loads("[" * 30 + "1" + "]" * 30)  # with the body's own object: 31 levels
    nested = staff.post("/api/v1/donations", json={"source": "drop_off", "location": "SKH", "note": thirty})
    assert nested.status_code == 422 and nested.json["error"]["code"] == "validation_failed"
    brackets = staff.post("/api/v1/donations", json={"source": "drop_off", "location": "SKH",
                                                     "note": "[" * 400 + '{"' + "}" * 400})
    assert brackets.status_code == 201


@pytest.mark.parametrize("encoding", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_five_thousand_fields_on_a_write_form_are_answered_quickly_without_a_500(
        client, login_as, make_location, encoding):
    make_location("SKH")
    login_as("participant")
    fields = {f"f{n}": "1" for n in range(5000)} | {"source": "drop_off", "location": "SKH"}
    before = _count(Donation)
    started = time.monotonic()
    response = client.post("/donations/new", data=fields, content_type=encoding)
    assert time.monotonic() - started < 3
    if encoding == "multipart/form-data":
        assert response.status_code == 413  # more parts than MAX_FORM_PARTS
        assert _count(Donation) == before
    else:  # url-encoded: within MAX_FORM_MEMORY_SIZE; the unknown fields are ignored
        assert response.status_code in (302, 400, 413, 422)
        assert _count(Donation) <= before + 1


# --- replayed form posts -------------------------------------------------------------------------------

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def csrf_browser(make_app, app, make_user):
    """A client of an app with CSRF on, signed in as a participant, and a way to read a page's token."""
    browser = make_app(WTF_CSRF_ENABLED=True).test_client()
    user = make_user("participant")
    token = CSRF.search(browser.get("/login").get_data(as_text=True)).group(1)
    assert browser.post("/login", data={"csrf_token": token, "username": user.username,
                                        "password": "correct horse battery"}).status_code == 302
    # Reading the user's name began a read in this session, and the sign-in has written since (its
    # attempt lock): a fresh snapshot, or SQLite refuses this session's next write as stale.
    db.session.rollback()

    def token_of(url: str) -> str:
        return CSRF.search(browser.get(url).get_data(as_text=True)).group(1)

    browser.token_of = token_of
    return browser


def test_a_replayed_pricing_post_prices_the_item_once(csrf_browser, make_item):
    item = make_item("valued", price_ore=None, value_ore=9900)
    page = csrf_browser.get(f"/pipeline/items/{item.code}").get_data(as_text=True)
    form = dict(re.findall(r'<input[^>]*name="(csrf_token|seen)"[^>]*value="([^"]*)"', page))
    assert set(form) == {"csrf_token", "seen"}
    form["price"] = "99"
    first = csrf_browser.post(f"/pipeline/items/{item.code}/price", data=form)
    replay = csrf_browser.post(f"/pipeline/items/{item.code}/price", data=form)
    assert first.status_code in (302, 303) and replay.status_code < 500
    db.session.rollback()  # a fresh snapshot: the requests committed in other sessions
    assert db.session.get(Item, item.id).price_ore == 9900
    priced = db.session.scalar(select(func.count(ItemEvent.id)).where(
        ItemEvent.item_id == item.id, ItemEvent.to_status == ItemStatus.for_sale))
    assert priced == 1, "the replay must not record a second pricing"


def test_a_replayed_till_payment_sells_once(csrf_browser, make_till, make_item, session):
    till = make_till("SKH-1")
    item = make_item(price_ore=14900)
    form = {"csrf_token": csrf_browser.token_of("/till/SKH-1"), "float_amount": "500"}
    assert csrf_browser.post("/till/SKH-1/open", data=form).status_code < 400
    scan = {"csrf_token": form["csrf_token"], "code": item.code}
    assert csrf_browser.post("/till/SKH-1/scan", data=scan).status_code < 400
    page = csrf_browser.get("/till/SKH-1/pay").get_data(as_text=True)
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    fields.update({"csrf_token": form["csrf_token"], "card": "149", "card_confirmed": "y"})
    first = csrf_browser.post("/till/SKH-1/pay", data=fields)
    replay = csrf_browser.post("/till/SKH-1/pay", data=fields)
    assert first.status_code < 400 and replay.status_code < 500
    db.session.rollback()  # a fresh snapshot: the requests committed in other sessions
    assert db.session.scalar(select(func.count(Sale.id)).where(Sale.till_id == till.id)) == 1


# --- impossible prices ---------------------------------------------------------------------------------

BAD_KRONOR = ["-10", "0", "0,00", "1000000000000", "1e3", "12,345", "१२", "NaN", "∞", "12.5.3", "", " "]
BAD_ORE = [-100, 0, 10**14, 2_147_483_648, "1e3", 1e3, 12.5, "١٢", True, None, "NaN"]


@pytest.mark.parametrize("price", BAD_KRONOR)
def test_an_impossible_price_in_the_form_is_a_clear_error_and_changes_nothing(client, login_as, make_item, price):
    login_as("participant")
    item = make_item("valued", price_ore=None, value_ore=9900)
    response = client.post(f"/pipeline/items/{item.code}/price", data={"price": price})
    assert response.status_code == 422, response.status_code
    assert 'class="field-error' in response.get_data(as_text=True) or "error" in response.get_data(as_text=True)
    db.session.rollback()  # a fresh snapshot: the requests committed in other sessions
    item = db.session.get(Item, item.id)
    assert item.status == ItemStatus.valued and item.price_ore is None


@pytest.mark.parametrize("price", BAD_ORE, ids=repr)
def test_an_impossible_price_in_the_api_is_422_and_changes_nothing(api_as, make_item, price):
    staff = api_as("participant")
    item = make_item("valued", price_ore=None, value_ore=9900)
    response = staff.post(f"/api/v1/items/{item.code}/price", json={"price_ore": price})
    assert response.status_code == 422, (response.status_code, response.json)
    assert response.json["error"]["message"]
    db.session.rollback()  # a fresh snapshot: the requests committed in other sessions
    assert db.session.get(Item, item.id).status == ItemStatus.valued


# --- the daylight-saving Sundays -----------------------------------------------------------------------

DST = [
    # (UTC moment, the Stockholm business day it belongs to)
    (datetime(2026, 3, 28, 22, 59, tzinfo=UTC), date(2026, 3, 28)),  # 23:59 CET
    (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), date(2026, 3, 29)),  # 01:30 CET, before the jump
    (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), date(2026, 3, 29)),  # 03:30 CEST ("02:30" does not exist)
    (datetime(2026, 3, 29, 21, 59, tzinfo=UTC), date(2026, 3, 29)),  # 23:59 CEST
    (datetime(2026, 10, 24, 21, 59, tzinfo=UTC), date(2026, 10, 24)),  # 23:59 CEST
    (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), date(2026, 10, 25)),  # 02:30 CEST, the first time
    (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), date(2026, 10, 25)),  # 02:30 CET, the second time
    (datetime(2026, 10, 25, 22, 59, tzinfo=UTC), date(2026, 10, 25)),  # 23:59 CET
]


def test_sales_on_the_daylight_saving_sundays_land_on_the_right_business_day_and_report_day(
        api_as, make_till, make_item, make_user):
    till = make_till("SKH-1")
    cashier = make_user("participant")
    by_day: dict[date, list] = {}
    for moment, day in DST:
        by_day.setdefault(day, []).append(moment)
    for day, moments in sorted(by_day.items()):
        open_till(db.session, till=till, user=cashier, float_ore=0, at=moments[0])
        for moment in moments:
            item = make_item(price_ore=10000)
            sale = checkout(db.session, till=till, cashier=cashier, lines=[LineRequest(code=item.code)],
                            payments=[PaymentRequest("card", 10000)], at=moment)
            db.session.commit()
            assert sale.sales_day == day, (moment, sale.sales_day)
        close_till(db.session, till=till, user=cashier, counted_cash_ore=0, at=moments[-1])
        db.session.commit()

    reports = api_as("supervisor")
    for day in [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30), date(2026, 10, 24), date(2026, 10, 25),
                date(2026, 10, 26)]:
        response = reports.get(f"/api/v1/reports/sales?from={day}&to={day}&group_by=category")
        assert response.status_code == 200, response.json
        sold = sum(row["items_sold"] for row in response.json["rows"])
        assert sold == len(by_day.get(day, [])), (day, sold)
