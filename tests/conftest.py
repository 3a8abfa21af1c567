"""Fixtures: a real database (SQLite file, or PostgreSQL from BOUTIQUE_TEST_DATABASE_URL), the app,
clients, and factories that return creator functions."""

import os
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from sqlalchemy import text

from boutique import create_app
from boutique.auth.models import User
from boutique.auth.services import create_token, create_user
from boutique.catalog.services import get_category
from boutique.catalog.taxonomy import seed_standard_taxonomy
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.items.models import Grade, Item, ItemStatus
from boutique.items.services import issue_codes
from boutique.items.status import record_event
from boutique.places.models import Location, Till
from boutique.places.services import create_location, create_till
from tests.live_server import LiveServer

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("BOUTIQUE_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'boutique-test.sqlite3'}"


@pytest.fixture(scope="session")
def base_config(database_url, tmp_path_factory) -> dict:
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "WTF_CSRF_ENABLED": False,
        "UPLOAD_FOLDER": str(tmp_path_factory.mktemp("uploads")),
        "SQLITE_BUSY_TIMEOUT_MS": 10000,
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        # The test process reads beside live gunicorn servers: its reads must not take the write
        # lock. Servers keep the default IMMEDIATE; tests/core/test_db.py checks that default.
        "SQLITE_BEGIN_MODE": "DEFERRED",
    }


@pytest.fixture(scope="session")
def _schema(base_config) -> None:
    """Create the schema once per run (models' metadata; migrations are tested separately)."""
    app = create_app(base_config)
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()


