"""Read side of production: lot lists, the lot's whole story, and a product's provenance."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from boutique.auth.models import User
from boutique.core import clock
from boutique.core.roles import Role
from boutique.items.models import Item, ItemEvent
from boutique.production.models import (
    BulkMaterial,
    InstructionStep,
    LotHours,
    LotMaterial,
    LotMember,
    LotStatus,
    LotTag,
    ProductionLot,
    ProductMaker,
    ProductMaterial,
)


@dataclass(frozen=True)
class Provenance:
    """Where a redesigned product came from: for the item page, the label and the lot page."""

    lot_id: int
    lot_title: str
    makers: list[str]  # display names only
    materials: list[str]  # item codes of the garments it was made from
    lot_minutes: int = 0

    @property
    def makers_text(self) -> str:
        return ", ".join(self.makers)

    @property
    def label_text(self) -> str:
        """``Redesign: Tilet borders · Amira, Elsa Berg`` (the label prefix stays Swedish/English-neutral)."""
        return f"Redesign: {self.lot_title}" + (f" · {self.makers_text}" if self.makers else "")


def provenance_for(session: Session, item: Item) -> Provenance | None:
    """The lot, makers and materials of a lot's product; ``None`` for anything else."""
    if item.lot_id is None:
        return None
    return provenances_for(session, [item]).get(item.id)


def provenances_for(session: Session, items: list[Item]) -> dict[int, Provenance]:
    """Provenance of many products in four queries (lot pages, label sheets)."""
    products = [item for item in items if item.lot_id is not None]
    if not products:
        return {}
    ids = [item.id for item in products]
    lots = {lot.id: lot for lot in session.scalars(
        select(ProductionLot).where(ProductionLot.id.in_({item.lot_id for item in products})))}
    makers: dict[int, list[str]] = {}
    for item_id, name in session.execute(
            select(ProductMaker.item_id, User.display_name).join(User, User.id == ProductMaker.user_id)
            .where(ProductMaker.item_id.in_(ids)).order_by(User.display_name)):
        makers.setdefault(item_id, []).append(name)
    materials: dict[int, list[str]] = {}
    for product_id, code in session.execute(
            select(ProductMaterial.product_id, Item.code).join(Item, Item.id == ProductMaterial.material_id)
            .where(ProductMaterial.product_id.in_(ids)).order_by(Item.code)):
        materials.setdefault(product_id, []).append(code)
    minutes = dict(session.execute(
        select(LotHours.lot_id, func.sum(LotHours.minutes)).where(LotHours.lot_id.in_(lots))
        .group_by(LotHours.lot_id)).all())
    return {
        item.id: Provenance(lot_id=item.lot_id, lot_title=lots[item.lot_id].title,
                            makers=makers.get(item.id, []), materials=materials.get(item.id, []),
                            lot_minutes=int(minutes.get(item.lot_id) or 0))
        for item in products
    }


def lot_that_consumed(session: Session, item: Item) -> ProductionLot | None:
    """For a consumed material: the lot that used it."""
    return session.scalar(select(ProductionLot).join(LotMaterial, LotMaterial.lot_id == ProductionLot.id)
                          .where(LotMaterial.item_id == item.id))


@dataclass
class LotSummary:
    lot: ProductionLot
    members: int
    products: int
    materials: int


def lots_for(session: Session, user: User, *, status: LotStatus | None = None,
             tag: str | None = None) -> list[LotSummary]:
    """The lots a person may see (managers: all; others: their own), newest first, with counts."""
    query = (select(ProductionLot).options(selectinload(ProductionLot.tags), selectinload(ProductionLot.location))
             .order_by(ProductionLot.created_at.desc(), ProductionLot.id.desc()))
    if user.role not in (Role.supervisor, Role.admin):
        query = query.where(ProductionLot.id.in_(select(LotMember.lot_id).where(LotMember.user_id == user.id)))
    if status is not None:
        query = query.where(ProductionLot.status == status)
    if tag:
        query = query.where(ProductionLot.id.in_(select(LotTag.lot_id).where(LotTag.tag == tag.casefold())))
    lots = list(session.scalars(query))
    ids = [lot.id for lot in lots]

    def counts(column, where_column) -> dict[int, int]:
        if not ids:
            return {}
        return dict(session.execute(select(where_column, func.count(column)).where(where_column.in_(ids))
                                    .group_by(where_column)).all())

    members = counts(LotMember.id, LotMember.lot_id)
    products = counts(Item.id, Item.lot_id)
    materials = counts(LotMaterial.id, LotMaterial.lot_id)
    return [LotSummary(lot, members.get(lot.id, 0), products.get(lot.id, 0), materials.get(lot.id, 0))
            for lot in lots]


