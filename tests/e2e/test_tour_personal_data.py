"""A person's data as people see it: a participant's own page, her supervisor's view of it with the way
to erase it, and an admin erasing a leaver's data, at the laptop and portrait sizes in both languages."""

import pytest

from tests.e2e.conftest import run_cli
from tests.e2e.tour import in_first_viewport, look, sign_in_speaking, tour_page


def _speak_swedish_again(page) -> None:
    """The language chosen is kept with the person: the demo people other tests sign in as speak Swedish."""
    button = page.locator(".language-switch button[value='sv']")
    if button.get_attribute("aria-pressed") != "true":
        button.click()
    page.context.close()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("size", ["laptop", "portrait"])
def test_a_participant_sees_her_own_data_and_can_take_it_with_her(browser, demo_server, size, language):
    page = tour_page(browser, demo_server, size=size, language=language)
    sign_in_speaking(page, demo_server, "deltagare", language)
    page.goto(demo_server.url("/account/password"))
    page.locator("a[href='/account/data']").click()
    page.wait_for_url(demo_server.url("/account/data"))
    assert in_first_viewport(page, "a[href='/account/data.zip']")
    look(page, "data-own")
    look(page, "data-own-full", full_page=True)
    assert page.locator("a[href$='erase']").count() == 0
    heading = page.locator("details.privacy-section:not([open]) h2").first.get_attribute("id")
    folded = page.locator(f"details.privacy-section:has(#{heading})")
    folded.locator("summary").click()  # a long section opens when asked
    assert folded.get_attribute("open") is not None and folded.locator("tbody tr").first.is_visible()
    with page.expect_download() as download:
        page.locator("a[href='/account/data.zip']").click()
    assert download.value.suggested_filename.endswith(".zip")
    _speak_swedish_again(page)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_her_supervisor_sees_her_data_and_the_erasure_asks_first(browser, demo_server, language):
    page = tour_page(browser, demo_server, size="laptop", language=language)
    sign_in_speaking(page, demo_server, "handledare", language)
    page.goto(demo_server.url("/people/"))
    page.locator("a:has-text('Amira')").first.click()
    page.locator("a[href$='/data']").click()
    look(page, "data-supervisor", full_page=True)
    page.locator("a.button-danger").click()
    look(page, "erase-confirm", full_page=True)
    page.locator("a.button-secondary").click()  # cancel: nothing erased
    assert "/data" in page.url
    _speak_swedish_again(page)


def test_an_admin_erases_a_leavers_data(browser, demo_server):
    run_cli(demo_server, "users", "create", "e2e-leaver", "--role", "participant", "--password",
            "long enough pw", "--display-name", "Leila Haddad")
    page = tour_page(browser, demo_server, size="laptop", language="sv")
    sign_in_speaking(page, demo_server, "admin", "sv")
    page.goto(demo_server.url("/people/"))
    page.locator("a:has-text('Leila Haddad')").click()
    page.locator("a[href$='/data']").click()
    page.locator("a.button-danger").click()
    page.locator("input[name=username]").fill("e2e-leaver")
    page.locator("form button.button-danger").click()
    page.wait_for_url(demo_server.url("/people/"))
    assert "Leila Haddad" not in page.locator("main").inner_text()
    assert page.locator("text=Uppgifter raderade").count() >= 1
    look(page, "people-after-erasure", full_page=True)
    page.context.close()