def _empty_database() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text(f"TRUNCATE TABLE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(text(f"DELETE FROM {table}"))
    seed_standard_taxonomy(db.session)
    db.session.commit()


@pytest.fixture
def make_app(base_config, _schema) -> Callable[..., Flask]:
    """Build an app with extra config (for tests that need CSRF on, other limits, ...)."""

    def make(**overrides) -> Flask:
        return create_app({**base_config, **overrides})

    return make


@pytest.fixture
def app(make_app) -> Iterator[Flask]:
    app = make_app()
    with app.app_context():
        _empty_database()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def live_server(database_url, tmp_path):
    """``live_server(workers=4, config={"LOGIN_MAX_FAILURES_PER_ACCOUNT": 3})`` → a started gunicorn on
    the test database; stopped after the test. Commit test data before requests reach it."""
    servers = []

    def start(workers: int = 2, config: dict | None = None) -> LiveServer:
        server = LiveServer(database_url, workers=workers, config=config,
                            log_path=tmp_path / f"gunicorn-{len(servers)}.log").start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def session(app):
    return db.session


@pytest.fixture
def make_user(app) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(role: Role | str = Role.participant, *, username: str | None = None,
             password: str = PASSWORD, display_name: str | None = None, language: str = "sv") -> User:
        username = username or f"{Role(role).value}{next(counter)}"
        user = create_user(db.session, username=username, role=role, password=password,
                           display_name=display_name or username.title(), language=language)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_location(app) -> Callable[..., Location]:
    def make(code: str = "SKH", name: str = "Skärholmen", address: str = "Skärholmsvägen 1") -> Location:
        location = db.session.scalar(db.select(Location).where(Location.code == code))
        if location is None:
            location = create_location(db.session, code=code, name=name, address=address)
            db.session.commit()
        return location

    return make


@pytest.fixture
def make_till(app, make_location) -> Callable[..., Till]:
    def make(code: str = "SKH-1", location: str = "SKH") -> Till:
        till = db.session.scalar(db.select(Till).where(Till.code == code))
        if till is None:
            make_location(location)
            till = create_till(db.session, code=code, location_code=location)
            db.session.commit()
        return till

    return make


@pytest.fixture
def make_item(app, make_location) -> Callable[..., Item]:
    """An item in any status, with a creation event; pricing fields filled to fit the status."""

    def make(status: ItemStatus | str = ItemStatus.for_sale, *, price_ore: int | None = 14900,
             category: str = "women-dresses", location: str = "SKH", grade: Grade | str | None = None,
             **fields) -> Item:
        status = ItemStatus(status)
        priced = status in (ItemStatus.for_sale, ItemStatus.sold)
        valued = priced or status == ItemStatus.valued
        item = Item(
            code=issue_codes(db.session, 1)[0], status=status,
            category=get_category(db.session, category), location_id=make_location(location).id,
            grade=Grade(grade) if grade else (Grade.shop if valued or status == ItemStatus.sorted else None),
            value_ore=fields.pop("value_ore", price_ore if valued else None),
            price_ore=price_ore if priced else None, **fields)
        if priced:
            from boutique.core import clock

            item.priced_at = fields.get("priced_at") or clock.now()
        db.session.add(item)
        db.session.flush()
        record_event(db.session, item, event="received", new_status=status, old_status=None,
                     by_user_id=None)
        db.session.commit()
        return item

    return make


def login(client, user: User, password: str = PASSWORD):
    """Sign a test client in through the real sign-in form."""
    response = client.post("/login", data={"username": user.username, "password": password})
    assert response.status_code == 302, response.data[:500]
    return response


@pytest.fixture
def login_as(client, make_user) -> Callable[..., User]:
    def sign_in(role: Role | str = Role.participant, **kwargs) -> User:
        user = make_user(role, **kwargs)
        login(client, user)
        return user

    return sign_in


class ApiClient:
    """A test client that sends a bearer token and JSON."""

    def __init__(self, client, token: str):
        self.client, self.token = client, token

    def _headers(self, headers: dict | None) -> dict:
        return {"Authorization": f"Bearer {self.token}", **(headers or {})}

    def get(self, url: str, **kwargs):
        return self.client.get(url, headers=self._headers(kwargs.pop("headers", None)), **kwargs)

    def post(self, url: str, json=None, **kwargs):
        return self.client.post(url, json=json, headers=self._headers(kwargs.pop("headers", None)), **kwargs)

    def request(self, method: str, url: str, **kwargs):
        return self.client.open(url, method=method, headers=self._headers(kwargs.pop("headers", None)),
                                **kwargs)


@pytest.fixture
def api_as(app, make_user) -> Callable[..., ApiClient]:
    """``api_as("participant")`` → a client authenticated with a fresh user's API token."""

    def make(role: Role | str = Role.participant, user: User | None = None, **kwargs) -> ApiClient:
        user = user or make_user(role, **kwargs)
        token = create_token(db.session, user)
        db.session.commit()
        api = ApiClient(app.test_client(), token)
        api.user = user
        return api

    return make


@pytest.fixture
def make_sold_item(make_item, make_till, make_user) -> Callable[..., Item]:
    """An item sold through the real checkout at an open till (card, the shelf price), for tests that
    need what things sold for."""
    from boutique.core import clock
    from boutique.sales.day_models import DayStatus, TillDay
    from boutique.sales.services.days import open_till
    from boutique.sales.services.lines import LineRequest, price_lines
    from boutique.sales.services.selling import PaymentRequest, checkout

    state: dict = {}

    def make(*, price_ore: int = 14900, location: str = "SKH", **fields) -> Item:
        if "till" not in state:
            state["cashier"] = make_user(Role.participant, display_name="Kassör")
            state["till"] = make_till(f"{location}-9", location)
            open_day = db.session.scalar(db.select(TillDay).where(TillDay.till_id == state["till"].id,
                                                                    TillDay.status == DayStatus.open))
            if open_day is None:
                open_till(db.session, till=state["till"], user=state["cashier"], float_ore=0)
        item = make_item("for_sale", price_ore=price_ore, location=location, **fields)
        lines = [LineRequest(code=item.code)]
        total = sum(line.amount_ore for line in price_lines(db.session, lines, cashier=state["cashier"],
                                                            limit_percent=100, at=clock.now()))
        checkout(db.session, till=state["till"], cashier=state["cashier"], lines=lines,
                 payments=[PaymentRequest("card", total)])
        db.session.commit()
        return item

    return make
