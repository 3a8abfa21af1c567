"""Browser tests: Playwright driving Debian's Chromium against a real gunicorn with the demo data.

The demo server is loaded once for tests/e2e: SQLite in a temporary folder, or the PostgreSQL test
database when BOUTIQUE_TEST_DATABASE_URL is set (its schema is rebuilt first, and rebuilt again as the
session fixture made it when the browser tests are done, so the rest of the suite finds it clean)."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

from tests.live_server import ROOT, LiveServer

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
DEMO_PASSWORD = "ny-form-demo"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Every test in tests/e2e is a browser test (``-m browser`` selects them, ``-m "not browser"`` skips)."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _chromium() -> str:
    path = os.environ.get("BOUTIQUE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is needed for browser tests: `make system-deps` installs it")
    return path


def _reset_postgres(url: str, *, create_tables: bool) -> None:
    """An empty public schema; with ``create_tables`` the models' tables, as tests/conftest.py's _schema
    makes them (the rest of the suite's fixtures only empty them)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    if create_tables:
        from boutique import models  # noqa: F401  (every area's models, registered on the metadata)
        from boutique.extensions import db

        db.metadata.create_all(engine)
    engine.dispose()


def _flask_cli(url: str, folder: Path):
    """``flask --app boutique ARGS`` run in this process on the demo database (no interpreter start-up)."""
    from boutique import create_app
    from boutique.extensions import db

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "e2e-secret", "UPLOAD_FOLDER": str(folder / "uploads"),
                      "PASSWORD_HASH_METHOD": "scrypt:1024:8:1"})

    def cli(*args: str) -> str:
        with app.app_context():  # as the flask command pushes one for every command
            result = app.test_cli_runner().invoke(args=list(args))
            db.session.remove()
            db.engine.dispose()  # hold no connection beside the server's
        assert result.exit_code == 0, f"flask {' '.join(args)}: {result.output}"
        return result.output

    return cli


def run_cli(server: LiveServer, *args: str) -> str:
    """``flask --app boutique ARGS`` on the demo server's database; its output."""
    return server.cli(*args)


@pytest.fixture(scope="package")
def demo_server(tmp_path_factory):
    """The demo data, migrated and loaded into its own database, served by 2 gunicorn workers."""
    folder = tmp_path_factory.mktemp("e2e")
    postgres = os.environ.get("BOUTIQUE_TEST_DATABASE_URL", "")
    postgres = postgres if postgres.startswith("postgresql") else ""
    url = postgres or f"sqlite:///{folder / 'demo.sqlite3'}"
    if postgres:
        _reset_postgres(postgres, create_tables=False)
    server = LiveServer(url, workers=2, log_path=folder / "gunicorn.log",
                        config={"UPLOAD_FOLDER": str(folder / "uploads")})
    server.env["BOUTIQUE_SECRET_KEY"] = "e2e-secret"
    server.cli = _flask_cli(url, folder)
    try:
        # The schema as `make run` builds it (Alembic in its own process: it reconfigures logging).
        subprocess.run([sys.executable, "-m", "flask", "--app", "boutique", "db", "upgrade"], cwd=ROOT,
                       env=server.env, check=True, capture_output=True, timeout=300)
        server.cli("demo")
        yield server.start()
    finally:
        server.stop()
        if postgres:
            _reset_postgres(postgres, create_tables=True)


class Api:
    """The JSON API as a supervisor, with a token from ``flask users token`` (setup and read-back only)."""

    def __init__(self, server: LiveServer, username: str = "handledare"):
        self.server = server
        token = run_cli(server, "users", "token", username).strip().splitlines()[-1]
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, json=None, expect: int = 200) -> dict:
        response = self.http.request(method, self.server.url("/api/v1" + path), json=json, timeout=30)
        assert response.status_code == expect, f"{method} {path}: {response.status_code} {response.text[:300]}"
        return response.json()

    def get(self, path: str) -> dict:
        return self.call("GET", path)

    def items_for_sale(self, priced: list[tuple[str, int]], *, category: str = "women-tops",
                       location: str = "SKH") -> list[str]:
        """Fresh items ``[(description, price_ore), ...]`` from their own donation, washed, sorted, valued and
        priced; their codes."""
        donation = self.call("POST", "/donations", {"source": "drop_off", "location": location}, expect=201)
        items = self.call("POST", f"/donations/{donation['id']}/items", expect=201, json={
            "items": [{"category": category, "description": description} for description, _ in priced]})
        codes = [item["code"] for item in items["items"]]
        for code, (_, price) in zip(codes, priced, strict=True):
            self.call("POST", f"/items/{code}/wash", {})
            self.call("POST", f"/items/{code}/sort", {"category": category, "grade": "shop", "condition": 4})
            self.call("POST", f"/items/{code}/value", {"value_ore": price})
            assert self.call("POST", f"/items/{code}/price", {"price_ore": price})["status"] == "for_sale"
        return codes


@pytest.fixture(scope="package")
def api(demo_server) -> Api:
    return Api(demo_server)


def new_till(server: LiveServer, location: str = "SKH") -> str:
    """A till of its own (``flask tills create``), so a test's cart and day touch no other test's."""
    code = f"E2E-{uuid.uuid4().hex[:6].upper()}"
    run_cli(server, "tills", "create", code, "--location", location)
    return code


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
        self.failed_requests: list[str] = []
        self.error_responses: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", lambda request: (not request.url.startswith((origin, "data:")))
                and self.foreign_requests.append(request.url))
        page.on("requestfailed", lambda request: self.failed_requests.append(
            f"{request.url}: {request.failure}"))
        page.on("response", lambda response: response.status >= 400 and self.error_responses.append(
            f"{response.status} {response.url}"))


def new_page(browser, server: LiveServer):
    """A fresh browser context (its own cookies) in Swedish, Stockholm time, with a PageWatch."""
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.watch = PageWatch(page, server.base_url)
    return page


@pytest.fixture
def page(browser, demo_server):
    page = new_page(browser, demo_server)
    yield page
    page.context.close()


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
    swedish = page.get_by_role("button", name="Svenska")
    if swedish.get_attribute("aria-pressed") != "true":  # the journeys are in Swedish, whatever the user chose
        swedish.click()
        page.wait_for_url(server.url("/"))
        assert swedish.get_attribute("aria-pressed") == "true"


def sign_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/login**")


def open_till(page, server, till: str, float_kronor: str = "500") -> None:
    """Go to the till page; if its day is closed, open it through the form with this float."""
    page.goto(server.url(f"/till/{till}"))
    if page.get_by_role("button", name="Öppna kassan").count():
        page.get_by_label("Växelkassa").fill(float_kronor)
        page.get_by_role("button", name="Öppna kassan").click()
    page.get_by_label("Skanna eller skriv en kod").wait_for()


def scan(page, code: str) -> None:
    """Type the code as a USB scanner does (digits, then Enter) and wait for the till's answer."""
    from playwright.sync_api import expect

    field = page.get_by_label("Skanna eller skriv en kod")
    expect(field).to_be_focused()  # the till keeps the code field focused: a scanner needs no click
    with page.expect_response(lambda response: response.url.endswith("/scan")):
        page.keyboard.type(code, delay=5)
        page.keyboard.press("Enter")
    expect(field).to_have_value("")  # the till's script answered: message shown, field cleared


def serious_accessibility_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {[n['target'] for n in v['nodes']][:3]})"
            for v in result.response["violations"] if v.get("impact") in ("serious", "critical")]
