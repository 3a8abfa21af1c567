"""Demo sales: four weeks of till days at SKH-1, SKH-2 and HUS-1 with opened and closed days,
Z-reports, split payments, discounts, returns, training receipts and a few VAT-liable new goods.
Every demo cashier's PIN is 1234 (documented in the README)."""

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.auth.services import set_pin
from boutique.catalog.services import get_category
from boutique.core import clock
from boutique.core.roles import Role
from boutique.demo.intake import donated, week_of
from boutique.items.models import Grade, Item, ItemStatus
from boutique.items.services import issue_codes
from boutique.items.status import change_status, record_creation
from boutique.sales.day_models import ZReport
from boutique.sales.figures import day_figures
from boutique.sales.models import ReceiptCopy
from boutique.sales.services.days import close_till, open_day, open_till
from boutique.sales.services.lines import LineRequest, price_lines
from boutique.sales.services.returns import return_lines
from boutique.sales.services.selling import PaymentRequest, checkout

DEMO_PIN = "1234"
WEEKS = 4
TILLS = {"SKH-1": 7, "SKH-2": 4, "HUS-1": 3}  # a typical day's number of sales per till
# (category, description, asking price in öre)
STOCK = [
    ("women-dresses", "Klänning", (12900, 29900)), ("women-tops", "Blus", (5900, 14900)),
    ("women-knitwear", "Stickad tröja", (9900, 24900)), ("women-jackets", "Kappa", (24900, 59900)),
    ("men-shirts", "Skjorta", (6900, 14900)), ("men-jackets", "Jacka", (19900, 49900)),
    ("children-outerwear", "Overall", (9900, 19900)), ("bags", "Väska", (7900, 29900)),
    ("scarves", "Sjal", (4900, 12900)), ("tableware", "Kaffekopp", (1900, 4900)),
    ("cushions", "Kuddfodral (redesign)", (14900, 34900)), ("shoes", "Skor", (9900, 29900)),
]
SIZES = ["XS", "S", "M", "L", "XL", "36", "38", "40", "42", None]
NEW_GOODS = [("new-goods", "Tygkasse Ny Form", 14900), ("new-books", "Receptbok: Redesign", 19900)]
SMALL_GOODS = [("decor", "Knappar, påse", 1500), ("yarn", "Garnnystan", 2500), ("fabric", "Tygbit", 3000)]


def _local(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=clock.STOCKHOLM).astimezone(UTC)


