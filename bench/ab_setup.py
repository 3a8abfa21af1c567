"""What an A/B run (bench/ab.py) stands on: two code trees, a gunicorn server in each, and the generated
data, described by a one-row table ``ab_bench`` in the database itself, so a copy of the database (a
copied SQLite file, ``CREATE DATABASE … TEMPLATE``) carries its description and its unsold items along."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from bench.generate import BenchData
from bench.till_bench import api_request

TABLE = "ab_bench"

# Run in a tree's own Python (cwd and PYTHONPATH = the tree), so each side uses its own code.
GENERATE = """
import json, sys
from bench.generate import generate
data = generate(sys.argv[1], items=int(sys.argv[2]), tills=int(sys.argv[3]))
print("AB-DATA " + json.dumps({"token": data.token, "tills": data.tills, "for_sale": data.for_sale,
                               "items": data.items, "seconds": round(data.seconds, 1)}))
"""

SCHEMA = """
import json, sys
from sqlalchemy import inspect
from boutique import create_app
from boutique.extensions import db
app = create_app({"DATABASE_URL": sys.argv[1], "SECRET_KEY": "ab", "SQLITE_BEGIN_MODE": "DEFERRED"})
with app.app_context():
    found = inspect(db.engine)
    have = {t: sorted(c["name"] for c in found.get_columns(t)) for t in found.get_table_names()}
    want = {t.name: sorted(c.name for c in t.columns) for t in db.metadata.sorted_tables}
    print("AB-SCHEMA " + json.dumps({t: [want[t], have.get(t)] for t in want if want[t] != have.get(t)}))
"""


def database_url(given: str) -> str:
    """A SQLAlchemy URL (psycopg 3 for PostgreSQL, as the app does) from a URL or a SQLite file path."""
    if "://" not in given:
        return f"sqlite:///{Path(given).resolve()}"
    for plain in ("postgresql://", "postgres://"):
        if given.startswith(plain):
            return "postgresql+psycopg://" + given[len(plain):]
    return given


class Tree:
    """One side: a code tree and the Python that serves it (default: the tree's .venv, else this one)."""

    def __init__(self, name: str, folder: Path, python: str | None):
        self.name, self.folder = name, folder.resolve()
        own = self.folder / ".venv" / "bin" / "python"
        self.python = python or (str(own) if own.exists() else sys.executable)

    def env(self, extra: dict | None = None) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("BOUTIQUE_")}
        env["PYTHONPATH"] = str(self.folder)
        env.update(extra or {})
        return env

    def run(self, *args: str, marker: str):
        out = subprocess.run([self.python, *args], cwd=self.folder, env=self.env(), capture_output=True,
                             text=True, check=False)
        if out.returncode:
            sys.exit(f"{self.name} tree ({self.folder}) failed:\n{out.stderr[-3000:]}")
        return json.loads(next(line for line in out.stdout.splitlines() if line.startswith(marker))[len(marker):])

    def check_own_code(self) -> None:
        """The tree's Python imports the tree's ``boutique``, not an installed copy of another tree."""
        found = Path(self.run("-c", "import boutique, json; print('AB-FILE ' + json.dumps(boutique.__file__))",
                              marker="AB-FILE "))
        if not found.resolve().is_relative_to(self.folder):
            sys.exit(f"{self.python} imports boutique from {found}, not from {self.folder}")

    def generate(self, url: str, *, items: int, tills: int) -> dict:
        return self.run("-c", GENERATE, url, str(items), str(tills), marker="AB-DATA ")

    def check_schema(self, url: str) -> None:
        differs = self.run("-c", SCHEMA, url, marker="AB-SCHEMA ")
        if differs:
            sys.exit(f"the {self.name} tree ({self.folder}) wants another schema than the data's: {differs}")


class TreeServer:
    """gunicorn started in a tree (its gunicorn.conf.py, its ``boutique``), as tests/live_server.py does
    for this one; ``port`` and ``process`` are what bench.till_bench.measure_on needs."""

    def __init__(self, tree: Tree, url: str, *, workers: int, log: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = tree.env({"BOUTIQUE_DATABASE_URL": url, "BOUTIQUE_SECRET_KEY": "ab-bench-secret",
                        "BOUTIQUE_PASSWORD_HASH_METHOD": "scrypt:1024:8:1"})
        self.log = open(log, "ab")  # noqa: SIM115  (closed in stop)
        self.process = subprocess.Popen(
            [tree.python, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
             "--graceful-timeout", "2", "--timeout", "60", "--no-control-socket", "boutique:create_app()"],
            cwd=tree.folder, env=env, stdout=self.log, stderr=self.log, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.close()
                sys.exit(f"gunicorn in {tree.folder} exited with {self.process.returncode} (see {log})")
            try:
                if api_request(self.port, "GET", "/api/v1/health", None)[0] == 200:
                    return
            except OSError:  # not listening yet
                pass
            time.sleep(0.2)
        self.stop()
        sys.exit(f"gunicorn in {tree.folder} did not answer within 60 s (see {log})")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


class Store:
    """The data's description in its own database: token, tills, shelf size and the next unsold item."""

    def __init__(self, url: str):
        self.url = url

    def _engine(self):
        return create_engine(self.url, poolclass=NullPool)

    def write(self, data: dict) -> None:
        engine = self._engine()
        with engine.begin() as connection:
            connection.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))
            connection.execute(text(f"CREATE TABLE {TABLE} (name VARCHAR(20) PRIMARY KEY, value TEXT NOT NULL)"))
            connection.execute(text(f"INSERT INTO {TABLE} VALUES ('data', :value)"), {"value": json.dumps(data)})
        engine.dispose()

    def read(self) -> dict:
        engine = self._engine()
        try:
            with engine.connect() as connection:
                value = connection.execute(text(f"SELECT value FROM {TABLE} WHERE name = 'data'")).scalar_one()
        except SQLAlchemyError as error:  # no table, no row, no database: nothing to reuse here
            sys.exit(f"no A/B data in {self.url} (generate it first, without --reuse): {error}")
        finally:
            engine.dispose()
        return json.loads(value)

    def claim(self, count: int) -> range:
        """The next ``count`` unsold items of the shelf's bottom three quarters, marked as taken first
        (so a run that dies halfway does not leave half-sold items to the next one)."""
        data = self.read()
        start = data["next"]
        data["next"] = start + count
        data["claimed_at"] = datetime.now().isoformat(timespec="seconds")
        engine = self._engine()
        with engine.begin() as connection:
            connection.execute(text(f"UPDATE {TABLE} SET value = :value WHERE name = 'data'"),
                               {"value": json.dumps(data)})
        engine.dispose()
        return range(start, start + count)


def sell_top(data: dict) -> int:
    """The last item runs may sell; scans read the shelf above it, which no run sells."""
    return data["for_sale"] * 3 // 4


def bench_data(url: str, data: dict) -> BenchData:
    return BenchData(database_url=url, token=data["token"], tills=data["tills"], items=data["items"],
                     for_sale=data["for_sale"])
