"""Creating items and finding them by code."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.core import counters
from boutique.core.errors import NotFound
from boutique.items.codes import item_code, parse_item_code
from boutique.items.models import Item

ITEM_SERIES = "item_serial"


def issue_codes(session: Session, count: int) -> list[str]:
    """``count`` fresh item codes from the one serial series (never reused)."""
    first = counters.take(session, ITEM_SERIES, count)
    return [item_code(serial) for serial in range(first, first + count)]


def get_item(session: Session, code_text: str, *, for_update: bool = False) -> Item:
    """An item by scanned/typed code: 422 for a malformed code, 404 for one never issued."""
    code = parse_item_code(code_text)
    query = select(Item).where(Item.code == code)
    if for_update:
        query = query.with_for_update()
    item = session.scalar(query)
    if item is None:
        raise NotFound(_l("No item has the code %(code)s.", code=code), code="item_not_found")
    return item
