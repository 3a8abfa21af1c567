"""Demo locations and tills: Skärholmen and Husby."""

from sqlalchemy.orm import Session

from boutique.places.services import create_location, create_till


def load(session: Session, context) -> None:
    context.locations["SKH"] = create_location(
        session, code="SKH", name="Skärholmen", address="Skärholmsvägen 1, 127 48 Skärholmen")
    context.locations["HUS"] = create_location(
        session, code="HUS", name="Husby", address="Husby torg 1, 164 30 Kista")
    for code, location in (("SKH-1", "SKH"), ("SKH-2", "SKH"), ("HUS-1", "HUS")):
        context.tills[code] = create_till(session, code=code, location_code=location)
