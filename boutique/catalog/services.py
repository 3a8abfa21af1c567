"""Read and look up categories."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.catalog.models import Category
from boutique.errors import InvalidInput


def get_category(session: Session, code: str) -> Category:
    """A category by code; unknown codes are invalid input (422), not a missing resource."""
    category = session.scalar(select(Category).where(Category.code == str(code).strip().lower()))
    if category is None or not category.active:
        raise InvalidInput(_l("Unknown category: %(code)s", code=code), code="unknown_category")
    return category


def list_categories(session: Session) -> list[Category]:
    return list(session.scalars(select(Category).where(Category.active).order_by(Category.sort_order)))
