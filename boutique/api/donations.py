"""Donations: register one, read it, and unpack it into items (API.md "Items and the pipeline")."""

from datetime import datetime
from typing import Annotated

from flask import jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from pydantic import BaseModel, Field, StrictInt

from boutique.api import bp
from boutique.api.common import Body, Grams, created, parse_body
from boutique.api.docs import api_doc
from boutique.api.items import ItemsOut, item_json, person_named
from boutique.catalog.services import get_category
from boutique.core import clock
from boutique.core.errors import InvalidInput, NotFound
from boutique.donations.models import Donation, DonationSource
from boutique.donations.queries import item_count
from boutique.donations.services import (
    MAX_BAGS,
    MAX_UNPACK,
    get_donation,
    may_read_donor_notes,
    receive_donation,
    unpack,
)
from boutique.extensions import db
from boutique.places.services import get_location
from boutique.web.access import EVERYONE, STAFF, allow
from boutique.web.view_transactions import reads_only


class DonationIn(Body):
    source: DonationSource
    location: str = Field(max_length=16)
    weight_grams: Grams | None = None
    bags: Annotated[StrictInt, Field(ge=0, le=MAX_BAGS)] | None = None
    note: str | None = Field(default=None, max_length=1000)
    donor_note: str | None = Field(default=None, max_length=300)
    received_at: datetime | None = Field(default=None,
                                         description="ISO 8601 with offset, from 2000 until now; default now")


class DonationOut(BaseModel):
    id: int
    source: DonationSource
    location: str
    received_at: datetime
    received_by: str | None = Field(description="username of who received it (display name when a student asks)")
    weight_grams: int | None
    bags: int | None
    note: str | None
    donor_note: str | None = Field(default=None, description="supervisors and admins only; absent for others")
    unpacked_at: datetime | None
    items: int = Field(description="how many items it has been split into so far")


class NewItemIn(Body):
    category: str = Field(max_length=40)
    description: str | None = Field(default=None, max_length=300)


class UnpackIn(Body):
    items: list[NewItemIn] = Field(min_length=1, max_length=MAX_UNPACK)


def _donation_json(donation: Donation) -> dict:
    def at(moment):
        return clock.local(moment).isoformat() if moment else None

    shown = {"id": donation.id, "source": donation.source.value, "location": donation.location.code,
             "received_at": at(donation.received_at), "received_by": person_named(donation.received_by),
             "weight_grams": donation.weight_grams, "bags": donation.bags, "note": donation.note,
             "unpacked_at": at(donation.unpacked_at), "items": item_count(db.session, donation)}
    if may_read_donor_notes(current_user):
        shown["donor_note"] = donation.donor_note
    return shown


@bp.post("/donations")
@allow(STAFF)
@api_doc(summary="Register a collection, drop-off or pickup", tag="donations", body=DonationIn,
         responses={201: DonationOut}, errors={422})
def create_donation():
    body = parse_body(DonationIn)
    try:
        location = get_location(db.session, body.location)
    except NotFound:
        raise InvalidInput(_l("No such location: %(code)s", code=body.location), code="unknown_location") from None
    donation = receive_donation(db.session, source=body.source, location=location, by_user_id=current_user.id,
                                received_at=body.received_at, weight_grams=body.weight_grams, bags=body.bags,
                                donor_note=body.donor_note, note=body.note)
    db.session.commit()
    return created(_donation_json(donation))


@bp.get("/donations/<int:donation_id>")
@allow(EVERYONE)
@reads_only
@api_doc(summary="A donation and how many items it has given", tag="donations", responses={200: DonationOut},
         errors={404})
def read_donation(donation_id: int):
    return jsonify(_donation_json(get_donation(db.session, donation_id)))


@bp.post("/donations/<int:donation_id>/items")
@allow(STAFF)
@api_doc(summary="Unpack a donation into items (status received, codes issued)", tag="donations",
         body=UnpackIn, responses={201: ItemsOut}, errors={404})
def unpack_donation(donation_id: int):
    body = parse_body(UnpackIn)
    donation = get_donation(db.session, donation_id)
    categories = {code: get_category(db.session, code) for code in {entry.category for entry in body.items}}
    items = unpack(db.session, donation=donation, by_user_id=current_user.id,
                   items=[(categories[entry.category], entry.description) for entry in body.items])
    db.session.commit()
    return created({"items": [item_json(item) for item in items]})
