"""Reports about people's work: a lot's or a student's products and how they sold, and a participant's
record of work per week. Makers appear by display name only."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session, aliased

from boutique.auth.models import User
from boutique.catalog.models import Category
from boutique.core import clock
from boutique.core.periods import Period
from boutique.items.models import Item, ItemEvent, ItemStatus
from boutique.production.models import LotHours, LotMember, ProductionLot, ProductMaker
from boutique.reports.queries.selling import Scope, active_sale_line, first_asking_ore, first_priced_at
from boutique.reports.queries.sql import local_date, week_start
from boutique.sales.models import Sale, SaleLine


@dataclass
class Product:
    code: str
    description: str | None
    category: str
    category_code: str
    status: str
    lot_title: str | None
    first_asking_ore: int | None
    price_ore: int | None
    sold_ore: int | None
    sold_on: date | None
    first_priced: date | None
    makers: str = ""

    @property
    def days_to_sell(self) -> int | None:
        if self.sold_on is None or self.first_priced is None:
            return None
        return (self.sold_on - self.first_priced).days

    def age_days(self, today: date) -> int | None:
        """Days on offer so far, for a product not sold yet."""
        if self.sold_on is not None or self.first_priced is None:
            return None
        return max(0, (today - self.first_priced).days)


def products(session: Session, *, lot_id: int | None = None, maker_id: int | None = None,
             language: str = "sv") -> list[Product]:
    """A lot's products, or the products a person is credited for, with how each one sold."""
    item = aliased(Item)
    line = aliased(SaleLine)
    query = (select(item.id, item.code, item.description, item.status, item.price_ore,
                    Category.code.label("category_code"),
                    (Category.name_en if language == "en" else Category.name).label("category"),
                    ProductionLot.title.label("lot_title"), first_asking_ore(item).label("first_asking"),
                    first_priced_at(item).label("first_at"), line.amount_ore.label("sold_ore"),
                    Sale.sales_day.label("sold_on"))
             .join(Category, Category.id == item.category_id)
             .outerjoin(ProductionLot, ProductionLot.id == item.lot_id)
             .outerjoin(line, and_(line.item_id == item.id, active_sale_line(line)))
             .outerjoin(Sale, Sale.id == line.sale_id)
             .order_by(item.id))
    query = query.where(*Scope(lot_id=lot_id, maker_id=maker_id).conditions(item))
    if lot_id is None and maker_id is None:
        return []
    rows = session.execute(query).all()
    makers: dict[int, list[str]] = {}
    if rows:
        for item_id, name in session.execute(
                select(ProductMaker.item_id, User.display_name).join(User, User.id == ProductMaker.user_id)
                .where(ProductMaker.item_id.in_([row.id for row in rows])).order_by(User.display_name)):
            makers.setdefault(item_id, []).append(name)
    return [Product(code=row.code, description=row.description, category=row.category,
                    category_code=row.category_code, status=ItemStatus(row.status).value, lot_title=row.lot_title,
                    first_asking_ore=row.first_asking, price_ore=row.price_ore, sold_ore=row.sold_ore,
                    sold_on=row.sold_on, first_priced=clock.sales_day(row.first_at) if row.first_at else None,
                    makers=", ".join(makers.get(row.id, []))) for row in rows]


def lots_of(session: Session, user: User) -> list[ProductionLot]:
    return list(session.scalars(select(ProductionLot).join(LotMember, LotMember.lot_id == ProductionLot.id)
                                .where(LotMember.user_id == user.id).order_by(ProductionLot.created_at.desc())))


# The work a record counts, from items' histories (who did each step).
WORK_EVENTS = {
    "unpacked": ("received",),
    "washed": ("washed", "wash_skipped"),
    "sorted": ("sorted", "repaired"),
    "valued": ("valued",),
    "priced": ("priced", "repriced"),
    "used_in_lots": ("consumed",),
}
RECORD_COLUMNS = (*WORK_EVENTS, "sold_items", "receipts", "lots", "minutes")


def work_per_week(session: Session, *, person: User, period: Period) -> list[dict]:
    """A person's work per week (Monday): pipeline steps, items sold at the till, lots and hours."""
    weeks: dict[date, dict] = {}

    def entry(week: date) -> dict:
        return weeks.setdefault(week, {"week": week, **dict.fromkeys(RECORD_COLUMNS, 0)})

    event_of = {event: name for name, events in WORK_EVENTS.items() for event in events}
    week = week_start(local_date(ItemEvent.at)).label("week")
    for row in session.execute(
            select(week, ItemEvent.event, func.count().label("n"))
            .where(ItemEvent.by_user_id == person.id, ItemEvent.event.in_(list(event_of)),
                   ItemEvent.at >= period.start_utc, ItemEvent.at < period.end_utc)
            .group_by(week, ItemEvent.event)):
        entry(row.week)[event_of[row.event]] += row.n
    sale_week = week_start(Sale.sales_day).label("week")
    for row in session.execute(
            select(sale_week, func.count(SaleLine.item_id).label("items"),
                   func.count(distinct(Sale.id)).label("receipts"))
            .join(SaleLine, SaleLine.sale_id == Sale.id)
            .where(Sale.cashier_id == person.id, Sale.training.is_(False), Sale.is_return.is_(False),
                   Sale.sales_day.between(period.first, period.last))
            .group_by(sale_week)):
        entry(row.week).update(sold_items=row.items, receipts=row.receipts)
    hours_week = week_start(LotHours.day).label("week")
    for row in session.execute(
            select(hours_week, func.sum(LotHours.minutes).label("minutes"),
                   func.count(distinct(LotHours.lot_id)).label("lots"))
            .where(LotHours.user_id == person.id, LotHours.day.between(period.first, period.last))
            .group_by(hours_week)):
        entry(row.week).update(minutes=int(row.minutes or 0), lots=row.lots)
    return [weeks[key] for key in sorted(weeks)]


def products_made(session: Session, *, person: User) -> int:
    return session.scalar(select(func.count()).select_from(ProductMaker).where(ProductMaker.user_id == person.id)) or 0
