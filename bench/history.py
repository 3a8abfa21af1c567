"""The bulk of the generated data: items in every status, donations, production lots, and two years of
sales with receipts, payments, VAT rows, returns and closed till days with their Z-reports.

Rows are made as tuples in one pass, in the order things happened (day by day), so receipt and Z numbers
are unbroken and ascending per till and every Z-report balances against its receipts. Each item keeps its
creation event, its ``priced`` event when it was priced (the reports read it), and ``sold``/``returned``
events; the steps in between (washed, valued) are written only for items still waiting at them.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import text

from bench.bulk import Loader
from boutique.core import clock
from boutique.items.codes import item_code
from boutique.reports.queries.weights import typical_by_category

DAYS = 730  # days of sales history, ending yesterday
SOLD_SHARE = 0.5  # of all items; the rest are on the shelf (most), in the pipeline, or gone
SHELF_SHARE = 0.3
RETURN_RATE = 0.03
PRODUCT_RATE = 0.02  # items that are a production lot's redesigned products
PIPELINE = (("received", 0.15), ("washed", 0.10), ("sorted", 0.10), ("valued", 0.10), ("material", 0.10),
            ("consumed", 0.10), ("recycled", 0.17), ("discarded", 0.15), ("in_transit", 0.02), ("lost", 0.01))
PRICE_RANGES = {"women": (5, 40), "men": (5, 45), "children": (2, 15), "accessories": (3, 30),
                "textiles": (3, 25), "interior": (3, 60)}  # tens of kronor
COLOURS = ("svart", "vit", "blå", "röd", "grön", "beige", "grå", "rosa", "gul", None)
SIZES = ("XS", "S", "M", "L", "XL", "36", "38", "40", "42", "44", None)
BRANDS = ("H&M", "Lindex", "KappAhl", "Gina Tricot", "Filippa K", "Acne", "Marimekko", "IKEA", None, None, None)
METHODS = ("cash", "card", "swish")
METHOD_WEIGHTS = (3, 5, 2)
TAGS = ("tilet", "embroidery", "indigo", "patchwork", "folk-pattern", "denim", "upcycling")

ITEMS = ("id", "code", "status", "category_id", "grade", "description", "colour", "size", "brand", "condition",
         "value_ore", "price_ore", "first_price_ore", "priced_at", "markdown_exempt", "location_id", "donation_id",
         "lot_id", "created_at", "updated_at")
COLUMNS = {
    "donations": ("id", "source", "location_id", "received_at", "received_by_id", "weight_grams", "bags",
                  "created_at", "unpacked_at"),
    "production_lots": ("id", "title", "concept", "location_id", "status", "created_by_id", "created_at",
                        "inspiration", "starts_on", "ends_on", "started_at", "finished_at"),
    "lot_members": ("lot_id", "user_id", "role"),
    "lot_tags": ("lot_id", "tag"),
    "items": ITEMS,
    "item_events": ("item_id", "event", "from_status", "to_status", "at", "by_user_id", "location_id", "details"),
    "lot_materials": ("lot_id", "item_id", "by_user_id", "at"),
    "product_makers": ("item_id", "user_id"),
    "label_prints": ("item_id", "price_ore", "printed_at", "by_user_id"),
    "till_days": ("id", "till_id", "status", "business_date", "float_ore", "opened_at", "opened_by_id",
                  "closed_at", "closed_by_id"),
    "sales": ("id", "till_id", "till_day_id", "receipt_number", "training", "is_return", "original_sale_id",
              "cashier_id", "created_at", "sales_day", "total_ore", "rounding_ore", "change_ore", "discount_ore"),
    "sale_lines": ("id", "sale_id", "position", "item_id", "description", "category_id", "vat_rate_percent",
                   "asking_ore", "markdown_percent", "price_ore", "discount_ore", "amount_ore", "is_return",
                   "training", "returned", "original_line_id"),
    "payments": ("sale_id", "method", "amount_ore", "tendered_ore", "change_ore"),
    "sale_vat": ("sale_id", "rate_percent", "gross_ore", "vat_ore"),
    "z_reports": ("id", "till_id", "till_day_id", "z_number", "business_date", "opened_at", "closed_at",
                  "closed_by_id", "opening_float_ore", "receipts_count", "sales_ore", "returns_count",
                  "returns_ore", "net_ore", "vat_ore", "discounts_count", "discounts_ore", "rounding_ore", "cash_ore",
                  "card_ore", "swish_ore", "copies_count", "copies_ore", "unfinished_count", "unfinished_ore",
                  "training_count", "training_ore", "expected_cash_ore",
                  "counted_cash_ore", "variance_ore", "variance_note", "grand_total_sales_ore",
                  "grand_total_returns_ore", "grand_total_net_ore"),
    "z_report_vat": ("z_report_id", "rate_percent", "sales_ore", "returns_ore", "gross_ore", "vat_ore",
                     "net_ex_vat_ore"),
    "z_report_payments": ("z_report_id", "method", "sales_ore", "returns_ore", "net_ore"),
}
FLOAT_ORE = 50_000


@dataclass
class World:
    """What the setup made (ids), for the bulk rows to point at."""

    categories: list[tuple[int, str, str]]  # (id, top-level code, Swedish name) of leaf categories outside VAT
    small_goods: list[tuple[int, str]]  # categories of unlabelled small goods sold as manual lines
    locations: list[int]
    tills: list[tuple[int, str, int]]  # history tills: (id, code, location id)
    participants: list[int]
    students: list[int]
    supervisors: list[int]
    today: date
    now: datetime


@dataclass
class Made:
    items: int = 0
    for_sale: int = 0
    lines: int = 0
    receipts: int = 0
    returns: int = 0
    z_reports: int = 0
    lots: int = 0
    counters: dict[str, int] = field(default_factory=dict)
    first_day: date | None = None
    last_day: date | None = None
    rows: dict[str, int] = field(default_factory=dict)


class History:
    """One generation run (see the module docstring); ``run()`` returns what it made."""

    def __init__(self, session, world: World, *, items: int, lines: int, seed: int, progress):
        self.w, self.rng, self.progress = world, random.Random(seed), progress
        self.out = Loader(session, COLUMNS)
        self.total, self.lines_wanted = items, lines
        self.serial = 0
        self.first_day = world.today - timedelta(days=DAYS)
        self._day_starts: dict[date, datetime] = {}
        self.start = clock.day_start_utc(self.first_day - timedelta(days=150))
        self.per_day_donations = max(1, items // 25 // (DAYS + 151))
        # A donation weighs, on average, the typical weights of the items unpacked from it, so that the impact
        # report's mass balance adds up over the history (kilos in = kilos out by fate + stock).
        typical = typical_by_category(session)
        mean_grams = sum(typical[category_id] for category_id, _, _ in world.categories) / len(world.categories)
        donations = (DAYS + 151) * self.per_day_donations
        self.donation_grams = items * (1 - PRODUCT_RATE * SHELF_SHARE) * mean_grams / donations
        self.lots: list[tuple[int, int, datetime, list[int]]] = []  # (id, location, created, makers)
        self.made = Made(first_day=self.first_day, last_day=world.today - timedelta(days=1))

    def last_id(self, table: str) -> int:
        return self.out.session.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")).scalar_one()

    # -- helpers ------------------------------------------------------------------------------------
    def day_start(self, day: date) -> datetime:
        """``clock.day_start_utc``, remembered (it is asked a few million times)."""
        start = self._day_starts.get(day)
        if start is None:
            start = self._day_starts[day] = clock.day_start_utc(day)
        return start

    def _moment(self, day: date, first_hour: int = 9, last_hour: int = 17) -> datetime:
        return self.day_start(day) + timedelta(hours=self.rng.randrange(first_hour, last_hour),
                                                    minutes=self.rng.randrange(60))

    def _donation(self, created: datetime) -> int:
        index = max(0, min(DAYS + 150, (created - self.start).days))
        return index * self.per_day_donations + self.rng.randrange(self.per_day_donations) + 1

    def _event(self, item_id, event, old, new, at, location, details=None, user=None) -> None:
        o = self.out
        o.add("item_events", (item_id, event, old, new, o.stamp(at), user or self.rng.choice(self.w.participants),
                              location, o.json(details)))

    def _new_item(self, status: str, created: datetime, *, priced_at: datetime | None = None,
                  product: bool = False, grade: str | None = "shop") -> tuple[int, int, int, int | None]:
        """Write one item and its creation event; returns (id, category id, location id, price or None)."""
        rng, o = self.rng, self.out
        self.serial += 1
        item_id = self.serial
        category_id, top, name = rng.choice(self.w.categories)
        low, high = PRICE_RANGES.get(top, (3, 30))
        price = rng.randrange(low, high + 1) * 1000 if priced_at or status == "valued" else None
        lot = rng.choice(self.lots) if product and self.lots else None
        lot = lot if lot and lot[2] < created else None  # a product comes out of a lot that existed
        location = lot[1] if lot else rng.choice(self.w.locations)
        o.add("items", (item_id, item_code(item_id), status, category_id, grade, name, rng.choice(COLOURS),
                        rng.choice(SIZES), rng.choice(BRANDS), rng.randrange(2, 6) if grade else None, price,
                        price if priced_at else None, price if priced_at else None,
                        o.stamp(priced_at) if priced_at else None, o.flag(False), location,
                        None if lot else self._donation(created), lot[0] if lot else None, o.stamp(created),
                        o.stamp(priced_at or created)))
        if lot:
            self._event(item_id, "sorted", None, "sorted", created, location)
            for maker in rng.sample(lot[3], min(len(lot[3]), rng.randrange(1, 3))):
                o.add("product_makers", (item_id, maker))
        else:
            self._event(item_id, "received", None, "received", created, location)
        if priced_at:
            self._event(item_id, "priced", "valued", "for_sale", priced_at, location, {"price_ore": price})
        self.made.items += 1
        return item_id, category_id, location, price

    # -- phases -------------------------------------------------------------------------------------
    def run(self) -> Made:
        self._donations()
        self._lots()
        shelf = int(self.total * SHELF_SHARE)
        sold = int(self.total * SOLD_SHARE)
        self._shelf(shelf)
        self._pipeline(self.total - shelf - sold)
        self._sales(sold)
        self.out.flush()
        self.made.rows = dict(self.out.counts)
        self.made.counters["item_serial"] = self.serial
        return self.made

    def _donations(self) -> None:
        o, rng = self.out, self.rng
        for index in range((DAYS + 151) * self.per_day_donations):
            received = self.start + timedelta(days=index // self.per_day_donations, hours=rng.randrange(8, 17))
            o.add("donations", (index + 1, rng.choice(("collection", "drop_off", "pickup")),
                                rng.choice(self.w.locations), o.stamp(received), rng.choice(self.w.participants),
                                max(250, round(self.donation_grams * rng.uniform(0.5, 1.5) / 250) * 250),
                                rng.randrange(1, 8), o.stamp(received),
                                o.stamp(received + timedelta(days=1))))

    def _lots(self) -> None:
        o, rng, w = self.out, self.rng, self.w
        for lot_id in range(1, max(2, self.total // 2000) + 1):
            created = self.start + timedelta(days=rng.randrange(DAYS + 120))
            status = "done" if created < w.now - timedelta(days=60) else rng.choice(("planned", "in_production"))
            location = rng.choice(w.locations)
            team = rng.sample(w.participants, 3) + rng.sample(w.students, 2)
            supervisor = rng.choice(w.supervisors)
            o.add("production_lots", (
                lot_id, f"Kollektion {lot_id}: {rng.choice(TAGS)}", "Redesign av skänkta plagg", location, status,
                supervisor, o.stamp(created), "Mönster och färger från textiltraditioner",
                o.day(clock.sales_day(created)), None, o.stamp(created), None))
            for user in team:
                o.add("lot_members", (lot_id, user, "student" if user in w.students else "participant"))
            o.add("lot_members", (lot_id, supervisor, "supervisor"))
            for tag in rng.sample(TAGS, 2):
                o.add("lot_tags", (lot_id, tag))
            self.lots.append((lot_id, location, created, team))
        self.made.lots = len(self.lots)

    def _shelf(self, count: int) -> None:
        """Items for sale, priced 0-150 days ago (ageing buckets), nearly all with a printed label."""
        o, rng, now = self.out, self.rng, self.w.now
        for n in range(count):
            priced = now - timedelta(minutes=rng.randrange(60, 60 * 24 * 21) if n % 2 else
                                     rng.randrange(60, 60 * 24 * 150))
            created = priced - timedelta(days=rng.randrange(1, 10))
            item_id, _, _, price = self._new_item("for_sale", created, priced_at=priced,
                                                  product=rng.random() < PRODUCT_RATE)
            if rng.random() < 0.99:
                o.add("label_prints", (item_id, price, o.stamp(priced + timedelta(hours=1)),
                                       rng.choice(self.w.participants)))
            if n % 50_000 == 0:
                self.progress(f"items on the shelf {n:,}/{count:,}")
        self.made.for_sale = count

    def _pipeline(self, count: int) -> None:
        """Items waiting at a step (recent) or gone: recycled, discarded, consumed by a lot (any time)."""
        rng, now = self.rng, self.w.now
        assigned = {status: 0 for status, _ in PIPELINE}
        for n in range(count):
            # the status furthest behind its share: exact proportions, every status within a few items
            status = max(PIPELINE, key=lambda pair: pair[1] * (n + 1) - assigned[pair[0]])[0]
            assigned[status] += 1
            recent = status in ("received", "washed", "sorted", "valued")
            created = now - timedelta(minutes=rng.randrange(60, 60 * 24 * (21 if recent else DAYS + 120)))
            grade = {"received": None, "washed": None, "material": "redesign", "consumed": "redesign",
                     "recycled": "recycle", "discarded": "discard"}.get(status, "shop")
            item_id, _, location, _ = self._new_item(status, created, grade=grade)
            at = min(now, created + timedelta(hours=rng.randrange(2, 72)))
            if status == "washed":
                self._event(item_id, "washed", "received", "washed", at, location)
            elif status != "received":
                to = "material" if status == "consumed" else status
                to = "sorted" if status in ("valued", "in_transit", "lost") else to
                self._event(item_id, "sorted", "received", to, at, location)
                if status == "valued":
                    self._event(item_id, "valued", "sorted", "valued", at + timedelta(hours=1), location)
                if status in ("in_transit", "lost"):  # sent to the other place; a lost one never arrived
                    self._event(item_id, "sent", "sorted", "in_transit", at, location)
                    if status == "lost":
                        self._event(item_id, "lost", "in_transit", "lost", at, location, {"returns_to": "sorted"})
                if status == "consumed":
                    lot = rng.choice(self.lots)
                    used = min(now, max(at, lot[2]) + timedelta(days=rng.randrange(1, 20)))
                    self._event(item_id, "consumed", "material", "consumed", used, location, {"lot_id": lot[0]})
                    self.out.add("lot_materials", (lot[0], item_id, rng.choice(lot[3]), self.out.stamp(used)))
            if n % 50_000 == 0:
                self.progress(f"items in the pipeline {n:,}/{count:,}")

    def _sales(self, sold: int) -> None:
        from bench.till_history import TillHistory

        TillHistory(self, sold).run()
