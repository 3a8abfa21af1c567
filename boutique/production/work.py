"""The work in a lot: consuming materials, making products, logging hours, writing instructions."""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.catalog.services import get_category
from boutique.core import clock
from boutique.core.digits import ascii_digits
from boutique.core.errors import Conflict, InvalidInput, NotFound
from boutique.core.limits import is_whole, may_be_row_id
from boutique.core.money import MAX_ORE
from boutique.core.units import MAX_GRAMS
from boutique.items.codes import parse_item_code
from boutique.items.labels import STATUS_PHRASES
from boutique.items.models import Grade, Item, ItemStatus
from boutique.items.services import issue_codes
from boutique.items.status import change_status, record_creation
from boutique.photos.services import delete_photos_of
from boutique.production.models import (
    BulkMaterial,
    InstructionStep,
    LotHours,
    LotMaterial,
    LotMember,
    LotRole,
    ProductionLot,
    ProductMaker,
    ProductMaterial,
)
from boutique.production.services import check_lot_open, membership

MAX_CODES = 200
MAX_PRODUCTS = 100
_HOURS = re.compile(r"^(?P<h>[0-9]{1,2})(?:(?:[.,](?P<frac>[0-9]{1,2}))|(?::(?P<min>[0-5][0-9])))?$")


def consume_materials(session: Session, *, lot: ProductionLot, codes: list[str], by_user: User) -> list[Item]:
    """Turn scanned ``material`` items into ``consumed`` by this lot: all of them, or none.

    The rows are locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's BEGIN IMMEDIATE serialises
    writers) and re-read, so of two lots racing for a garment one wins and the other gets a 409.
    ``lot_materials.item_id`` is unique as a last guard."""
    check_lot_open(lot)
    wanted = list(dict.fromkeys(parse_item_code(code) for code in codes))  # a double scan counts once
    if not wanted:
        raise InvalidInput(_l("Scan at least one item."), code="no_codes")
    if len(wanted) > MAX_CODES:
        raise InvalidInput(_l("At most %(n)d items at a time.", n=MAX_CODES), code="too_many_codes")
    items = list(session.scalars(
        select(Item).where(Item.code.in_(wanted)).order_by(Item.id).with_for_update()
        .execution_options(populate_existing=True)))
    found = {item.code: item for item in items}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise NotFound(_l("No item has the code %(code)s.", code=", ".join(missing)), code="item_not_found",
                       details={"codes": missing})
    unavailable = [found[code] for code in wanted if found[code].status != ItemStatus.material]
    if unavailable:
        raise Conflict(
            _l("Nothing was used: %(items)s. Only items sorted as redesign material can be used.",
               items="; ".join(f"{item.code} ({STATUS_PHRASES[item.status]})" for item in unavailable)),
            code="material_unavailable", details={"codes": [item.code for item in unavailable]})
    details = {"lot_id": lot.id, "lot_title": lot.title}
    for code in wanted:
        item = found[code]
        change_status(session, item, event="consumed", to=ItemStatus.consumed, by_user_id=by_user.id,
                      details=details, location_id=lot.location_id)
        session.add(LotMaterial(lot_id=lot.id, item_id=item.id, by_user_id=by_user.id))
    session.flush()
    return [found[code] for code in wanted]


def add_bulk_material(session: Session, *, lot: ProductionLot, fibre: str, weight_grams: int, by_user: User,
                      description: str | None = None) -> BulkMaterial:
    """Material used by weight (yarn, offcuts): fibre and grams."""
    check_lot_open(lot)
    fibre = " ".join((fibre or "").split())
    if not fibre or len(fibre) > 80:
        raise InvalidInput(_l("Say which fibre, e.g. cotton or wool."), code="invalid_fibre")
    if not is_whole(weight_grams, low=1, high=MAX_GRAMS):
        raise InvalidInput(_l("The weight is a whole number of grams, more than zero."), code="invalid_weight")
    row = BulkMaterial(lot_id=lot.id, fibre=fibre, weight_grams=weight_grams, by_user_id=by_user.id,
                       description=(description or "").strip()[:300] or None, at=clock.now())
    session.add(row)
    session.flush()
    return row


