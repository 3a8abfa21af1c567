"""Create and look up locations and tills."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from boutique.core.errors import Conflict, InvalidInput, NotFound
from boutique.places.models import Location, Till

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,15}$")


def _check_code(code: str) -> str:
    code = code.strip().upper()
    if not _CODE.match(code):
        raise InvalidInput(_l("A code is 1–16 letters A–Z, digits or dashes."), code="invalid_code")
    return code


def create_location(session: Session, *, code: str, name: str, address: str | None = None) -> Location:
    code = _check_code(code)
    name = name.strip()
    if not name or len(name) > 120:
        raise InvalidInput(_l("A name is 1–120 characters."), code="invalid_name")
    if session.scalar(select(Location.id).where(Location.code == code)):
        raise Conflict(_l("A location with that code exists."), code="location_exists")
    location = Location(code=code, name=name, address=(address or "").strip()[:300] or None)
    session.add(location)
    session.flush()
    return location


def create_till(session: Session, *, code: str, location_code: str) -> Till:
    code = _check_code(code)
    location = get_location(session, location_code)
    if session.scalar(select(Till.id).where(Till.code == code)):
        raise Conflict(_l("A till with that code exists."), code="till_exists")
    till = Till(code=code, location=location)
    session.add(till)
    session.flush()
    return till


def get_location(session: Session, code: str) -> Location:
    location = session.scalar(select(Location).where(Location.code == str(code).strip().upper()))
    if location is None:
        raise NotFound(_l("No such location: %(code)s", code=code), code="location_not_found")
    return location


def get_till(session: Session, code: str) -> Till:
    till = session.scalar(select(Till).where(Till.code == str(code).strip().upper()))
    if till is None:
        raise NotFound(_l("No such till: %(code)s", code=code), code="till_not_found")
    return till


def list_locations(session: Session) -> list[Location]:
    return list(session.scalars(
        select(Location).options(selectinload(Location.tills)).order_by(Location.code)
    ))
