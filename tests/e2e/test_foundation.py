"""The sign-in page and start page in a real browser: Swedish, keyboard-usable, accessible, offline."""

from tests.e2e.conftest import screenshot, serious_accessibility_violations, sign_in


def test_sign_in_with_the_keyboard_in_swedish(page, demo_server):
    page.goto(demo_server.url("/login"))
    assert page.locator("html").get_attribute("lang") == "sv"
    assert serious_accessibility_violations(page) == []
    page.keyboard.type("handledare")  # the username field has focus on arrival
    page.keyboard.press("Tab")
    page.keyboard.type("ny-form-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(demo_server.url("/"))
    assert "Hej, Karin Lindqvist" in page.locator("h1").inner_text()
    screenshot(page, "00-start-page-supervisor")
    assert serious_accessibility_violations(page) == []
    assert page.watch.console_errors == [] and page.watch.foreign_requests == []


def test_wrong_password_is_said_plainly(page, demo_server):
    page.goto(demo_server.url("/login"))
    page.get_by_label("Användarnamn").fill("deltagare")
    page.get_by_label("Lösenord").fill("fel lösenord")
    page.get_by_role("button", name="Logga in").click()
    assert page.get_by_text("Fel användarnamn eller lösenord.").is_visible()


def test_language_switch_to_english_and_back(page, demo_server):
    sign_in(page, demo_server, "deltagare")
    page.get_by_role("button", name="English").click()
    assert "Hello, Amira" in page.locator("h1").inner_text()
    page.get_by_role("button", name="Svenska").click()
    assert "Hej, Amira" in page.locator("h1").inner_text()
