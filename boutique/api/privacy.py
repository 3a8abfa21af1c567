"""A person's data through the API (GDPR art. 15 and 17): your own, and for supervisors and admins the
people they may manage (boutique/privacy); erasure by anonymisation, confirmed by the username."""

from datetime import datetime

from flask import jsonify
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from pydantic import BaseModel, Field

from boutique.api import bp
from boutique.api.common import Body, parse_body
from boutique.api.docs import api_doc
from boutique.auth.services import check_may_manage_person, get_user, normalise_username
from boutique.core.clock import local
from boutique.core.errors import InvalidInput
from boutique.extensions import db
from boutique.privacy.erasure import check_may_erase, erase_person
from boutique.privacy.export import person_data
from boutique.web.access import EVERYONE, MANAGERS, allow
from boutique.web.view_transactions import reads_only

TAG = "people"


class PersonDataOut(BaseModel):
    format: str = Field(description="ny-form-person-data/1")
    exported_at: datetime
    person: dict = Field(description="the account: username, display name, role, language, contact, supervisor, …")
    sections: dict[str, list[dict]] = Field(description="one list of records per kind: work per week, item "
                                                         "events, receipts, hours, lots, photos, …")


class EraseIn(Body):
    confirm: str = Field(min_length=1, max_length=64, description="the person's username once more")


class ErasedOut(BaseModel):
    username: str
    display_name: str
    erased_at: datetime


@bp.get("/me/data")
@allow(EVERYONE)
@reads_only
@api_doc(summary="Everything the boutique holds about you", tag=TAG, responses={200: PersonDataOut})
def my_data():
    return jsonify(person_data(db.session, current_user))


@bp.get("/users/<username>/data")
@allow(MANAGERS)
@reads_only
@api_doc(summary="Everything held about a person (their own supervisor, or an admin)", tag=TAG,
         responses={200: PersonDataOut}, errors={404})
def person_data_of(username: str):
    person = get_user(db.session, username)
    check_may_manage_person(current_user, person)
    return jsonify(person_data(db.session, person))


@bp.post("/users/<username>/erase")
@allow(MANAGERS)
@api_doc(summary="Erase a person's data by anonymisation; sales, receipts and histories stay under a numbered "
                 "name (their own supervisor, or an admin)", tag=TAG, body=EraseIn, responses={200: ErasedOut},
         errors={404, 409})
def erase(username: str):
    person = get_user(db.session, username)
    check_may_erase(current_user, person)
    body = parse_body(EraseIn)
    if normalise_username(body.confirm) != person.username:
        raise InvalidInput(_l("confirm must be the person's username."), code="confirmation_mismatch")
    erased = erase_person(db.session, person=person, by_user=current_user)
    db.session.commit()
    return jsonify(ErasedOut(username=erased.username, display_name=erased.display_name,
                             erased_at=local(erased.erased_at)).model_dump(mode="json"))