@dataclass
class NewProduct:
    """What is known about a product when it is made; valuation and pricing come later."""

    category: str
    description: str | None = None
    makers: list[str] | None = None  # usernames of lot members; None: the lot's participants and students
    materials: list[str] = field(default_factory=list)  # codes of materials this lot consumed
    markdown_exempt: bool = False
    floor_price_ore: int | None = None


def create_products(session: Session, *, lot: ProductionLot, products: list[NewProduct],
                    by_user: User) -> list[Item]:
    """The lot's outputs as new items: ``sorted``, grade ``shop``, ``lot_id`` set, with makers and materials."""
    check_lot_open(lot)
    if not products:
        raise InvalidInput(_l("Add at least one product."), code="no_products")
    if len(products) > MAX_PRODUCTS:
        raise InvalidInput(_l("At most %(n)d products at a time.", n=MAX_PRODUCTS), code="too_many_products")
    members = {m.user.username: m for m in session.scalars(select(LotMember).where(LotMember.lot_id == lot.id))}
    consumed = dict(session.execute(
        select(Item.code, Item.id).join(LotMaterial, LotMaterial.item_id == Item.id)
        .where(LotMaterial.lot_id == lot.id)).all())
    plans = [_plan_product(session, spec, members, consumed) for spec in products]
    codes = issue_codes(session, len(plans))
    items = []
    for code, (spec, category, maker_ids, material_ids) in zip(codes, plans, strict=True):
        item = Item(code=code, status=ItemStatus.sorted, grade=Grade.shop, category=category,
                    description=spec.description, lot_id=lot.id, location_id=lot.location_id,
                    markdown_exempt=spec.markdown_exempt, floor_price_ore=spec.floor_price_ore)
        session.add(item)
        session.flush()
        session.add_all(ProductMaker(item_id=item.id, user_id=uid) for uid in maker_ids)
        session.add_all(ProductMaterial(product_id=item.id, material_id=mid) for mid in material_ids)
        items.append(item)
    record_creation(session, items, event="sorted", by_user_id=by_user.id,
                    details={"lot_id": lot.id, "lot_title": lot.title})
    return items


def _plan_product(session: Session, spec: NewProduct, members: dict, consumed: dict):
    category = get_category(session, spec.category)
    description = (spec.description or "").strip() or None
    if description and len(description) > 300:
        raise InvalidInput(_l("A description is at most 300 characters."), code="text_too_long")
    spec.description = description
    _check_floor(spec.floor_price_ore)
    if spec.makers is None:
        maker_ids = [m.user_id for m in members.values() if m.role in (LotRole.participant, LotRole.student)]
    else:
        unknown = [name for name in spec.makers if name.strip().casefold() not in members]
        if unknown:
            raise InvalidInput(_l("Makers must be in the lot's team: %(names)s", names=", ".join(unknown)),
                               code="maker_not_member")
        maker_ids = list(dict.fromkeys(members[name.strip().casefold()].user_id for name in spec.makers))
    material_codes = list(dict.fromkeys(parse_item_code(c) for c in spec.materials))
    foreign = [code for code in material_codes if code not in consumed]
    if foreign:
        raise InvalidInput(_l("These were not used as material in this lot: %(codes)s", codes=", ".join(foreign)),
                           code="material_not_in_lot")
    return spec, category, maker_ids, [consumed[code] for code in material_codes]


def _check_floor(floor_price_ore: int | None) -> None:
    if floor_price_ore is not None and not is_whole(floor_price_ore, low=1, high=MAX_ORE):
        raise InvalidInput(_l("A floor price is more than 0 kr."), code="invalid_floor_price")


def set_product_rules(session: Session, *, lot: ProductionLot, product: Item, markdown_exempt: bool,
                      floor_price_ore: int | None) -> Item:
    """Keep a redesigned product out of the markdown ladder, or give it a floor price."""
    if product.lot_id != lot.id:
        raise NotFound(_l("That item is not a product of this lot."), code="product_not_found")
    _check_floor(floor_price_ore)
    product.markdown_exempt = bool(markdown_exempt)
    product.floor_price_ore = floor_price_ore
    session.flush()
    return product


