"""A large, realistic database, fast: the schema and taxonomy, people of every role, N locations with their
tills, donations, items in every status (received … for_sale, sold, returned, material, consumed, recycled,
discarded, in transit, lost) with plausible categories and prices, production lots with their teams, materials
and products, two years of sales with receipts, payments, returns and closed till days (Z-reports), plus 20 open
"bench" tills and a seller with an API token for the till benchmark. Rows go in with COPY on PostgreSQL
and executemany on SQLite (bench/bulk.py).

    .venv/bin/python -m bench.generate --database-url sqlite:////tmp/bench.sqlite3 --items 1000000

``--items N`` is every item (half sold, 30 % on the shelf, the rest in the pipeline or gone);
``--lines`` the sale lines (default N: item lines, return lines, and manual lines for unlabelled small
goods). Items ``1 … for_sale`` (``BenchData.code(n)``) are on the shelf, for the till benchmark.
"""

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import delete, select, text

from bench.bulk import reset_sequences
from bench.history import History, World
from boutique import create_app
from boutique.auth.services import create_token, create_user
from boutique.catalog.models import Category
from boutique.catalog.taxonomy import seed_standard_taxonomy
from boutique.core import clock
from boutique.core.counters import Counter
from boutique.extensions import db
from boutique.items.codes import item_code
from boutique.places.services import create_location, create_till
from boutique.sales.services.days import open_till

SMALL_GOODS = ("jewellery", "decor", "tableware", "yarn", "hats", "belts")
PLACES = [("SKH", "Skärholmen"), ("HUS", "Husby"), ("RIN", "Rinkeby"), ("TEN", "Tensta"), ("FAR", "Farsta")]
PEOPLE = [("supervisor", "Karin Lindqvist"), ("supervisor", "Yusuf Ali"), ("admin", "Admin"),
          ("student", "Elsa Berg"), ("student", "Oskar Nyström"), ("student", "Maja Ek"), ("student", "Ali Raza"),
          ("participant", "Amira"), ("participant", "ሰላም"), ("participant", "Fatima"), ("participant", "Hodan"),
          ("participant", "زهرا"), ("participant", "Nour"), ("participant", "Dawit"), ("participant", "Sahra"),
          ("participant", "Leyla"), ("participant", "Mahmoud")]


@dataclass
class BenchData:
    database_url: str
    token: str
    tills: list[str]
    items: int
    for_sale: int = 0
    lines: int = 0
    receipts: int = 0
    first_day: date | None = None
    last_day: date | None = None
    seconds: float = 0.0

    def code(self, serial: int) -> str:
        """The code of item number ``serial`` (1-based); items ``1 … for_sale`` are on the shelf."""
        return item_code(serial)


def _world(session, locations: int) -> tuple[World, list]:
    users = {}
    for n, (role, name) in enumerate(PEOPLE, start=1):
        users.setdefault(role, []).append(create_user(
            session, username=f"gen-{role}{n}", role=role, password="generated-password", display_name=name))  # noqa: S106  (bench only)
    for participant in users["participant"]:
        participant.supervisor_id = users["supervisor"][len(participant.display_name) % 2].id
    places = [(code, name) for code, name in PLACES] + [(f"S{n:02d}", f"Butik {n}") for n in range(6, 100)]
    tills = []
    for code, name in places[:locations]:
        create_location(session, code=code, name=name, address=f"{name}storget 1")
        tills += [create_till(session, code=f"{code}-{n}", location_code=code) for n in (1, 2)]
    session.flush()
    categories = session.execute(select(Category.id, Category.code, Category.name, Category.parent_id)
                                 .where(Category.vat_rate_percent == 0)).all()
    tops = {row.id: row.code for row in categories if row.parent_id is None}
    now = clock.now()
    world = World(
        categories=[(row.id, tops[row.parent_id], row.name) for row in categories if row.parent_id in tops],
        small_goods=[(row.id, row.name) for row in categories if row.code in SMALL_GOODS],
        locations=sorted({till.location_id for till in tills}), tills=[(t.id, t.code, t.location_id) for t in tills],
        participants=[u.id for u in users["participant"]], students=[u.id for u in users["student"]],
        supervisors=[u.id for u in users["supervisor"]], today=clock.sales_day(now), now=now)
    return world, users["participant"]


