"""The label routes: the exact bytes served decode back to the item's code; bad input is a clear 4xx
JSON error, never a 500; students may not print; the queue and badges pages."""

import pytest
from flask import url_for

from boutique.auth.badges import badge_code
from boutique.items.codes import item_code
from boutique.labels import documents, render
from boutique.labels.models import LabelPrint
from tests.labels.scan import crop_mm, decode, open_png, rasterise


def _wrong_check_digit(code: str) -> str:
    return code[:12] + str((int(code[12]) + 1) % 10)


def _error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.data[:300]
    assert response.is_json and response.json["error"]["code"] == code
    assert response.json["error"]["message"]


def test_png_route_serves_a_300_dpi_label_that_scans(client, login_as, make_item):
    login_as("participant")
    item = make_item(description="Jeansjacka", size="L")
    response = client.get(f"/labels/items/{item.code}.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.headers["Cache-Control"] == "no-store"
    image = open_png(response.data)
    assert round(image.info["dpi"][0]) == 300 and image.size == render.SHEET_CELL.size
    assert decode(image) == [item.code]


@pytest.mark.parametrize("dpi", [300, 203])
def test_every_label_of_a_sheet_pdf_scans_when_rasterised(client, login_as, make_item, tmp_path, dpi):
    login_as("participant")
    items = [make_item(description=name) for name in ("Kofta", "فستان", "ቀሚስ", "Väska", "Halsduk")]
    response = client.get("/labels/sheet.pdf", query_string={"codes": ",".join(i.code for i in items), "start": 22})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages = rasterise(response.data, dpi, tmp_path)
    assert len(pages) == 2
    a4 = (210 / 25.4 * dpi, 297 / 25.4 * dpi)
    assert all(abs(page.width - a4[0]) <= 1 and abs(page.height - a4[1]) <= 1 for page in pages)  # actual size
    # start=22: cells 22-24 of the first sheet, then cells 1-2 of the second; every other cell is blank.
    expected = {(0, 21): items[0].code, (0, 22): items[1].code, (0, 23): items[2].code,
                (1, 0): items[3].code, (1, 1): items[4].code}
    for page_number, page in enumerate(pages):
        for cell in range(documents.SHEET_CELLS):
            x, y = documents.sheet_cell_position(cell)
            found = decode(crop_mm(page, dpi, x, y, render.SHEET_CELL.width_mm, render.SHEET_CELL.height_mm))
            wanted = expected.get((page_number, cell))
            assert found == ([wanted] if wanted else []), (page_number, cell)


@pytest.mark.parametrize(("kind", "medium"), [("ql62", render.QL62), ("zebra50", render.ZEBRA50)])
def test_thermal_label_pdf_is_the_label_size_and_scans(client, login_as, make_item, tmp_path, kind, medium):
    login_as("participant")
    item = make_item()
    response = client.get(f"/labels/items/{item.code}.pdf?format={kind}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    [page] = rasterise(response.data, medium.dpi, tmp_path)
    assert abs(page.width - medium.size[0]) <= 1 and abs(page.height - medium.size[1]) <= 1
    assert decode(page) == [item.code]


def test_zpl_route_serves_a_zebra_label(client, login_as, make_item):
    login_as("participant")
    item = make_item()
    response = client.get(f"/labels/items/{item.code}.zpl")
    assert response.status_code == 200 and response.data.startswith(b"^XA")


def test_unknown_code_is_404_json(client, login_as):
    login_as("participant")
    unknown = item_code(987_654)
    _error(client.get(f"/labels/items/{unknown}.png"), 404, "item_not_found")
    _error(client.get(f"/labels/items/{unknown}.pdf"), 404, "item_not_found")
    _error(client.get(f"/labels/sheet.pdf?codes={unknown}"), 404, "item_not_found")


def test_bad_check_digit_or_malformed_code_is_422_json(client, login_as, make_item):
    login_as("participant")
    wrong = _wrong_check_digit(make_item().code)
    _error(client.get(f"/labels/items/{wrong}.png"), 422, "invalid_code")
    _error(client.get(f"/labels/items/{wrong}.zpl"), 422, "invalid_code")
    _error(client.get(f"/labels/sheet.pdf?codes={wrong}"), 422, "invalid_code")
    for text in ("abc", "29%2500", "२९०००००००००१८", "2" * 400, "%20" * 13):
        _error(client.get(f"/labels/items/{text}.png"), 422, "invalid_code")
    assert client.get("/labels/items/29%00.png").status_code == 400  # NUL bytes are refused app-wide


def test_a_sheet_of_10000_codes_is_refused_with_422_json(client, login_as, make_item):
    login_as("participant")
    code = make_item().code
    _error(client.get("/labels/sheet.pdf", query_string={"codes": ",".join([code] * 10_000)}), 422,
           "too_many_codes")
    _error(client.get("/labels/sheet.pdf", query_string={"codes": ",".join([code] * 241)}), 422, "too_many_codes")


@pytest.mark.parametrize("start", ["0", "25", "-3", "x", "1e1", "9" * 30])
def test_start_out_of_range_is_422_json(client, login_as, make_item, start):
    login_as("participant")
    code = make_item().code
    _error(client.get("/labels/sheet.pdf", query_string={"codes": code, "start": start}), 422, "invalid_start")


def test_other_bad_input_is_4xx_json(client, login_as, make_item):
    login_as("participant")
    code = make_item().code
    _error(client.get("/labels/sheet.pdf"), 422, "no_codes")
    _error(client.get(f"/labels/items/{code}.pdf?format=a4"), 422, "invalid_format")


def test_a_sheet_may_repeat_a_code_and_start_on_the_last_cell(client, login_as, make_item, tmp_path):
    login_as("participant")
    code = make_item().code
    response = client.get("/labels/sheet.pdf", query_string={"codes": f"{code},{code}", "start": 24})
    pages = rasterise(response.data, 300, tmp_path)
    last = documents.sheet_cell_position(23)
    first = documents.sheet_cell_position(0)
    size = (render.SHEET_CELL.width_mm, render.SHEET_CELL.height_mm)
    assert decode(crop_mm(pages[0], 300, *last, *size)) == [code]
    assert decode(crop_mm(pages[1], 300, *first, *size)) == [code]


def test_students_may_not_print_labels_or_badges(client, login_as, make_item, make_user):
    item = make_item()
    login_as("student")
    for url in (f"/labels/items/{item.code}.png", f"/labels/items/{item.code}.pdf", f"/labels/items/{item.code}.zpl",
                f"/labels/sheet.pdf?codes={item.code}", "/labels/queue", "/labels/", "/labels/badges",
                f"/labels/badges/{make_user().id}.png", "/labels/reprint?code=1"):
        assert client.get(url).status_code == 403, url
    assert client.post("/labels/queue", data={"selected": [f"{item.code}:14900"], "action": "mark"}).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, make_item):
    response = client.get(f"/labels/items/{make_item().code}.png")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_participants_print_labels_but_only_managers_print_badges(client, login_as, make_user):
    login_as("participant")
    assert client.get("/labels/queue").status_code == 200
    assert client.get("/labels/badges").status_code == 403
    assert client.get(f"/labels/badges/{make_user().id}.png").status_code == 403


def test_queue_page_lists_new_and_repriced_items_in_swedish(client, login_as, make_item, session):
    login_as("participant")
    fresh, repriced = make_item(description="Kofta"), make_item(description="Väska", price_ore=9900)
    session.add(LabelPrint(item_id=repriced.id, price_ore=12900))
    session.commit()
    page = client.get("/labels/queue").get_data(as_text=True)
    assert "Etiketter att skriva ut" in page
    assert fresh.code in page and repriced.code in page
    assert page.count("Gammal etikett inaktuell") == 1
    assert f'value="{fresh.code}:14900"' in page


def test_print_action_opens_the_sheet_of_the_selected_labels(client, login_as, make_item):
    login_as("participant")
    first, second = make_item(), make_item()
    response = client.post("/labels/queue", data={"selected": [f"{first.code}:14900", f"{second.code}:14900"],
                                             "start": "5", "action": "print"})
    assert response.status_code == 303
    with client.application.test_request_context():
        assert response.headers["Location"] == url_for("labels.sheet", codes=f"{first.code},{second.code}", start=5)


def test_mark_printed_takes_the_items_out_of_the_queue(client, login_as, make_item, session):
    user = login_as("participant")
    item, other = make_item(), make_item()
    response = client.post("/labels/queue", data={"selected": [f"{item.code}:14900"], "action": "mark"},
                           follow_redirects=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "1 etikett markerad som utskriven." in page
    assert item.code not in page and other.code in page
    assert session.query(LabelPrint).one().by_user_id == user.id


def test_queue_actions_without_a_selection_or_with_a_bad_one_say_so(client, login_as, make_item):
    login_as("participant")
    item = make_item()
    page = client.post("/labels/queue", data={"action": "mark"}, follow_redirects=True).get_data(as_text=True)
    assert "Kryssa i etiketterna först." in page
    page = client.post("/labels/queue", data={"selected": ["nonsense"], "action": "print"},
                       follow_redirects=True).get_data(as_text=True)
    assert "flash-error" in page
    response = client.post("/labels/queue", data={"selected": [f"{item.code}:1"], "start": "30", "action": "print"})
    assert response.status_code == 302


def test_reprint_one_label_by_code(client, login_as, make_item):
    login_as("participant")
    item = make_item()
    response = client.get(f"/labels/reprint?code={item.code}&format=png")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/labels/items/{item.code}.png")
    response = client.get(f"/labels/reprint?code={item.code}&format=zebra50")
    assert response.headers["Location"].endswith(f"/labels/items/{item.code}.pdf?format=zebra50")
    response = client.get(f"/labels/reprint?code={item.code}&format=sheet&start=7")
    assert "start=7" in response.headers["Location"]


def test_reprint_with_a_bad_code_shows_the_error_on_the_page(client, login_as, make_item):
    login_as("participant")
    response = client.get(f"/labels/reprint?code={_wrong_check_digit(make_item().code)}&format=png")
    assert response.status_code == 422 and "has-error" in response.get_data(as_text=True)
    assert client.get("/labels/reprint?code=&format=nope").status_code == 422


def test_badges_page_prints_a_sheet_that_scans(client, login_as, make_user, tmp_path):
    login_as("supervisor")
    cashier = make_user("participant", display_name="أمل حسن")
    student = make_user("student", display_name="Elev Student")
    page = client.get("/labels/badges").get_data(as_text=True)
    assert "أمل حسن" in page and "Elev Student" not in page and badge_code(cashier.id) in page
    response = client.get(f"/labels/badges?users={cashier.id}&print=1")
    assert response.status_code == 302
    pdf = client.get(response.headers["Location"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    [sheet] = rasterise(pdf.data, 300, tmp_path)
    left, top = documents.badge_position(0)
    assert decode(crop_mm(sheet, 300, left, top, render.BADGE.width_mm, render.BADGE.height_mm)) == [
        badge_code(cashier.id)]
    _error(client.get(f"/labels/badges.pdf?users={student.id}"), 404, "person_not_found")


def test_single_badge_png_scans_and_bad_ids_are_4xx(client, login_as, make_user):
    login_as("admin")
    person = make_user("participant", display_name="ሰላም ተስፋይ")
    response = client.get(f"/labels/badges/{person.id}.png")
    assert decode(open_png(response.data)) == [badge_code(person.id)]
    _error(client.get(f"/labels/badges/{10**15}.png"), 404, "person_not_found")
    _error(client.get("/labels/badges.pdf?users=abc"), 422, "invalid_people")
    _error(client.get("/labels/badges.pdf"), 422, "no_people")
    _error(client.get("/labels/badges.pdf?users=" + ",".join(["1"] * 101)), 422, "too_many_badges")
    response = client.get("/labels/badges?print=1")
    assert response.status_code == 422 and "Välj minst en person." in response.get_data(as_text=True)


def test_labels_are_in_the_shop_language_whoever_prints(app, make_item):
    from flask_babel import force_locale

    from boutique.labels import views

    item = make_item(size="M", description="Jacka")
    with app.test_request_context(), force_locale("en"):
        assert views._item_label(item.code).lines[0].endswith("Strl M")


def test_menu_offers_labels_to_staff(client, login_as):
    login_as("participant")
    page = client.get("/labels/queue").get_data(as_text=True)
    assert 'href="/labels/queue"' in page and 'href="/labels/badges"' not in page
    assert client.get("/labels/").headers["Location"].endswith("/labels/queue")


def _ids(page: str) -> list[str]:
    from html.parser import HTMLParser

    found: list[str] = []

    class Ids(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(value for name, value in attrs if name == "id")

    Ids().feed(page)
    return found


def test_queue_shows_one_sheet_at_a_time_ticked_with_its_actions_above_the_list(client, login_as, make_item):
    login_as("participant")
    items = [make_item(description=f"Kofta {n}") for n in range(30)]
    page = client.get("/labels/queue").get_data(as_text=True)
    assert page.count('name="selected"') == 24 and page.count(" checked>") == 24  # one A4 sheet, all ticked
    assert page.index('value="mark"') < page.index(items[0].code)  # the actions come before the rows
    assert "Ark 1 av 2: etikett 1–24 av 30." in page and "Nästa ark" in page
    assert items[24].code not in page
    rest = client.get("/labels/queue?page=2").get_data(as_text=True)
    assert rest.count('name="selected"') == 6 and items[24].code in rest and items[0].code not in rest
    assert client.get("/labels/queue?page=99").get_data(as_text=True).count('name="selected"') == 6
    assert client.get("/labels/queue?page=x").status_code == 200
    newest = client.get("/labels/queue?order=newest").get_data(as_text=True)  # the set just priced, first
    assert items[29].code in newest and items[0].code not in newest and 'value="newest" selected' in newest


def test_every_id_on_the_queue_and_badges_pages_is_unique(client, login_as, make_item, make_user):
    login_as("admin")
    make_item(), make_user(display_name="Amira")
    for url in ("/labels/queue", "/labels/badges"):
        ids = _ids(client.get(url).get_data(as_text=True))
        assert ids and len(ids) == len(set(ids)), (url, sorted(i for i in ids if ids.count(i) > 1))


def test_a_queue_of_one_label_says_one_label(client, login_as, make_item):
    login_as("participant")
    make_item()
    page = client.get("/labels/queue").get_data(as_text=True)
    assert "1 etikett att skriva ut" in page and "Ark 1 av 1" not in page
