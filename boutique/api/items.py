"""Items and the pipeline: read an item, wash, sort, value and price it (API.md "Items and the pipeline")."""

from datetime import datetime
from typing import Annotated

from flask import jsonify, request
from flask_login import current_user
from pydantic import BaseModel, Field, StrictInt

from boutique.api import bp
from boutique.api.common import Body, Grams, Ore, PositiveOre, created, parse_body
from boutique.api.docs import api_doc
from boutique.catalog.services import get_category
from boutique.core import clock
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.items.models import Grade, Item, ItemStatus
from boutique.items.queries import location_codes, search_filters, search_items
from boutique.items.services import get_item
from boutique.pipeline import services
from boutique.pipeline.queries import items_for_codes
from boutique.pipeline.valuation import suggest_value
from boutique.pricing.markdown import item_shelf_price
from boutique.web.access import EVERYONE, STAFF, allow
from boutique.web.view_transactions import reads_only

ShortText = Annotated[str, Field(max_length=80)]


class HistoryOut(BaseModel):
    event: str
    at: datetime
    by: str | None = Field(description="username of who did it (display name when a student asks)")
    status: ItemStatus
    location: str | None = None
    details: dict | None = None


class ItemOut(BaseModel):
    code: str
    status: ItemStatus
    category: str
    grade: Grade | None
    value_ore: int | None
    price_ore: int | None
    location: str
    lot_id: int | None
    history: list[HistoryOut]
    description: str | None = None
    fibre: str | None = None
    colour: str | None = None
    size: str | None = None
    brand: str | None = None
    condition: int | None = None
    disruptors: str | None = None
    weight_grams: int | None = None
    donation_id: int | None = None
    first_price_ore: int | None = None
    priced_at: datetime | None = None
    shelf_price_ore: int | None = Field(default=None, description="today's price after the markdown ladder")
    markdown_percent: int | None = None
    tag_colour: str | None = None
    markdown_exempt: bool = False
    floor_price_ore: int | None = None


class ItemsOut(BaseModel):
    items: list[ItemOut]


def _at(moment: datetime) -> str:
    return clock.local(moment).isoformat()


def person_named(user) -> str | None:
    """Who did something, as the asker may see them: students see people by display name only
    (DOMAIN.md "People and their data"), everyone else by username."""
    if user is None:
        return None
    return user.display_name if getattr(current_user, "role", None) == Role.student else user.username


def item_json(item: Item, events=None) -> dict:
    """The contract's item JSON (times ISO 8601 with the Stockholm offset). ``events``: the item's
    history when the caller loaded many items' histories at once."""
    shelf = item_shelf_price(item)
    locations = location_codes(db.session)
    history = [{"event": event.event, "at": _at(event.at), "by": person_named(event.by_user),
                "status": event.to_status.value, "location": locations.get(event.location_id),
                "details": event.details} for event in (item.events if events is None else events)]
    return {
        "code": item.code, "status": item.status.value, "category": item.category.code,
        "grade": item.grade.value if item.grade else None, "value_ore": item.value_ore,
        "price_ore": item.price_ore, "location": item.location.code, "lot_id": item.lot_id, "history": history,
        "description": item.description, "fibre": item.fibre, "colour": item.colour, "size": item.size,
        "brand": item.brand, "condition": item.condition, "disruptors": item.disruptors,
        "weight_grams": item.weight_grams, "donation_id": item.donation_id, "first_price_ore": item.first_price_ore,
        "priced_at": _at(item.priced_at) if item.priced_at else None,
        "shelf_price_ore": shelf.price_ore if shelf else None, "markdown_percent": shelf.percent if shelf else None,
        "tag_colour": shelf.tag.key if shelf else None, "markdown_exempt": item.markdown_exempt,
        "floor_price_ore": item.floor_price_ore,
    }


def _done(item: Item):
    db.session.commit()
    return jsonify(item_json(item))


class WashIn(Body):
    program: str | None = Field(default=None, max_length=80)
    temperature_c: StrictInt | None = Field(default=None, ge=0, le=95)


class WashLoadIn(WashIn):
    codes: list[Annotated[str, Field(max_length=40)]] = Field(min_length=1, max_length=services.MAX_BATCH)
    note: str | None = Field(default=None, max_length=300)


class WashLoadOut(BaseModel):
    id: int
    program: str
    temperature_c: int | None
    washed_at: datetime
    items: list[ItemOut]


class SkipWashIn(Body):
    reason: str = Field(min_length=1, max_length=200)


class SortIn(Body):
    category: str = Field(max_length=40)
    grade: Grade
    fibre: ShortText | None = None
    colour: ShortText | None = None
    size: Annotated[str, Field(max_length=40)] | None = None
    brand: ShortText | None = None
    condition: Annotated[StrictInt, Field(ge=1, le=5)] | None = None
    disruptors: Annotated[str, Field(max_length=200)] | None = None
    weight_grams: Grams | None = None


