"""The till's screens as the server renders them: the cart drawn as markup, the register layout, one key map,
a return's pay-back, the blind count at close, an item from another place, and counted words."""

import re

import pytest
from sqlalchemy import select

from boutique.extensions import db
from boutique.items.models import ItemEvent
from boutique.sales.keys import KEY_MAP
from tests.conftest import login

JSON = {"Accept": "application/json"}
# Markup a person would read as text: a tag or an entity escaped by the template engine.
ESCAPED_MARKUP = re.compile(r"&lt;/?[a-z]|&amp;(?:lt|gt|quot|amp);")


@pytest.fixture
def seller(client, make_user, open_till_):
    """A signed-in participant (English pages) at open till SKH-1."""
    user = make_user("participant", username="seller", language="en")
    login(client, user)
    open_till_("SKH-1")
    return user


def _scan(client, code, till="SKH-1"):
    return client.post(f"/till/{till}/scan", data={"code": code}, headers=JSON)


def _cart_key(client, till="SKH-1"):
    page = client.get(f"/till/{till}/pay")
    return re.search(r'name="key" type="hidden" value="([0-9a-f]+)"', page.text).group(1)


def _sell_by_card(client, *items, till="SKH-1"):
    for item in items:
        _scan(client, item.code, till)
    return client.post(f"/till/{till}/pay", data={"key": _cart_key(client, till), "quick": "card"})


def test_the_server_draws_the_cart_as_markup_not_as_text(client, seller, make_item):
    empty = client.get("/till/SKH-1").text
    assert '<div class="empty-state cart-empty">' in empty and not ESCAPED_MARKUP.search(empty)
    item = make_item(price_ore=14900, description="Blommig klänning")
    _scan(client, item.code)
    page = client.get("/till/SKH-1").text
    assert not ESCAPED_MARKUP.search(page), ESCAPED_MARKUP.search(page)
    cart = page[page.index('<div id="cart"'):page.index("</table>")]
    assert '<table class="table cart-table">' in cart and f"<code>{item.code}</code>" in cart
    assert re.search(r'<form method="post" action="/till/SKH-1/lines/\d+/remove"', cart)  # a line can be removed
    assert '<p class="total-amount" id="cart-total">149,00\xa0kr</p>' in page


@pytest.mark.parametrize("path", ["", "/pay", "/returns", "/receipts", "/x", "/close", "/cashier", "/receipts/1",
                                  "/returns?q=1&till=SKH-1"])
def test_every_till_screen_is_a_register_without_the_site_menu_or_escaped_markup(client, seller, make_item, path):
    _sell_by_card(client, make_item())
    _scan(client, make_item(description="Sammetskjol").code)  # the pay screen needs a cart
    page = client.get(f"/till/SKH-1{path}")
    assert page.status_code == 200, path
    assert 'class="main-nav"' not in page.text and 'class="register-bar"' in page.text
    assert "Exit the till" in page.text and "seller" not in page.text.split('class="register-bar"')[0]
    assert not ESCAPED_MARKUP.search(page.text), (path, ESCAPED_MARKUP.search(page.text))


def test_opening_the_till_and_its_z_report_are_registers_too(client, seller, make_item):
    closed = client.post("/till/SKH-1/close", data={"counted": "1 000", "confirmed": "1"})
    assert closed.status_code == 302
    for path in ("/till/SKH-1", closed.headers["Location"]):
        page = client.get(path).text
        assert 'class="register-bar"' in page and 'class="main-nav"' not in page and not ESCAPED_MARKUP.search(page)


def _pressed_keys(html: str) -> list[tuple[str, str]]:
    return re.findall(r'data-key="([^"]+)" data-does="([^"]+)"', html)


def test_one_key_map_for_the_whole_till_shown_on_every_screen(client, seller, make_item):
    _sell_by_card(client, make_item())
    _scan(client, make_item().code)
    meaning: dict[str, set[str]] = {}
    for path in ("", "/pay", "/returns", "/receipts", "/x", "/close", "/cashier", "/receipts/1"):
        page = client.get(f"/till/SKH-1{path}").text
        pressed = _pressed_keys(page)
        assert pressed, path
        legend = page[page.index('class="key-legend"'):]
        for key, action in pressed:
            meaning.setdefault(key, set()).add(action)
            assert f"<kbd>{KEY_MAP[action].shown}</kbd>" in legend, f"{path}: {key} is not in the legend"
    assert all(len(actions) == 1 for actions in meaning.values()), meaning
    assert {key: actions.pop() for key, actions in meaning.items()} == {
        "F2": "pay", "F3": "card", "F4": "swish", "F6": "manual", "F7": "cash", "F8": "cashier", "F9": "clear",
        "F10": "print", "Insert": "voucher", "Escape": "back"}


