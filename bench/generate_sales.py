"""Bulk sales data for the report benchmark: items with a first price and a ``priced`` event, receipts
with one to a few item lines each, and a share of the items still on the shelf.

    generate(session, lines=1_000_000, seed=7)

Rows go in with multi-row INSERTs in chunks (no ORM objects), so a million lines take a minute or so.
Deterministic for a seed. Expects the schema and the standard taxonomy to exist.
"""

import json
import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boutique import clock
from boutique.auth.models import Role, User
from boutique.catalog.models import Category
from boutique.items.models import Item, ItemEvent
from boutique.places.models import Location, Till
from boutique.sales.models import DayStatus, Sale, SaleLine, TillDay

CHUNK = 20_000
FIRST_DAY = date(2025, 1, 1)
DAYS = 730


def _plain(value, dialect: str):
    """A value as the driver's bulk path takes it (SQLite stores naive UTC text, like the app does)."""
    if isinstance(value, dict):
        return json.dumps(value)
    if dialect == "sqlite":
        if isinstance(value, datetime):
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool):
            return int(value)
    return value


def bulk_insert(session: Session, table, rows: list[dict]) -> None:
    """Many rows at once: COPY on PostgreSQL, executemany on SQLite (no per-row SQLAlchemy work)."""
    if not rows:
        return
    columns = list(rows[0])
    connection = session.connection()
    dialect = connection.dialect.name
    raw = connection.connection.dbapi_connection
    data = [tuple(_plain(row.get(column), dialect) for column in columns) for row in rows]
    if dialect == "postgresql":
        with raw.cursor() as cursor, cursor.copy(
                f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in data:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in columns)
        raw.cursor().executemany(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", data)


def _setup(session: Session) -> tuple[int, int, int, list[int]]:
    location = session.scalar(select(Location).where(Location.code == "BEN"))
    if location is None:
        location = Location(code="BEN", name="Bench")
        session.add(location)
        session.flush()
        session.add(Till(code="BEN-1", location_id=location.id))
        session.add(User(username="bench", display_name="Bench", role=Role.participant, password_hash="!"))  # noqa: S106  (no one signs in)
        session.flush()
    till = session.scalar(select(Till.id).where(Till.code == "BEN-1"))
    user = session.scalar(select(User.id).where(User.username == "bench"))
    categories = list(session.scalars(select(Category.id).where(Category.parent_id.is_not(None))))
    return location.id, till, user, categories


def generate(session: Session, *, lines: int, seed: int = 7, on_shelf_share: float = 0.2) -> dict:
    """Insert about ``lines`` active sale lines and their items (plus a share still on the shelf)."""
    rng = random.Random(seed)
    location_id, till_id, user_id, categories = _setup(session)
    next_item = (session.scalar(select(func.max(Item.id))) or 0) + 1
    next_sale = (session.scalar(select(func.max(Sale.id))) or 0) + 1
    days = {}
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        row = TillDay(till_id=till_id, status=DayStatus.closed, business_date=day, float_ore=0,
                      opened_at=datetime(day.year, day.month, day.day, 8, tzinfo=UTC))
        session.add(row)
        days[day] = row
    session.flush()
    day_ids = {day: row.id for day, row in days.items()}
    total_items = int(lines * (1 + on_shelf_share))
    receipt = 0
    made = 0
    while made < total_items:
        count = min(CHUNK, total_items - made)
        items, events, sales, sale_lines = [], [], [], []
        pending_sale = None
        for n in range(count):
            item_id = next_item + made + n
            price = rng.randrange(20, 500) * 100
            priced_day = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 60))
            priced_at = datetime(priced_day.year, priced_day.month, priced_day.day, rng.randrange(7, 20),
                                 rng.randrange(60), tzinfo=UTC)
            sold = rng.random() < lines / total_items
            items.append({"id": item_id, "code": f"29{item_id:010d}0"[:13], "status": "sold" if sold else "for_sale",
                          "category_id": rng.choice(categories), "grade": "shop", "price_ore": price,
                          "first_price_ore": price, "priced_at": priced_at, "value_ore": price,
                          "location_id": location_id, "markdown_exempt": False,
                          "colour": rng.choice(("svart", "blå", "röd", "grön", "vit", None)),
                          "created_at": priced_at, "updated_at": priced_at})
            events.append({"item_id": item_id, "event": "priced", "from_status": "valued", "to_status": "for_sale",
                           "at": priced_at, "by_user_id": user_id, "location_id": location_id,
                           "details": {"price_ore": price}})
            if not sold:
                continue
            waited = timedelta(days=int(rng.expovariate(1 / 30)))
            sale_day = min(FIRST_DAY + timedelta(days=DAYS - 1), priced_day + waited)
            if pending_sale is None or pending_sale["sales_day"] != sale_day or rng.random() < 0.5:
                receipt += 1
                pending_sale = {"id": next_sale + receipt - 1, "till_id": till_id, "till_day_id": day_ids[sale_day],
                                "receipt_number": receipt, "training": False, "is_return": False,
                                "cashier_id": user_id,
                                "created_at": clock.day_start_utc(sale_day) + timedelta(hours=11),
                                "sales_day": sale_day, "total_ore": 0, "rounding_ore": 0, "change_ore": 0,
                                "discount_ore": 0}
                sales.append(pending_sale)
            markdown = 25 if (sale_day - priced_day).days >= 21 else 0
            charged = price - price * markdown // 100
            pending_sale["total_ore"] += charged
            sale_lines.append({"sale_id": pending_sale["id"], "position": 1,
                               "item_id": item_id, "description": "Bench", "category_id": items[-1]["category_id"],
                               "vat_rate_percent": 0, "asking_ore": price, "markdown_percent": markdown,
                               "price_ore": charged, "discount_ore": 0, "amount_ore": charged, "is_return": False,
                               "training": False, "returned": False})
        for table, rows in ((Item, items), (ItemEvent, events), (Sale, sales), (SaleLine, sale_lines)):
            bulk_insert(session, table.__table__, rows)
        session.commit()
        made += count
    return {"items": total_items, "receipts": receipt}
