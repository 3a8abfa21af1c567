"""Locations with their tills, and the category taxonomy."""

from flask import jsonify
from pydantic import BaseModel

from boutique.api import bp
from boutique.api.docs import api_doc
from boutique.catalog.services import list_categories
from boutique.extensions import db
from boutique.places.services import list_locations
from boutique.web.access import EVERYONE, allow
from boutique.web.view_transactions import reads_only


class TillOut(BaseModel):
    code: str


class LocationOut(BaseModel):
    code: str
    name: str
    address: str | None = None
    tills: list[TillOut]


class CategoryOut(BaseModel):
    code: str
    name: str
    name_en: str
    parent: str | None
    vat_rate_percent: int


@bp.get("/locations")
@allow(EVERYONE)
@reads_only
@api_doc(summary="Locations and their tills", tag="places", responses={200: list[LocationOut]})
def locations():
    return jsonify([
        LocationOut(code=loc.code, name=loc.name, address=loc.address,
                    tills=[TillOut(code=t.code) for t in loc.tills if t.active]).model_dump()
        for loc in list_locations(db.session) if loc.active
    ])


@bp.get("/categories")
@allow(EVERYONE)
@reads_only
@api_doc(summary="The category taxonomy", tag="places", responses={200: list[CategoryOut]})
def categories():
    rows = list_categories(db.session)
    codes = {c.id: c.code for c in rows}
    return jsonify([
        CategoryOut(code=c.code, name=c.name, name_en=c.name_en, parent=codes.get(c.parent_id),
                    vat_rate_percent=c.vat_rate_percent).model_dump()
        for c in rows
    ])