class _Shop:
    def __init__(self, session: Session, context):
        self.session, self.context = session, context
        self.rng = random.Random(context.seed + 5)  # noqa: S311  # nosec B311  # repeatable demo data, not secrets
        self.cashiers = [u for u in context.users.values() if u.role in (Role.participant, Role.supervisor)]
        self.supervisor = next(u for u in context.users.values() if u.role == Role.supervisor)
        self.intake: dict[tuple[int, datetime], list[Item]] = {}  # (location, week) -> the stock it brought
        self.products: list[Item] | None = None  # lots' products on the shelf, loaded at the first sale

    def item(self, location_id: int, priced_at: datetime) -> Item:
        """A donated item walked through the status machine to ``for_sale`` (history dated back)."""
        category_code, name, (low, high) = self.rng.choice(STOCK)
        price = self.rng.randrange(low, high + 1, 1000) if high - low >= 1000 else low
        item = Item(code=issue_codes(self.session, 1)[0], status=ItemStatus.received,
                    category=get_category(self.session, category_code), description=name,
                    size=self.rng.choice(SIZES), location_id=location_id, created_at=priced_at - timedelta(days=2))
        self.session.add(item)
        self.session.flush()
        record_creation(self.session, [item], event="received", by_user_id=self.supervisor.id)
        steps = [("washed", ItemStatus.washed), ("sorted", ItemStatus.sorted), ("valued", ItemStatus.valued),
                 ("priced", ItemStatus.for_sale)]
        item.grade, item.value_ore = Grade.shop, price
        for event, status in steps:
            if event == "priced":
                item.price_ore, item.first_price_ore, item.priced_at = price, price, priced_at
            change_status(self.session, item, event=event, to=status, by_user_id=self.rng.choice(self.cashiers).id)
        for back, row in enumerate(reversed(item.events)):  # the history happened before the pricing date
            row.at = priced_at - timedelta(hours=back)
        self.intake.setdefault((location_id, week_of(item.created_at)), []).append(item)
        return item

    def donations(self) -> None:
        """The weekly drop-offs the stock came from (see demo/intake.py)."""
        for (_location, week), items in sorted(self.intake.items(), key=lambda pair: (pair[0][1], pair[0][0])):
            donated(self.session, items, received_at=week, by_user_id=self.supervisor.id,
                    note="Inlämnat i butiken under veckan")

    def payments(self, total: int) -> list[PaymentRequest]:
        roll = self.rng.random()
        if roll < 0.42:
            return [PaymentRequest("card", total)]
        if roll < 0.72:
            return [PaymentRequest("swish", total)]
        if roll < 0.93:
            tendered = -(-total // 5000) * 5000 if self.rng.random() < 0.7 else (total + 50) // 100 * 100
            return [PaymentRequest("cash", tendered)]
        card = total // 2 // 100 * 100
        return [PaymentRequest("card", card), PaymentRequest("cash", -(-(total - card) // 10000) * 10000)]

    def lot_product(self, location_id: int, moment: datetime) -> Item | None:
        """Now and then a customer buys a lot's redesigned product that is on the shelf, so the students'
        feedback has sales to show; at most half of each lot's products sell, the rest stay on the shelf."""
        if self.rng.random() >= 0.05:
            return None
        if self.products is None:
            self.products = list(self.session.scalars(select(Item).where(Item.lot_id.is_not(None),
                                                                         Item.status == ItemStatus.for_sale)))
        for product in self.products:
            lot_sold = sum(1 for p in self.products if p.lot_id == product.lot_id and p.status == ItemStatus.sold)
            if (product.status == ItemStatus.for_sale and product.location_id == location_id
                    and product.priced_at and product.priced_at <= moment - timedelta(days=1)
                    and lot_sold < sum(1 for p in self.products if p.lot_id == product.lot_id) // 2):
                return product
        return None

    def sale(self, till, moment: datetime, *, training: bool = False):
        location_id = till.location_id
        lines = []
        for _ in range(self.rng.choice([1, 1, 1, 2, 2, 3])):
            item = self.item(location_id, moment - timedelta(days=self.rng.uniform(1, 50)))
            line = LineRequest(code=item.code)
            if self.rng.random() < 0.06:
                line.discount_kind, line.discount_value = "percent", self.rng.choice([10, 20])
                line.discount_reason = self.rng.choice(["Liten fläck", "Saknar en knapp", "Stamkund"])
            lines.append(line)
        product = None if training else self.lot_product(location_id, moment)
        if product is not None:
            lines.append(LineRequest(code=product.code))
        if self.rng.random() < 0.08:
            category, name, price = self.rng.choice(NEW_GOODS)
            lines.append(LineRequest(description=name, category=category, price_ore=price))
        if self.rng.random() < 0.10:
            category, name, price = self.rng.choice(SMALL_GOODS)
            lines.append(LineRequest(description=name, category=category, price_ore=price))
        cashier = self.rng.choice(self.cashiers)
        priced = price_lines(self.session, lines, cashier=cashier, limit_percent=100, at=moment)
        total = sum(line.amount_ore for line in priced)
        return checkout(self.session, till=till, cashier=cashier, lines=lines, payments=self.payments(total),
                        training=training, at=moment)

    def day(self, till, day: date, sales_per_day: int, *, close: bool = True) -> None:
        opened = _local(day, 9, 45 + self.rng.randint(0, 10))
        open_till(self.session, till=till, user=self.rng.choice(self.cashiers), float_ore=100000, at=opened)
        count = max(1, sales_per_day + self.rng.randint(-2, 3))
        moments = sorted(_local(day, 10, 0) + timedelta(minutes=self.rng.randint(0, 7 * 60 + 30))
                         for _ in range(count))
        sales = []
        for moment in moments:
            sales.append(self.sale(till, moment))
            if self.rng.random() < 0.01:
                self.sale(till, moment + timedelta(minutes=2), training=True)
        if sales and self.rng.random() < 0.12:
            self.refund(till, self.rng.choice(sales), moments[-1] + timedelta(minutes=5))
        if sales and self.rng.random() < 0.05:
            self.session.add(ReceiptCopy(sale_id=sales[0].id, till_day_id=open_day(self.session, till).id,
                                         printed_at=moments[-1], printed_by_id=sales[0].cashier_id))
        if close:
            self.close(till, _local(day, 18, self.rng.randint(0, 20)))

    def refund(self, till, sale, moment: datetime) -> None:
        item_lines = [line for line in sale.lines if line.item_id is not None]
        if not item_lines:
            return
        methods = {p.method for p in sale.payments if p.amount_ore > 0}
        method = "card" if "card" in methods and self.rng.random() < 0.5 else "cash"
        return_lines(self.session, till=till, cashier=self.rng.choice(self.cashiers), original=sale,
                     lines=item_lines[:1], refund_method=method,
                     restock={item_lines[0].item.code: self.rng.choice([ItemStatus.for_sale, ItemStatus.sorted])},
                     at=moment)

    def close(self, till, moment: datetime) -> None:
        expected = day_figures(self.session, open_day(self.session, till)).expected_cash_ore
        variance = self.rng.choice([0] * 8 + [-1000, 500])
        close_till(self.session, till=till, user=self.rng.choice(self.cashiers), counted_cash_ore=expected + variance,
                   note={0: None, -1000: "En tia saknas", 500: "Dricks i kassan"}[variance], at=moment)


def load(session: Session, context) -> None:
    if not context.tills or not context.users:
        return
    for user in context.users.values():
        if user.role != Role.student:
            set_pin(session, user, pin=DEMO_PIN)
    shop = _Shop(session, context)
    today = clock.sales_day(clock.now())
    for offset in range(WEEKS * 7, 0, -1):
        day = today - timedelta(days=offset)
        if day.weekday() in (6, 0):  # closed on Sundays and Mondays
            continue
        for code, per_day in TILLS.items():
            if code in context.tills and (code != "HUS-1" or day.weekday() in (1, 3, 5)):
                shop.day(context.tills[code], day, per_day)
    # Today SKH-1 is open with a few sales so far, and a few items wait on the shelf for the till.
    now = clock.now()
    if "SKH-1" in context.tills:
        till = context.tills["SKH-1"]
        open_till(session, till=till, user=shop.cashiers[0], float_ore=100000, at=now - timedelta(hours=2))
        for minutes in (100, 60, 20):
            shop.sale(till, now - timedelta(minutes=minutes))
    for code in ("SKH", "HUS"):
        location = context.locations.get(code)
        for _ in range(12 if location is not None else 0):
            shop.item(location.id, now - timedelta(days=shop.rng.uniform(0, 60)))
    shop.donations()
    context.extra["sales"] = {"z_reports": len(session.scalars(select(ZReport.id)).all())}
