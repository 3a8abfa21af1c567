"""A large database, fast: the schema, the taxonomy, a location with open tills, a seller with an API
token, and N items for sale, inserted in bulk (executemany on SQLite, COPY on PostgreSQL).

    .venv/bin/python -m bench.generate --database-url sqlite:////tmp/bench.sqlite3 --items 1000000

A million items take well under a minute on SQLite. ``generate(url, items=..., tills=...)`` returns what
the benchmarks need (token, till codes, item codes by position); other benchmarks add their own data
on top (issue #9 extends this module).
"""

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select, update

from boutique import create_app
from boutique.auth.services import create_token, create_user
from boutique.catalog.models import Category
from boutique.catalog.taxonomy import seed_standard_taxonomy
from boutique.counters import Counter
from boutique.extensions import db
from boutique.items.codes import item_code
from boutique.items.services import ITEM_SERIES
from boutique.places.services import create_location, create_till
from boutique.sales.tillday import open_till

CHUNK = 50_000
SIZES = ("XS", "S", "M", "L", "XL", "38", "40", "42", None)
NAMES = ("Klänning", "Blus", "Skjorta", "Kappa", "Väska", "Sjal", "Kudde", "Jacka", "Tröja", "Byxor")


@dataclass
class BenchData:
    database_url: str
    token: str
    tills: list[str]
    items: int

    def code(self, serial: int) -> str:
        """The code of item number ``serial`` (1-based): items are numbered as they were inserted."""
        return item_code(serial)


def _bulk(connection, table: str, columns: list[str], rows: list[tuple]) -> None:
    raw = connection.connection.dbapi_connection
    if connection.dialect.name == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in columns)
        raw.cursor().executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _item_rows(first: int, count: int, *, categories: list[int], location_id: int, now: datetime, sqlite: bool,
               rng: random.Random):
    for serial in range(first, first + count):
        # Priced within the last two weeks, so no markdown applies (the till prices what it scans).
        priced = now - timedelta(minutes=rng.randrange(60, 14 * 24 * 60))
        stamp = priced.replace(tzinfo=None).isoformat(sep=" ") if sqlite else priced
        price = rng.randrange(20, 600) * 100
        yield (item_code(serial), "for_sale", rng.choice(categories), "shop", rng.choice(NAMES), rng.choice(SIZES),
               price, price, price, stamp, 0 if sqlite else False, location_id, stamp, stamp)


ITEM_COLUMNS = ["code", "status", "category_id", "grade", "description", "size", "value_ore", "price_ore",
                "first_price_ore", "priced_at", "markdown_exempt", "location_id", "created_at", "updated_at"]


def generate(database_url: str, *, items: int, tills: int = 20, seed: int = 9,
             progress=lambda text: None) -> BenchData:
    """A fresh schema in ``database_url`` holding ``items`` items for sale and ``tills`` open tills."""
    app = create_app({"DATABASE_URL": database_url, "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
                      "SQLITE_BEGIN_MODE": "DEFERRED"})
    rng = random.Random(seed)
    with app.app_context():
        db.drop_all()
        db.create_all()
        session = db.session
        seed_standard_taxonomy(session)
        seller = create_user(session, username="bench", role="participant", password="bench-password")  # noqa: S106  (bench only)
        location = create_location(session, code="BEN", name="Bench", address="Benchvägen 1")
        codes = [f"BEN-{n}" for n in range(1, tills + 1)]
        for code in codes:
            open_till(session, till=create_till(session, code=code, location_code="BEN"), user=seller, float_ore=0)
        token = create_token(session, seller)
        categories = list(session.scalars(select(Category.id).where(Category.parent_id.is_not(None),
                                                                    Category.vat_rate_percent == 0)))
        session.commit()
        connection = session.connection()
        sqlite = connection.dialect.name == "sqlite"
        now = datetime.now(UTC)
        for first in range(1, items + 1, CHUNK):
            count = min(CHUNK, items - first + 1)
            rows = list(_item_rows(first, count, categories=categories, location_id=location.id, now=now,
                                   sqlite=sqlite, rng=rng))
            _bulk(connection, "items", ITEM_COLUMNS, rows)
            progress(f"{first + count - 1:,} items")
        session.execute(update(Counter).where(Counter.name == ITEM_SERIES).values(value=items))
        if session.get(Counter, ITEM_SERIES) is None:
            session.add(Counter(name=ITEM_SERIES, value=items))
        session.commit()
        db.engine.dispose()
    return BenchData(database_url=database_url, token=token, tills=codes, items=items)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--tills", type=int, default=20)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = generate(args.database_url, items=args.items, tills=args.tills,
                    progress=lambda text: print(f"\r{text}", end="", flush=True))
    print(f"\n{data.items:,} items, {len(data.tills)} open tills in {time.perf_counter() - started:.1f} s")
    print(f"API token: {data.token}")


if __name__ == "__main__":
    main()
