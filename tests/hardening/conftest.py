"""Helpers for fault tests against a real gunicorn: worker pids, a signed-in browser with CSRF, SQLite paths."""

import re
from pathlib import Path

import pytest
import requests
from sqlalchemy.engine import make_url

from tests.conftest import PASSWORD
from tests.production.conftest import make_lot, supervisor  # noqa: F401

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def worker_pids(server) -> set[int]:
    """The pids of the gunicorn master's children (its workers), read from /proc."""
    master = server.process.pid
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == master and fields[0] != "Z":
            children.add(int(stat.parent.name))
    return children


class Browser:
    """A requests session signed in through the real form, sending the CSRF token like a browser."""

    def __init__(self, server, username: str, password: str = PASSWORD):
        self.server, self.http = server, requests.Session()
        token = self.csrf("/login")
        response = self.http.post(server.url("/login"), data={"csrf_token": token, "username": username,
                                                               "password": password},
                                  allow_redirects=False, timeout=30)
        assert response.status_code == 302, response.text[:500]

    def csrf(self, path: str) -> str:
        page = self.http.get(self.server.url(path), timeout=30)
        assert page.status_code == 200, (path, page.status_code)
        return CSRF.search(page.text).group(1)

    def post(self, path: str, data: dict, **kwargs) -> requests.Response:
        return self.http.post(self.server.url(path), data=data, allow_redirects=False, timeout=60, **kwargs)


def sqlite_file(database_url: str) -> Path | None:
    url = make_url(database_url)
    return Path(url.database) if url.get_backend_name() == "sqlite" else None


@pytest.fixture
def sqlite_only(database_url) -> Path:
    path = sqlite_file(database_url)
    if path is None:
        pytest.skip("SQLite-only fault: PostgreSQL has row locks and lock_timeout, not a file-wide write lock")
    return path