def test_a_return_shows_what_to_pay_back_and_how(client, seller, make_item):
    item = make_item(price_ore=14900)
    _sell_by_card(client, item)
    found = client.get(f"/till/SKH-1/returns?q={item.code}&till=SKH-1").text
    line_id = re.search(r'name="line" value="(\d+)"', found).group(1)
    sale_id = re.search(r'/returns/(\d+)"', found).group(1)
    done = client.post(f"/till/SKH-1/returns/{sale_id}", data={"line": line_id, "refund_method": "card"})
    receipt = client.get(done.headers["Location"]).text
    assert re.search(r'class="change-due pay-back-due">\s*Pay back 149,00\xa0kr to the card', receipt)
    assert "pay-back-due" not in client.get("/till/SKH-1/receipts/1").text  # a sale shows no pay-back


def test_closing_counts_blind_then_shows_expected_and_difference(client, seller, make_item):
    _scan(client, make_item(price_ore=10000).code)
    client.post("/till/SKH-1/pay", data={"key": _cart_key(client), "quick": "cash"})  # expected: 1 100,00 kr
    first = client.get("/till/SKH-1/close").text
    assert 'name="counted"' in first and "1\u00a0100,00" not in first and "Expected" not in first
    counted = client.post("/till/SKH-1/close", data={"counted": "1 090"})
    assert counted.status_code == 200
    for figure, amount in (("count-counted", "1\u00a0090,00"), ("count-expected", "1\u00a0100,00"),
                           ("count-difference", "-10,00")):
        assert re.search(rf'id="{figure}">{amount}\xa0kr<', counted.text), figure
    assert "10,00\xa0kr short" in counted.text and 'name="note"' in counted.text
    assert 'name="confirmed" value="1"' in counted.text
    no_reason = client.post("/till/SKH-1/close", data={"counted": "1 090", "confirmed": "1"})
    assert no_reason.status_code == 422
    assert re.search(r'<ul class="errors" id="note-errors"><li>The counted cash differs', no_reason.text)
    closed = client.post("/till/SKH-1/close", data={"counted": "1 090", "confirmed": "1", "note": "Växel fel"})
    assert closed.status_code == 302 and "/till/SKH-1/z/1" in closed.headers["Location"]


def test_a_matching_count_needs_no_reason(client, seller):
    matching = client.post("/till/SKH-1/close", data={"counted": "1 000"})
    assert "The drawer matches." in matching.text and 'name="note"' not in matching.text
    assert client.post("/till/SKH-1/close", data={"counted": "1 000", "confirmed": "1"}).status_code == 302


def test_an_item_from_another_place_is_named_at_the_scan_and_its_sale_moves_it_here(client, seller, make_item,
                                                                                      make_location):
    make_location("HUS", "Husby")
    item = make_item(location="HUS", description="Mönstrad sjal", price_ore=6900)
    scanned = _scan(client, item.code)
    assert scanned.status_code == 200 and scanned.json["ok"] and scanned.json["kind"] == "warning"
    assert "this item belongs to Husby; the sale moves it to Skärholmen" in scanned.json["message"]
    assert "From Husby" in scanned.json["cart_html"]
    local = _scan(client, make_item().code)
    assert local.json["kind"] == "added" and "belongs to" not in local.json["message"]
    paid = client.post("/till/SKH-1/pay", data={"key": _cart_key(client), "quick": "card"})
    assert paid.status_code == 302
    sold = db.session.scalar(select(ItemEvent).where(ItemEvent.item_id == item.id, ItemEvent.event == "sold"))
    assert sold.location_id == make_location("SKH").id and sold.details["till"] == "SKH-1"
    assert sold.details["moved_from"] == "HUS"
    db.session.refresh(item)
    assert item.location_id == make_location("SKH").id
    history = client.get(f"/items/{item.code}").text
    assert re.search(r"SKH</span>\s*<span class=\"history-details\">\s*till SKH-1, receipt 1", history)
    assert "moved from HUS" in history


def test_without_javascript_the_other_place_is_said_in_the_message(client, seller, make_item, make_location):
    make_location("HUS", "Husby")
    item = make_item(location="HUS")
    client.post("/till/SKH-1/scan", data={"code": item.code})
    page = client.get("/till/SKH-1").text
    assert re.search(r'class="till-message is-warn"[^>]*>[^<]*belongs to Husby', page)


def test_counted_words_take_their_plural_forms(client, seller, make_item):
    _scan(client, make_item().code)
    assert ">1 line<" in client.get("/till/SKH-1").text
    line = _scan(client, make_item().code)
    assert ">2 lines<" in line.json["total_html"]
    line_id = re.search(r"/lines/(\d+)/discount", line.json["cart_html"]).group(1)
    client.post(f"/till/SKH-1/lines/{line_id}/discount", headers=JSON, data={
        "discount-kind": "percent", "discount-value": "10", "discount-reason": "Fläck"})
    client.post("/till/SKH-1/pay", data={"key": _cart_key(client), "quick": "card"})
    # The X-report is the shop's document: Swedish, with Swedish plurals, whatever the seller speaks.
    swedish = client.get("/till/SKH-1/x").text
    assert "Rabatter (1 rad)" in swedish and "1 rader" not in swedish and "Discounts" not in swedish
