"""The pipeline's verbs: wash, skip washing, sort, value, price, weigh out in bulk.

Every status change goes through ``items.status.change_status``; batch verbs check every item first,
so a scanned set is handled all or nothing.
"""

from collections.abc import Sequence
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.catalog.models import Category
from boutique.core import clock
from boutique.core.errors import Conflict, InvalidInput
from boutique.core.limits import clean_text, is_whole
from boutique.core.money import MoneyError, check_ore
from boutique.core.units import MAX_GRAMS
from boutique.items.models import Grade, Item, ItemStatus
from boutique.items.status import change_status, invalid_transition, is_allowed
from boutique.pipeline.models import BulkWeighOut, WashLoad, WeighOutGrade

MAX_BATCH = 500
GRADE_TARGETS = {
    Grade.shop: ItemStatus.sorted,
    Grade.repair: ItemStatus.sorted,
    Grade.redesign: ItemStatus.material,
    Grade.recycle: ItemStatus.recycled,
    Grade.discard: ItemStatus.discarded,
}


def _unique(items: Sequence[Item]) -> list[Item]:
    seen: dict[int, Item] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


def _check_batch(items: list[Item], event: str, to: ItemStatus) -> None:
    if not items:
        raise InvalidInput(_l("Scan or choose at least one item."), code="no_items")
    if len(items) > MAX_BATCH:
        raise InvalidInput(_l("At most %(n)s items at a time.", n=MAX_BATCH), code="too_many_items")
    refused = [item for item in items if not is_allowed(event, item.status, to)]
    if refused:
        error = invalid_transition(refused[0], event)
        error.details["codes"] = [item.code for item in refused]
        raise error


def wash_items(session: Session, *, items: Sequence[Item], by_user_id: int | None, location_id: int,
               program: str, temperature_c: int | None = None, washed_at: datetime | None = None,
               note: str | None = None) -> WashLoad:
    """Wash received items as one wash load; all must be waiting for a wash, or none is changed."""
    items = _unique(items)
    _check_batch(items, "washed", ItemStatus.washed)
    program = clean_text(program, limit=80, label=_l("Program")) or str(_l("normal"))
    if temperature_c is not None and not is_whole(temperature_c, high=95):
        raise InvalidInput(_l("The temperature is 0–95 °C."), code="invalid_temperature")
    load = WashLoad(location_id=location_id, program=program, temperature_c=temperature_c,
                    washed_at=washed_at or clock.now(), by_user_id=by_user_id,
                    note=clean_text(note, limit=300, label=_l("Note")), items=items)
    session.add(load)
    session.flush()
    details = {"wash_load_id": load.id, "program": program, "temperature_c": temperature_c}
    for item in items:
        change_status(session, item, event="washed", to=ItemStatus.washed, by_user_id=by_user_id,
                      details=details, location_id=location_id)
    return load


def skip_wash(session: Session, *, item: Item, reason: str, by_user_id: int | None) -> Item:
    """Record that a received item needs no wash (shoes, accessories); it goes on to sorting."""
    reason = clean_text(reason, limit=200, label=_l("Reason"))
    if not reason:
        raise InvalidInput(_l("Say why it needs no wash."), code="reason_required")
    change_status(session, item, event="wash_skipped", to=ItemStatus.received, by_user_id=by_user_id,
                  details={"reason": reason})
    return item


def sort_item(session: Session, *, item: Item, category: Category, grade: Grade | str, by_user_id: int | None,
              fibre: str | None = None, colour: str | None = None, size: str | None = None,
              brand: str | None = None, condition: int | None = None, disruptors: str | None = None,
              weight_grams: int | None = None) -> Item:
    """Grade and describe an item. A mended `repair` item is sorted again the same way."""
    try:
        grade = Grade(grade)
    except ValueError:
        raise InvalidInput(_l("Unknown grade: %(grade)s", grade=grade), code="invalid_grade") from None
    if condition is not None and not is_whole(condition, low=1, high=5):
        raise InvalidInput(_l("Condition is a number from 1 (worn) to 5 (as new)."), code="invalid_condition")
    if weight_grams is not None and not is_whole(weight_grams, low=1, high=MAX_GRAMS):
        raise InvalidInput(_l("The weight must be more than zero."), code="invalid_weight")
    fields = {
        "fibre": clean_text(fibre, limit=80, label=_l("Fibre")),
        "colour": clean_text(colour, limit=80, label=_l("Colour")),
        "size": clean_text(size, limit=40, label=_l("Size")),
        "brand": clean_text(brand, limit=80, label=_l("Brand")),
        "disruptors": clean_text(disruptors, limit=200, label=_l("Disruptors")),
    }
    event = "sorted"
    if item.status == ItemStatus.sorted and item.grade == Grade.repair:
        event = "repaired"
    to = GRADE_TARGETS[grade]
    if not is_allowed(event, item.status, to):
        raise invalid_transition(item, event)
    item.category, item.grade, item.condition = category, grade, condition
    for name, value in fields.items():
        setattr(item, name, value)
    if weight_grams is not None:
        item.weight_grams = weight_grams
    change_status(session, item, event=event, to=to, by_user_id=by_user_id,
                  details={"grade": grade.value, "category": category.code,
                           **({"condition": condition} if condition is not None else {})})
    return item