def shops_for(items: int) -> int:
    """Shops enough that each till's sales stay like a real shop's: about 25,000 item lines a year per till
    (a till's grand totals are integers in öre: ~21 million kronor at most on PostgreSQL)."""
    return max(2, items // 100_000)


def populate(session, *, items: int, lines: int | None = None, tills: int = 20, locations: int | None = None,
             seed: int = 9, progress=lambda text: None) -> BenchData:
    """Fill a database that has the schema and the taxonomy but nothing else (see the module docstring);
    commits. The ``database_url`` of the result is left empty."""
    world, participants = _world(session, locations or shops_for(items))
    seller = participants[0]
    create_location(session, code="BEN", name="Bench", address="Benchvägen 1")
    codes = [f"BEN-{n}" for n in range(1, tills + 1)]
    for code in codes:
        open_till(session, till=create_till(session, code=code, location_code="BEN"), user=seller, float_ore=0)
    token = create_token(session, seller)
    session.commit()
    made = History(session, world, items=items, lines=items if lines is None else lines, seed=seed,
                   progress=progress).run()
    session.execute(delete(Counter).where(Counter.name.in_(list(made.counters))))
    session.add_all(Counter(name=name, value=value) for name, value in made.counters.items())
    reset_sequences(session)
    session.commit()
    progress("analysing")
    session.execute(text("ANALYZE"))
    session.commit()
    return BenchData(database_url="", token=token, tills=codes, items=made.items, for_sale=made.for_sale,
                     lines=made.lines, receipts=made.receipts, first_day=made.first_day, last_day=made.last_day)


def generate(database_url: str, *, items: int, lines: int | None = None, tills: int = 20, locations: int | None = None,
             seed: int = 9, progress=lambda text: None) -> BenchData:
    """A fresh schema in ``database_url`` (everything in it is dropped) filled by :func:`populate`."""
    started = time.perf_counter()
    app = create_app({"DATABASE_URL": database_url, "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
                      "SQLITE_BEGIN_MODE": "DEFERRED", "SECRET_KEY": "bench"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        seed_standard_taxonomy(db.session)
        db.session.commit()
        data = populate(db.session, items=items, lines=lines, tills=tills, locations=locations, seed=seed,
                        progress=progress)
        db.session.remove()
        db.engine.dispose()
    data.database_url = database_url
    data.seconds = time.perf_counter() - started
    return data


def printed_progress(label: str = ""):
    """A progress line that rewrites itself (no dependency), with the time since it started."""
    started = time.perf_counter()

    def show(text: str) -> None:
        print(f"\r{label}{text} ({time.perf_counter() - started:.0f} s)\033[K", end="", file=sys.stderr, flush=True)

    return show


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a database it may wipe")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, help="sale lines (default: as many as items)")
    parser.add_argument("--tills", type=int, default=20, help="open bench tills")
    parser.add_argument("--locations", type=int, help="shops with two tills each (default: one per 100,000 items, "
                        "at least 2)")
    args = parser.parse_args(argv)
    data = generate(args.database_url, items=args.items, lines=args.lines, tills=args.tills,
                    locations=args.locations, progress=printed_progress())
    print(f"\n{data.items:,} items ({data.for_sale:,} on the shelf), {data.lines:,} sale lines on "
          f"{data.receipts:,} receipts, {data.first_day} to {data.last_day}, {len(data.tills)} open tills "
          f"in {data.seconds:.1f} s")
    print(f"API token: {data.token}")


if __name__ == "__main__":
    main()
