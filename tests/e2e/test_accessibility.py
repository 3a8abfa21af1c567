"""Every key page, for each kind of user, passes axe-core (injected by Playwright) with no serious or
critical violation."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import new_till, open_till, screenshot, serious_accessibility_violations, sign_in


def check(page, server, path: str, found: dict, name: str | None = None) -> None:
    """Open ``path`` (or stay, when None) and record its serious violations under its name."""
    if path is not None:
        response = page.goto(server.url(path))
        assert response.ok, f"{path}: {response.status}"
    violations = serious_accessibility_violations(page)
    if violations:
        found[name or path] = violations


def test_sign_in_page_is_accessible(page, demo_server):
    found = {}
    check(page, demo_server, "/login", found)
    assert found == {}, found


@pytest.mark.parametrize("username", ["admin", "handledare", "deltagare", "student"])
def test_home_page_of_each_role_is_accessible(page, demo_server, username):
    sign_in(page, demo_server, username)
    found = {}
    check(page, demo_server, None, found, name=f"/ as {username}")
    assert found == {}, found


def test_participant_pages_are_accessible(page, demo_server, api):
    sign_in(page, demo_server, "deltagare")
    found = {}
    for queue in ("wash", "sort", "value", "price"):
        check(page, demo_server, f"/pipeline/{queue}", found)
    code = api.items_for_sale([("Prickig klänning", 19900)], category="women-dresses")[0]
    check(page, demo_server, f"/items/{code}", found)
    check(page, demo_server, "/labels/queue", found)
    page.get_by_role("link", name="Arbetsköer").click()
    page.get_by_role("link", name=re.compile("^Att sortera")).first.click()
    page.locator(".queue-table a.code-link").first.click()  # an item's work page: the sort form
    expect(page.get_by_role("button", name="Spara sortering")).to_be_visible()
    check(page, demo_server, None, found, name="pipeline item page (sort)")

    till = new_till(demo_server)
    open_till(page, demo_server, till)
    page.keyboard.press("F6")
    page.get_by_label("Vad").fill("Knappar")
    page.locator("#manual").get_by_label("Pris").fill("12,50")
    page.get_by_role("button", name="Lägg till raden").click()
    expect(page.locator("#cart")).to_contain_text("Knappar")
    check(page, demo_server, None, found, name="till with a cart line")
    screenshot(page, "a11y-till")
    check(page, demo_server, f"/till/{till}/pay", found)
    check(page, demo_server, f"/till/{till}/returns", found)
    check(page, demo_server, f"/till/{till}/close", found)
    page.get_by_label("Räknade kontanter").fill("1")
    page.get_by_role("button", name="Nästa: jämför med det väntade").click()
    expect(page.get_by_label("Orsak till en differens")).to_be_visible()
    check(page, demo_server, None, found, name="closing: the count beside the expected")
    assert found == {}, found


def test_supervisor_pages_are_accessible(page, demo_server):
    sign_in(page, demo_server, "handledare")
    found = {}
    for path in ("/reports/sales", "/reports/lots/1", "/till/SKH-1/z/1"):  # what sells, feedback, a Z-report
        check(page, demo_server, path, found)
    screenshot(page, "a11y-z-report")
    assert found == {}, found


def test_student_pages_are_accessible(page, demo_server):
    sign_in(page, demo_server, "student")
    found = {}
    check(page, demo_server, "/lots/1", found)
    check(page, demo_server, "/reports/students", found)
    screenshot(page, "a11y-student-feedback")
    assert found == {}, found
