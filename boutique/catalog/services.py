"""Read and look up categories: for a sale or a form (active ones), and for the catalogue pages (all)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.catalog.models import Category
from boutique.core.errors import InvalidInput


def get_category(session: Session, code: str) -> Category:
    """A category by code; unknown codes are invalid input (422), not a missing resource."""
    category = session.scalar(select(Category).where(Category.code == str(code).strip().lower()))
    if category is None or not category.active:
        raise InvalidInput(_l("Unknown category: %(code)s", code=code), code="unknown_category")
    return category


def list_categories(session: Session) -> list[Category]:
    return list(session.scalars(select(Category).where(Category.active).order_by(Category.sort_order)))


def category_choices(session: Session, language: str = "sv") -> dict[str, list[tuple[str, str]]]:
    """Active categories grouped under their main category, for a select with option groups."""
    categories = list_categories(session)
    groups: dict[str, list[tuple[str, str]]] = {}
    for main in (c for c in categories if c.parent_id is None):
        children = [c for c in categories if c.parent_id == main.id]
        groups[main.label(language)] = [(main.code, main.label(language)),
                                        *((c.code, c.label(language)) for c in children)]
    return groups


def every_category(session: Session) -> list[Category]:
    """All categories, retired ones too, in their order (the catalogue page)."""
    return list(session.scalars(select(Category).order_by(Category.sort_order)))


def main_categories(session: Session) -> list[Category]:
    """The categories at the top, retired ones too, in their order."""
    return list(session.scalars(select(Category).where(Category.parent_id.is_(None)).order_by(Category.sort_order)))


def find_category(session: Session, code: str) -> Category | None:
    """A category by code, retired ones too (to edit it); None when there is none."""
    return session.scalar(select(Category).where(Category.code == code.strip().lower()))
