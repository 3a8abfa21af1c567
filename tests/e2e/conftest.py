"""Browser tests: Playwright driving Debian's Chromium against a real gunicorn with the demo data."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live_server import ROOT, LiveServer

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
DEMO_PASSWORD = "ny-form-demo"

pytestmark = pytest.mark.browser


def _chromium() -> str:
    path = os.environ.get("BOUTIQUE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is needed for browser tests: `make system-deps` installs it")
    return path


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """Its own SQLite database, migrated and loaded with the demo data, served by 2 gunicorn workers."""
    database = tmp_path_factory.mktemp("e2e") / "demo.sqlite3"
    url = f"sqlite:///{database}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOUTIQUE_")}
    env.update({"BOUTIQUE_DATABASE_URL": url, "BOUTIQUE_SECRET_KEY": "e2e-secret"})
    flask = [sys.executable, "-m", "flask", "--app", "boutique"]
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run([*flask, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    server = LiveServer(url, workers=2, log_path=database.with_suffix(".log")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that it should not: console errors, requests to anywhere but our server."""

    def __init__(self, page, origin: str):
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", lambda request: (not request.url.startswith((origin, "data:")))
                and self.foreign_requests.append(request.url))


@pytest.fixture
def page(browser, demo_server):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.watch = PageWatch(page, demo_server.base_url)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, server, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(server.url("/login"))
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(server.url("/"))


def serious_accessibility_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result.response["violations"]
            if v.get("impact") in ("serious", "critical")]
