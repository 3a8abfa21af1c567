"""Factories for report tests: items with a pricing history, sales and returns written directly with the
models (so the figures do not depend on other areas' demo data), and one small fixed shop."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

import pytest

from boutique.catalog.services import get_category
from boutique.core import clock
from boutique.core.roles import Role
from boutique.donations.models import Donation, DonationSource
from boutique.extensions import db
from boutique.items.models import Grade, Item, ItemEvent, ItemStatus
from boutique.items.services import issue_codes
from boutique.pipeline.models import BulkWeighOut, WeighOutGrade
from boutique.production.models import (
    BulkMaterial,
    LotMaterial,
    LotMember,
    LotRole,
    LotTag,
    ProductionLot,
    ProductMaker,
)
from boutique.sales.day_models import DayStatus, TillDay
from boutique.sales.models import Sale, SaleLine


def utc(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=clock.STOCKHOLM).astimezone(UTC)


@dataclass
class Shop:
    """What the factories made, by name, for assertions."""

    location: object
    till: object
    cashier: object
    items: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    lots: dict = field(default_factory=dict)


@pytest.fixture
def shop(make_till, make_user):
    till = make_till("SKH-1", "SKH")
    cashier = make_user(Role.participant, username="kassa", display_name="Kassa Karin")
    return Shop(location=till.location, till=till, cashier=cashier)


@pytest.fixture
def add_item(shop):
    """``add_item("A", category=..., first_price_ore=..., priced_at=...)``: an item with a ``priced`` event."""

    def make(name: str, *, category: str = "women-dresses", status: ItemStatus = ItemStatus.for_sale,
             first_price_ore: int | None = None, price_ore: int | None = None, priced_at: datetime | None = None,
             event_price_ore: int | None = None, weight_grams: int | None = None, lot=None,
             by_user=None, **fields) -> Item:
        priced = priced_at is not None
        item = Item(code=issue_codes(db.session, 1)[0], status=status, category=get_category(db.session, category),
                    location_id=shop.location.id, grade=fields.pop("grade", Grade.shop),
                    first_price_ore=first_price_ore if priced else None,
                    price_ore=(price_ore or first_price_ore or event_price_ore) if priced else None,
                    value_ore=first_price_ore, priced_at=priced_at, weight_grams=weight_grams,
                    lot_id=lot.id if lot else None, **fields)
        db.session.add(item)
        db.session.flush()
        created = (priced_at or utc(2026, 1, 2)).replace(hour=8)
        db.session.add(ItemEvent(item=item, event="received", from_status=None, to_status=ItemStatus.received,
                                 at=min(created, priced_at or created), by_user_id=by_user.id if by_user else None,
                                 location_id=shop.location.id))
        if priced:
            price = event_price_ore or first_price_ore
            db.session.add(ItemEvent(item=item, event="priced", from_status=ItemStatus.valued,
                                     to_status=ItemStatus.for_sale, at=priced_at,
                                     by_user_id=by_user.id if by_user else None,
                                     location_id=shop.location.id, details={"price_ore": price}))
        db.session.flush()
        shop.items[name] = item
        return item

    return make


@pytest.fixture
def sell(shop):
    """``sell(item, day=date(...), amount_ore=...)``: one receipt with one line (or a manual line)."""
    days: dict = {}

    def till_day(day: date) -> TillDay:
        if day not in days:
            days[day] = TillDay(till_id=shop.till.id, status=DayStatus.closed, business_date=day, float_ore=0,
                                opened_at=noon(day))
            db.session.add(days[day])
            db.session.flush()
        return days[day]

    counter = iter(range(1, 100_000))

    def make(item: Item | None, *, day: date, amount_ore: int, asking_ore: int | None = None,
             price_ore: int | None = None, training: bool = False, category: str = "women-dresses",
             is_return: bool = False, original=None, cashier=None) -> SaleLine:
        price = price_ore if price_ore is not None else amount_ore
        sale = Sale(till_id=shop.till.id, till_day_id=till_day(day).id, receipt_number=next(counter),
                    training=training, is_return=is_return, original_sale_id=original.sale_id if original else None,
                    cashier_id=(cashier or shop.cashier).id, created_at=noon(day), sales_day=day,
                    total_ore=amount_ore)
        line = SaleLine(position=1, item_id=item.id if item else None,
                        description=item.description or item.code if item else "Manual",
                        category_id=item.category_id if item else get_category(db.session, category).id,
                        asking_ore=asking_ore if asking_ore is not None else abs(price), price_ore=price,
                        discount_ore=abs(price) - abs(amount_ore), amount_ore=amount_ore, is_return=is_return,
                        training=training, original_line_id=original.id if original else None)
        sale.lines = [line]
        db.session.add(sale)
        db.session.flush()
        if item is not None and not training and not is_return:
            item.status = ItemStatus.sold
            db.session.add(ItemEvent(item=item, event="sold", from_status=ItemStatus.for_sale,
                                     to_status=ItemStatus.sold, at=noon(day), by_user_id=(cashier or shop.cashier).id,
                                     location_id=shop.location.id))
        db.session.flush()
        return line

    def give_back(line: SaleLine, *, day: date) -> SaleLine:
        line.returned = True
        item = db.session.get(Item, line.item_id)
        item.status = ItemStatus.for_sale
        back = make(item, day=day, amount_ore=-line.amount_ore, asking_ore=line.asking_ore,
                    price_ore=line.price_ore, is_return=True, original=line)
        db.session.add(ItemEvent(item=item, event="returned", from_status=ItemStatus.sold,
                                 to_status=ItemStatus.for_sale, at=noon(day), location_id=shop.location.id))
        db.session.flush()
        return back

    make.give_back = give_back
    return make


@pytest.fixture
def add_lot(shop, make_user):
    def make(name: str, *, title: str, tags=(), makers=(), students=()) -> ProductionLot:
        lot = ProductionLot(title=title, location_id=shop.location.id)
        lot.tags = [LotTag(tag=tag) for tag in tags]
        db.session.add(lot)
        db.session.flush()
        for person in (*makers, *students):
            role = LotRole.student if person.role == Role.student else LotRole.participant
            db.session.add(LotMember(lot_id=lot.id, user_id=person.id, role=role))
        db.session.flush()
        shop.lots[name] = lot
        return lot

    return make


def credit(item: Item, *people) -> None:
    for person in people:
        db.session.add(ProductMaker(item_id=item.id, user_id=person.id))
    db.session.flush()


PERIOD = (date(2026, 3, 2), date(2026, 3, 15))


@pytest.fixture
def fixed_shop(shop, add_item, sell, add_lot, make_user):
    """The small fixed shop the hand-computed expectations in test_figures.py are made for.

    Dresses (women-dresses): A, B, C sold in the period; D on the shelf; E sold before the period;
    F priced after it; G sold and returned in it. Shirts (men-shirts): H sold (25 % markdown), I on
    the shelf (and rung up on a training receipt), J a lot's product sold. Plus a manual line.
    """
    s = sell
    amina = make_user(Role.participant, username="amina", display_name="Amina")
    lot = add_lot("indigo", title="Indigo", tags=["indigo", "patchwork"], makers=[amina])
    a = add_item("A", first_price_ore=20000, priced_at=utc(2026, 2, 20, 10), weight_grams=500, colour="röd")
    # Priced 23:30 UTC on 1 March = 00:30 on 2 March in Stockholm: 8 days to sell, not 9.
    b = add_item("B", first_price_ore=10000, price_ore=8000, priced_at=utc(2026, 3, 6, 9))
    b.events[-1].at = utc(2026, 3, 1, 23, 30)
    # No first_price_ore: the first price comes from the `priced` event (15000), not today's 14000.
    c = add_item("C", event_price_ore=15000, price_ore=14000, priced_at=utc(2026, 3, 3, 9), weight_grams=350)
    c.first_price_ore = None
    add_item("D", first_price_ore=30000, priced_at=utc(2026, 1, 10))
    e = add_item("E", first_price_ore=5000, priced_at=utc(2026, 1, 5))
    add_item("F", first_price_ore=9000, priced_at=utc(2026, 3, 20))
    g = add_item("G", first_price_ore=12000, priced_at=utc(2026, 2, 1))
    h = add_item("H", category="men-shirts", first_price_ore=10000, priced_at=utc(2026, 3, 2, 12))
    i = add_item("I", category="men-shirts", first_price_ore=6000, priced_at=utc(2026, 2, 10))
    j = add_item("J", category="men-shirts", first_price_ore=4000, priced_at=utc(2026, 3, 9, 8), lot=lot,
                 weight_grams=250)
    credit(j, amina)
    shop.lines["A"] = s(a, day=date(2026, 3, 5), amount_ore=20000)
    shop.lines["B"] = s(b, day=date(2026, 3, 10), amount_ore=8000)
    shop.lines["C"] = s(c, day=date(2026, 3, 4), amount_ore=13500, price_ore=14000)
    s(e, day=date(2026, 2, 25), amount_ore=5000)
    shop.lines["G"] = s(g, day=date(2026, 3, 8), amount_ore=12000)
    s.give_back(shop.lines["G"], day=date(2026, 3, 9))
    shop.lines["H"] = s(h, day=date(2026, 3, 12), amount_ore=7500, asking_ore=10000, price_ore=7500)
    s(i, day=date(2026, 3, 11), amount_ore=6000, training=True)
    shop.lines["J"] = s(j, day=date(2026, 3, 15), amount_ore=4000)
    s(None, day=date(2026, 3, 5), amount_ore=2500)
    db.session.commit()
    return shop


@pytest.fixture
def fixed_impact(fixed_shop, add_item):
    """Kilos for the impact figures, on top of the fixed shop (see test_figures.py)."""
    shop = fixed_shop
    loc = shop.location.id
    db.session.add_all([
        Donation(source=DonationSource.drop_off, location_id=loc, received_at=utc(2026, 3, 3), weight_grams=10000),
        Donation(source=DonationSource.collection, location_id=loc, received_at=utc(2026, 3, 20), weight_grams=5000),
        Donation(source=DonationSource.drop_off, location_id=loc, received_at=utc(2026, 3, 4), weight_grams=None),
        BulkWeighOut(location_id=loc, grade=WeighOutGrade.recycle, grams=2000, at=utc(2026, 3, 4)),
        BulkWeighOut(location_id=loc, grade=WeighOutGrade.discard, grams=500, at=utc(2026, 3, 5)),
        BulkWeighOut(location_id=loc, grade=WeighOutGrade.recycle, grams=1000, at=utc(2026, 2, 1)),
    ])
    recycled = add_item("R", status=ItemStatus.recycled, grade=Grade.recycle, weight_grams=300)
    discarded = add_item("X", category="men-shirts", status=ItemStatus.discarded, grade=Grade.discard)
    material = add_item("M", status=ItemStatus.consumed, grade=Grade.redesign, weight_grams=700)
    for item, event, to, at in ((recycled, "sorted", ItemStatus.recycled, utc(2026, 3, 6)),
                                (discarded, "sorted", ItemStatus.discarded, utc(2026, 3, 7)),
                                (material, "consumed", ItemStatus.consumed, utc(2026, 3, 8))):
        db.session.add(ItemEvent(item=item, event=event, from_status=ItemStatus.received, to_status=to, at=at,
                                 location_id=loc))
    lot = shop.lots["indigo"]
    db.session.add(LotMaterial(lot_id=lot.id, item_id=material.id, at=utc(2026, 3, 8)))
    db.session.add(BulkMaterial(lot_id=lot.id, fibre="cotton", weight_grams=1200, at=utc(2026, 3, 9)))
    db.session.commit()
    return shop