def get_product(session: Session, *, lot: ProductionLot, code: str) -> Item:
    item = session.scalar(select(Item).where(Item.code == parse_item_code(code)))
    if item is None or item.lot_id != lot.id:
        raise NotFound(_l("That item is not a product of this lot."), code="product_not_found")
    return item


def parse_hours(text: str) -> int:
    """Hours as people type them, ``2,5`` / ``2.5`` / ``2:30`` / ``3``, to whole minutes (0–24 h)."""
    match = _HOURS.match(ascii_digits(text or "").strip())
    if not match:
        raise InvalidInput(_l("Write hours like 2,5 or 2:30."), code="invalid_hours")
    minutes = int(match["h"]) * 60
    if match["frac"]:
        minutes += int((Decimal("0." + match["frac"]) * 60).to_integral_value(ROUND_HALF_UP))
    elif match["min"]:
        minutes += int(match["min"])
    if minutes > 24 * 60:
        raise InvalidInput(_l("A day has at most 24 hours."), code="invalid_hours")
    return minutes


def log_hours(session: Session, *, lot: ProductionLot, person: User, day: date, minutes: int,
              by_user: User) -> LotHours | None:
    """Set a member's hours on a lot for a day (a new entry replaces that day's; 0 removes it).
    Entering for someone else needs a supervisor (checked by the caller through ``check_lot_access``)."""
    if not is_whole(minutes, high=24 * 60):
        raise InvalidInput(_l("A day has at most 24 hours."), code="invalid_hours")
    if membership(session, person, lot) is None:
        raise InvalidInput(_l("%(name)s is not in this lot's team.", name=person.display_name),
                           code="not_a_member")
    row = session.scalar(select(LotHours).where(LotHours.lot_id == lot.id, LotHours.user_id == person.id,
                                                LotHours.day == day))
    if minutes == 0:
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    if row is None:
        row = LotHours(lot_id=lot.id, user_id=person.id, day=day)
        session.add(row)
    row.minutes, row.entered_by_id = minutes, by_user.id
    session.flush()
    return row


def add_step(session: Session, *, lot: ProductionLot, text: str, by_user: User) -> InstructionStep:
    text = (text or "").strip()
    if not text or len(text) > 4000:
        raise InvalidInput(_l("A step is 1–4000 characters."), code="invalid_step")
    last = session.scalar(select(func.max(InstructionStep.position)).where(InstructionStep.lot_id == lot.id))
    step = InstructionStep(lot_id=lot.id, position=(last or 0) + 1, text=text, by_user_id=by_user.id)
    session.add(step)
    session.flush()
    return step


def get_step(session: Session, *, lot: ProductionLot, step_id: int) -> InstructionStep:
    step = session.get(InstructionStep, step_id) if may_be_row_id(step_id) else None
    if step is None or step.lot_id != lot.id:
        raise NotFound(_l("No such step in this lot."), code="step_not_found")
    return step


def update_step(session: Session, *, step: InstructionStep, text: str) -> InstructionStep:
    text = (text or "").strip()
    if not text or len(text) > 4000:
        raise InvalidInput(_l("A step is 1–4000 characters."), code="invalid_step")
    step.text = text
    session.flush()
    return step


def move_step(session: Session, *, step: InstructionStep, up: bool) -> None:
    """Swap a step with its neighbour."""
    steps = list(session.scalars(select(InstructionStep).where(InstructionStep.lot_id == step.lot_id)
                                 .order_by(InstructionStep.position, InstructionStep.id)))
    index = steps.index(step)
    other = index - 1 if up else index + 1
    if 0 <= other < len(steps):
        steps[index], steps[other] = steps[other], steps[index]
    for position, each in enumerate(steps, start=1):
        each.position = position
    session.flush()


def delete_step(session: Session, *, step: InstructionStep) -> None:
    delete_photos_of(session, step=step)
    session.delete(step)
    session.flush()