class ValueIn(Body):
    value_ore: Ore


class PriceIn(Body):
    price_ore: PositiveOre
    markdown_exempt: bool | None = None
    floor_price_ore: PositiveOre | None = None


class SuggestionOut(BaseModel):
    value_ore: int | None
    comparables: int
    source: str = Field(description="comparables, guide or none")


@bp.get("/items/<code>")
@allow(EVERYONE)
@reads_only
@api_doc(summary="An item with its whole history", tag="items", responses={200: ItemOut}, errors={404, 422})
def get_item_json(code: str):
    return jsonify(item_json(get_item(db.session, code)))


@bp.post("/items/<code>/wash")
@allow(STAFF)
@api_doc(summary="Wash one received item (a wash load of one)", tag="items", body=WashIn,
         responses={200: ItemOut}, errors={404, 409, 422})
def wash_item(code: str):
    body = parse_body(WashIn)
    item = get_item(db.session, code, for_update=True)
    services.wash_items(db.session, items=[item], by_user_id=current_user.id, location_id=item.location_id,
                        program=body.program or "", temperature_c=body.temperature_c)
    return _done(item)


@bp.post("/wash-loads")
@allow(STAFF)
@api_doc(summary="Wash a scanned set as one wash load (all or nothing)", tag="items", body=WashLoadIn,
         responses={201: WashLoadOut}, errors={404, 409, 422})
def wash_load():
    body = parse_body(WashLoadIn)
    items = items_for_codes(db.session, body.codes)
    load = services.wash_items(db.session, items=items, by_user_id=current_user.id,
                               location_id=items[0].location_id, program=body.program or "",
                               temperature_c=body.temperature_c, note=body.note)
    db.session.commit()
    return created({"id": load.id, "program": load.program, "temperature_c": load.temperature_c,
                    "washed_at": _at(load.washed_at), "items": [item_json(item) for item in load.items]})


@bp.post("/items/<code>/skip-wash")
@allow(STAFF)
@api_doc(summary="Record that a received item needs no wash", tag="items", body=SkipWashIn,
         responses={200: ItemOut}, errors={404, 409, 422})
def skip_wash(code: str):
    body = parse_body(SkipWashIn)
    item = get_item(db.session, code, for_update=True)
    services.skip_wash(db.session, item=item, reason=body.reason, by_user_id=current_user.id)
    return _done(item)


@bp.post("/items/<code>/sort")
@allow(STAFF)
@api_doc(summary="Sort an item: category, grade and description", tag="items", body=SortIn,
         responses={200: ItemOut}, errors={404, 409, 422})
def sort_item(code: str):
    body = parse_body(SortIn)
    item = get_item(db.session, code, for_update=True)
    category = get_category(db.session, body.category)
    services.sort_item(db.session, item=item, category=category, by_user_id=current_user.id,
                       **body.model_dump(exclude={"category"}))
    return _done(item)


@bp.get("/items/<code>/suggestion")
@allow(EVERYONE)
@reads_only
@api_doc(summary="The suggested value and how many sold comparables it rests on", tag="items",
         responses={200: SuggestionOut}, errors={404, 422})
def suggestion(code: str):
    result = suggest_value(db.session, get_item(db.session, code))
    return jsonify({"value_ore": result.value_ore, "comparables": result.comparables, "source": result.source})


@bp.post("/items/<code>/value")
@allow(STAFF)
@api_doc(summary="Record a sorted item's value", tag="items", body=ValueIn, responses={200: ItemOut},
         errors={404, 409, 422})
def value_item(code: str):
    body = parse_body(ValueIn)
    item = get_item(db.session, code, for_update=True)
    services.value_item(db.session, item=item, value_ore=body.value_ore, by_user_id=current_user.id)
    return _done(item)


@bp.post("/items/<code>/price")
@allow(STAFF)
@api_doc(summary="Set the asking price (a valued item goes on sale; one on sale is re-priced)", tag="items",
         body=PriceIn, responses={200: ItemOut}, errors={404, 409, 422})
def price_item(code: str):
    body = parse_body(PriceIn)
    item = get_item(db.session, code, for_update=True)
    services.price_item(db.session, item=item, price_ore=body.price_ore, by_user_id=current_user.id,
                        markdown_exempt=body.markdown_exempt, floor_price_ore=body.floor_price_ore)
    return _done(item)



@bp.get("/items")
@allow(EVERYONE)
@reads_only
@api_doc(summary="Search items (newest first, at most 100)", tag="items", responses={200: ItemsOut}, errors={422},
         query={name: {"schema": {"type": "string"}, "required": False}
                for name in ("q", "status", "category", "colour", "size", "brand", "location")})
def search():
    found = search_items(db.session, **search_filters(request.args), limit=100)
    return jsonify({"items": [item_json(item) for item in found.items]})