def value_item(session: Session, *, item: Item, value_ore: int, by_user_id: int | None,
               suggested_ore: int | None = None) -> Item:
    """Record a sorted item's estimated value (what it is worth to the shop, 0 allowed)."""
    if item.grade == Grade.repair and item.status == ItemStatus.sorted:
        raise Conflict(_l("Item %(code)s is waiting for repair; sort it again when it is mended.",
                          code=item.code), code="invalid_transition", details={"status": item.status.value})
    value_ore = _ore(value_ore, allow_zero=True, code="invalid_value")
    details = {"value_ore": value_ore}
    if suggested_ore is not None:
        details["suggested_ore"] = suggested_ore
    item.value_ore = value_ore
    change_status(session, item, event="valued", to=ItemStatus.valued, by_user_id=by_user_id, details=details)
    return item


def price_item(session: Session, *, item: Item, price_ore: int, by_user_id: int | None,
               markdown_exempt: bool | None = None, floor_price_ore: int | None = None) -> Item:
    """Set the asking price: a valued item goes on sale; one on sale is re-priced (a new tag, the
    markdown clock starts again). The first price is kept for price-realisation reports."""
    _lock_for_pricing(session, [item])
    return _set_price(session, item=item, price_ore=price_ore, by_user_id=by_user_id,
                      markdown_exempt=markdown_exempt, floor_price_ore=floor_price_ore)


def _lock_for_pricing(session: Session, items: Sequence[Item]) -> None:
    """Read the items again under their row locks, in ascending ids as the till's claims take them: a
    sale that claimed one first has it sold when the lock comes, so the price is refused rather than set
    on a sold item (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises)."""
    session.scalars(select(Item).where(Item.id.in_([item.id for item in items])).order_by(Item.id)
                    .with_for_update().execution_options(populate_existing=True)).all()


def _set_price(session: Session, *, item: Item, price_ore: int, by_user_id: int | None,
               markdown_exempt: bool | None = None, floor_price_ore: int | None = None) -> Item:
    price_ore = _ore(price_ore, allow_zero=False, code="invalid_price")
    if floor_price_ore is not None:
        floor_price_ore = _ore(floor_price_ore, allow_zero=False, code="invalid_price")
    event = "repriced" if item.status == ItemStatus.for_sale else "priced"
    if not is_allowed(event, item.status, ItemStatus.for_sale):
        raise invalid_transition(item, "priced")
    previous = item.price_ore
    item.price_ore = price_ore
    item.priced_at = clock.now()
    if item.first_price_ore is None:
        item.first_price_ore = price_ore
    if markdown_exempt is not None:
        item.markdown_exempt = markdown_exempt
    if floor_price_ore is not None or markdown_exempt is not None:
        item.floor_price_ore = floor_price_ore
    change_status(session, item, event=event, to=ItemStatus.for_sale, by_user_id=by_user_id,
                  details={"price_ore": price_ore, "previous_price_ore": previous})
    return item


def price_items(session: Session, *, items: Sequence[Item], by_user_id: int | None,
                price_ore: int | None = None) -> list[Item]:
    """Price a scanned set: one price for all, or each at its recorded value. All or nothing."""
    items = _unique(items)
    if not items:
        raise InvalidInput(_l("Scan or choose at least one item."), code="no_items")
    _lock_for_pricing(session, items)
    refused = [item for item in items if item.status not in (ItemStatus.valued, ItemStatus.for_sale)]
    if refused:
        error = invalid_transition(refused[0], "priced")
        error.details["codes"] = [item.code for item in refused]
        raise error
    if price_ore is None:
        unvalued = [item.code for item in items if not item.value_ore]
        if unvalued:
            raise InvalidInput(_l("Give a price: these items have no value to price them at: %(codes)s",
                                  codes=", ".join(unvalued)), code="price_required", details={"codes": unvalued})
    return [_set_price(session, item=item, price_ore=price_ore if price_ore is not None else item.value_ore,
                       by_user_id=by_user_id) for item in items]


def weigh_out(session: Session, *, location_id: int, grade: WeighOutGrade | str, grams: int,
              by_user_id: int | None, fibre: str | None = None, note: str | None = None,
              at: datetime | None = None) -> BulkWeighOut:
    """Record a bulk fraction leaving the shop by weight (recycling by fibre where known, or waste)."""
    try:
        grade = WeighOutGrade(grade)
    except ValueError:
        raise InvalidInput(_l("A weigh-out is for recycling or discard."), code="invalid_grade") from None
    if not is_whole(grams, low=1, high=MAX_GRAMS):
        raise InvalidInput(_l("The weight must be more than zero."), code="invalid_weight")
    row = BulkWeighOut(location_id=location_id, grade=grade, grams=grams, by_user_id=by_user_id,
                       fibre=clean_text(fibre, limit=80, label=_l("Fibre")),
                       note=clean_text(note, limit=300, label=_l("Note")), at=at or clock.now())
    session.add(row)
    session.flush()
    return row


def _ore(value, *, allow_zero: bool, code: str) -> int:
    try:
        return check_ore(value, allow_zero=allow_zero)
    except MoneyError:
        message = (_l("A value is a whole number of öre from 0 to 2 147 483 647.") if allow_zero
                   else _l("A price is more than 0 and at most 21 474 836,47 kr."))
        raise InvalidInput(message, code=code) from None
