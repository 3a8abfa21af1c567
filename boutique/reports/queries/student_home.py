"""A student's home page: their lots with what each made and sold, what sold this week, the latest sales with
how they went, and the next thing to do. Makers and team members appear by display name only."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.items.models import Item, ItemStatus
from boutique.production.models import LotMember, LotStatus, ProductionLot
from boutique.reports.queries.participants import Product, products
from boutique.reports.queries.selling import active_sale_line
from boutique.sales.models import SaleLine

WEEK_DAYS = 7


@dataclass
class LotLine:
    lot: ProductionLot
    made: int = 0
    sold: int = 0
    on_shelf: int = 0
    waiting: int = 0  # made, not yet on the shelf (waiting for a value or a price)
    takings_ore: int = 0


@dataclass
class NextStep:
    text: object
    endpoint: str
    args: dict = field(default_factory=dict)


@dataclass
class StudentHome:
    lots: list[LotLine]
    sold_this_week: list[Product]
    latest: list[Product]  # the latest sales of their products, with days to sell and price
    next_steps: list[NextStep]

    @property
    def takings_ore(self) -> int:
        return sum(line.takings_ore for line in self.lots)


def lot_lines(session: Session, user: User) -> list[LotLine]:
    """The lots the person is in, newest first, each with its products counted in one grouped query."""
    lots = list(session.scalars(select(ProductionLot).join(LotMember, LotMember.lot_id == ProductionLot.id)
                                .where(LotMember.user_id == user.id).order_by(ProductionLot.created_at.desc())))
    if not lots:
        return []
    waiting = Item.status.in_([ItemStatus.sorted, ItemStatus.valued])
    rows = session.execute(
        select(Item.lot_id, func.count(Item.id), func.sum(case((Item.status == ItemStatus.sold, 1), else_=0)),
               func.sum(case((Item.status == ItemStatus.for_sale, 1), else_=0)), func.sum(case((waiting, 1), else_=0)),
               func.coalesce(func.sum(SaleLine.amount_ore), 0))
        .outerjoin(SaleLine, and_(SaleLine.item_id == Item.id, active_sale_line()))
        .where(Item.lot_id.in_([lot.id for lot in lots])).group_by(Item.lot_id))
    counts = {row[0]: row[1:] for row in rows}
    found = []
    for lot in lots:
        made, sold, shelf, wait, takings = counts.get(lot.id, (0, 0, 0, 0, 0))
        found.append(LotLine(lot, int(made), int(sold or 0), int(shelf or 0), int(wait or 0), int(takings or 0)))
    return found


def next_steps(lines: list[LotLine], *, today: date) -> list[NextStep]:
    """What to do next, lot by lot; when nothing waits, a look at what sells."""
    steps = []
    for line in lines:
        lot, title = line.lot, line.lot.title
        if lot.status == LotStatus.planned:
            text = (_l("“%(lot)s” starts on %(day)s: plan the material with your team.", lot=title,
                       day=lot.starts_on.isoformat()) if lot.starts_on and lot.starts_on >= today
                    else _l("“%(lot)s” is planned: agree with your supervisor when it starts.", lot=title))
            steps.append(NextStep(text, "production.show", {"lot_id": lot.id}))
        elif lot.status == LotStatus.in_production and not line.made:
            steps.append(NextStep(_l("Register the products of “%(lot)s” as they are made.", lot=title),
                                  "production.show", {"lot_id": lot.id}))
        elif line.waiting:
            steps.append(NextStep(_l("%(n)s products of “%(lot)s” wait for a value or a price before they go on "
                                     "the shelf: ask your supervisor.", n=line.waiting, lot=title),
                                  "production.show", {"lot_id": lot.id}))
        elif line.sold:
            steps.append(NextStep(_l("See how “%(lot)s” sold against the shop, and what to make more of.", lot=title),
                                  "reports.lot", {"lot_id": lot.id}))
    steps.append(NextStep(_l("See what sells in the shop right now."), "reports.sales"))
    return steps


def student_home(session: Session, user: User, *, today: date, language: str = "sv") -> StudentHome:
    lines = lot_lines(session, user)
    made = [p for line in lines for p in products(session, lot_id=line.lot.id, language=language)]
    sold = sorted((p for p in made if p.sold_on), key=lambda p: p.sold_on, reverse=True)
    week = [p for p in sold if p.sold_on > today - timedelta(days=WEEK_DAYS)]
    return StudentHome(lines, week, sold[:3], next_steps(lines, today=today))