@dataclass
class PersonHours:
    user_id: int
    display_name: str
    minutes: int


@dataclass
class LotStory:
    lot: ProductionLot
    members: list[LotMember]
    materials: list[Item]
    bulk: list[BulkMaterial]
    products: list[Item]
    provenance: dict[int, Provenance]
    hours_by_person: list[PersonHours]
    recent_hours: list[LotHours]
    steps: list[InstructionStep]
    total_minutes: int = 0
    bulk_grams: int = 0
    material_grams: int = 0
    extra: dict = field(default_factory=dict)


def lot_story(session: Session, lot: ProductionLot) -> LotStory:
    """Everything the lot page shows: team, materials, products, hours and instructions."""
    members = list(session.scalars(select(LotMember).options(selectinload(LotMember.user))
                                   .where(LotMember.lot_id == lot.id).order_by(LotMember.role, LotMember.id)))
    materials = list(session.scalars(
        select(Item).join(LotMaterial, LotMaterial.item_id == Item.id).options(selectinload(Item.category))
        .where(LotMaterial.lot_id == lot.id).order_by(LotMaterial.id)))
    bulk = list(session.scalars(select(BulkMaterial).where(BulkMaterial.lot_id == lot.id).order_by(BulkMaterial.id)))
    products = list(session.scalars(select(Item).options(selectinload(Item.category))
                                    .where(Item.lot_id == lot.id).order_by(Item.id)))
    per_person = session.execute(
        select(User.id, User.display_name, func.sum(LotHours.minutes)).join(User, User.id == LotHours.user_id)
        .where(LotHours.lot_id == lot.id).group_by(User.id, User.display_name).order_by(User.display_name)).all()
    recent = list(session.scalars(select(LotHours).options(selectinload(LotHours.user))
                                  .where(LotHours.lot_id == lot.id)
                                  .order_by(LotHours.day.desc(), LotHours.id.desc()).limit(20)))
    steps = list(session.scalars(select(InstructionStep).where(InstructionStep.lot_id == lot.id)
                                 .order_by(InstructionStep.position, InstructionStep.id)))
    hours = [PersonHours(uid, name, int(minutes)) for uid, name, minutes in per_person]
    return LotStory(
        lot=lot, members=members, materials=materials, bulk=bulk, products=products,
        provenance=provenances_for(session, products), hours_by_person=hours, recent_hours=recent, steps=steps,
        total_minutes=sum(p.minutes for p in hours), bulk_grams=sum(b.weight_grams for b in bulk),
        material_grams=sum(m.weight_grams or 0 for m in materials))


def history_of(session: Session, items: list[Item]) -> dict[int, list[ItemEvent]]:
    """Each item's history rows, oldest first, with who did them."""
    found: dict[int, list[ItemEvent]] = {item.id: [] for item in items}
    if items:
        for row in session.scalars(select(ItemEvent).options(selectinload(ItemEvent.by_user))
                                   .where(ItemEvent.item_id.in_(found)).order_by(ItemEvent.id)):
            found[row.item_id].append(row)
    return found


def hours_text(minutes: int) -> str:
    """``150`` → ``2,5`` (decimal comma, like people type it)."""
    whole, rest = divmod(int(minutes), 60)
    if not rest:
        return str(whole)
    return f"{minutes / 60:.2f}".rstrip("0").replace(".", ",")


def hours_count(minutes: int) -> int:
    """What an hours text counts as for plural forms: one hour exactly is singular, 0,5 and 2,5 are plural."""
    return 1 if int(minutes) == 60 else 2


def today_stockholm() -> date:
    return clock.sales_day(clock.now())
