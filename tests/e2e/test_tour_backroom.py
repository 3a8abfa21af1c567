"""The back room as people see it: every main page for each role that uses it, at the till's 1024×768 and a
1366×768 laptop, in Swedish and English, screenshot into test-artifacts/screenshots/tour/ and checked by
machine (tour.look: no markup shown as text, nothing scrolls sideways, no console error, no id twice).

Beyond what a machine finds on any page: each work queue opens an item at its own step with that step's
form in the first screen, the labels queue keeps its print actions in reach, and the donation form starts
at the person's own place. The screenshots are for opening and looking at."""

import re

import pytest

from tests.e2e.tour import in_first_viewport, look, sign_in_speaking, tour_page

SIZES = ["till", "laptop"]
LANGUAGES = ["sv", "en"]


def _first_href(page, selector: str) -> str:
    href = page.locator(selector).first.get_attribute("href")
    assert href, selector
    return href


def _visit(page, server, path: str, name: str, *, full_page: bool = False) -> None:
    response = page.goto(server.url(path) if path.startswith("/") else path)
    assert response.status == 200, f"{path}: {response.status}"
    look(page, name, full_page=full_page)


@pytest.fixture(params=[(size, language) for size in SIZES for language in LANGUAGES],
                ids=lambda p: f"{p[0]}-{p[1]}")
def view(request, browser, demo_server):
    """Opens a page at this size in this language, signed in as someone (or no one); closed afterwards."""
    size, language = request.param
    opened = []

    def as_person(username: str | None):
        page = tour_page(browser, demo_server, size=size, language=language)
        opened.append(page)
        if username:
            sign_in_speaking(page, demo_server, username, language)
        return page

    as_person.language = language
    yield as_person
    for page in opened:
        page.context.close()


def test_sign_in_and_password_pages(view, demo_server):
    as_person = view
    language = as_person.language
    page = as_person(None)
    page.goto(demo_server.url("/login"))
    if language != "sv":
        page.locator(f".language-switch button[value='{language}']").click()
        page.wait_for_load_state()
    look(page, "signin")
    assert in_first_viewport(page, "form:has(input[name=password]) [type=submit]")
    page = as_person("deltagare")
    _visit(page, demo_server, "/account/password", "password")


def test_participant_home_donations_and_unpacking(view, demo_server):
    as_person = view
    page = as_person("deltagare")
    _visit(page, demo_server, "/", "home")
    _visit(page, demo_server, "/donations/", "donations")
    unpack = _first_href(page, "table a.code-link")
    _visit(page, demo_server, "/donations/new", "donation-new")
    # Amira works at Skärholmen: the form starts there, not at Husby, first in the alphabet.
    assert page.locator("select[name=location]").input_value() == "SKH"
    assert in_first_viewport(page, "input[name=weight]")
    _visit(page, demo_server, unpack, "donation-unpack")


@pytest.mark.parametrize(("queue", "form"), [("wash", "wash"), ("sort", "sort"), ("value", "value"),
                                             ("price", "price")])
def test_each_queue_and_its_item_opened_at_the_queues_step(view, demo_server, queue, form):
    as_person = view
    page = as_person("deltagare")
    _visit(page, demo_server, f"/pipeline/{queue}", f"queue-{queue}")
    code = re.search(r"/items/(\d{13})", _first_href(page, "table a.code-link")).group(1)
    page.locator("#scan-code").fill(code)  # as a scanner types it, then Enter
    page.locator("#scan-code").press("Enter")
    page.wait_for_url(re.compile(rf"/pipeline/items/{code}"))
    look(page, f"item-at-{queue}")
    step = page.locator(".work-forms > form").first
    assert step.get_attribute("action").endswith(f"/{form}"), step.get_attribute("action")
    assert in_first_viewport(page, ".work-forms > form h2")
    if form == "sort":  # a long form: its first choice at least
        assert in_first_viewport(page, ".work-forms > form select[name=category]")
    else:  # Tvättat, Spara värde, Spara pris: the button itself without scrolling
        assert in_first_viewport(page, ".work-forms > form [type=submit]")


def test_item_search_and_item_page(view, demo_server):
    as_person = view
    page = as_person("deltagare")
    _visit(page, demo_server, "/items/?status=for_sale", "items")
    item = _first_href(page, "table a[href*='/items/29']")
    _visit(page, demo_server, item, "item")


def test_labels_to_print_keep_their_actions_in_reach(view, demo_server):
    as_person = view
    page = as_person("deltagare")
    _visit(page, demo_server, "/labels/queue", "labels-queue")
    assert in_first_viewport(page, "button[value=mark]") and in_first_viewport(page, "button[value=print]")
    assert page.locator("input[name=selected]").count() <= 24  # one A4 sheet at a time
    page.locator(".labels-table tbody tr").last.scroll_into_view_if_needed()
    page.wait_for_function("window.scrollY > 0")
    assert in_first_viewport(page, "button[value=mark]")  # still there at the end of the list
    look(page, "labels-queue-scrolled")


def test_categories_and_lots(view, demo_server):
    as_person = view
    page = as_person("handledare")
    _visit(page, demo_server, "/categories/", "categories")
    _visit(page, demo_server, "/categories/women-dresses", "category-edit")
    _visit(page, demo_server, "/lots/", "lots")
    lots = [link.get_attribute("href") for link in page.locator("main h2 a[href*='/lots/']").all()]
    for lot in lots:  # the first lot with products and photos, as a lot in production has them
        page.goto(demo_server.url(lot))
        if page.locator("a[href*='/products/']").count() and page.locator("a[href*='/photos/']").count():
            break
    _visit(page, demo_server, lot, "lot")
    product = page.locator("a[href*='/products/']").first.get_attribute("href")
    photo = page.locator("a[href*='/photos/']").first.get_attribute("href")
    _visit(page, demo_server, product, "lot-product")
    _visit(page, demo_server, lot.rstrip("/") + "/instructions", "lot-instructions")
    _visit(page, demo_server, photo, "photo")


def test_participant_sees_their_lots(view, demo_server):
    as_person = view
    page = as_person("deltagare")
    _visit(page, demo_server, "/lots/", "lots-participant")


def test_people_badges_places_and_settings(view, demo_server):
    as_person = view
    page = as_person("handledare")
    _visit(page, demo_server, "/people/", "people")
    person = page.get_by_role("link", name="Amira").get_attribute("href")  # a participant the supervisor manages
    _visit(page, demo_server, person, "person")
    _visit(page, demo_server, "/people/new", "person-new")
    _visit(page, demo_server, "/labels/badges", "badges")
    page = as_person("admin")
    _visit(page, demo_server, "/places/", "places")
    _visit(page, demo_server, "/places/settings", "settings")
