"""Supervisors maintain the taxonomy: names, VAT, guide prices and each category's markdown ladder."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boutique.catalog.models import VAT_RATES, Category
from boutique.core.errors import Conflict, InvalidInput
from boutique.core.money import MoneyError, check_ore
from boutique.pricing.markdown import parse_ladder

_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_STEP = re.compile(r"^([0-9]{1,4})\s*[:=]\s*([0-9]{1,2})\s*%?$")
MAX_STEPS = 6


def parse_ladder_text(text: str) -> list[list[int]] | None:
    """``21:25; 42:50`` (after 21 days -25 %, after 42 days -50 %) → ``[[21, 25], [42, 50]]``.
    Empty means the shop default (``None``); ``0`` means no markdown at all (``[]``)."""
    text = (text or "").strip()
    if not text:
        return None
    if text == "0":
        return []
    parts = [p.strip() for p in re.split(r"[;,\n]+", text) if p.strip()]
    steps = []
    for part in parts:
        match = _STEP.match(part)
        if not match:
            raise InvalidInput(_l("Write each step as days:percent, e.g. 21:25; 42:50."), code="invalid_ladder")
        steps.append([int(match[1]), int(match[2])])
    if len(steps) > MAX_STEPS:
        raise InvalidInput(_l("At most %(n)s steps.", n=MAX_STEPS), code="invalid_ladder")
    try:
        ladder = parse_ladder(steps)
    except ValueError:
        raise InvalidInput(_l("Each step takes 1 to 99 percent off after at least one day."),
                           code="invalid_ladder") from None
    if len({s.after_days for s in ladder}) != len(ladder) or [s.percent for s in ladder] != sorted(
            s.percent for s in ladder):
        raise InvalidInput(_l("Later steps must come on later days with larger markdowns."), code="invalid_ladder")
    return [[s.after_days, s.percent] for s in ladder]


def format_ladder_text(raw: list | None) -> str:
    if raw is None:
        return ""
    if not raw:
        return "0"
    return "; ".join(f"{days}:{percent}" for days, percent in raw)


def _check(*, name: str, name_en: str, vat_rate_percent: int, guide_price_ore: int | None) -> tuple[str, str]:
    name, name_en = (name or "").strip(), (name_en or "").strip()
    if not name or not name_en or len(name) > 120 or len(name_en) > 120:
        raise InvalidInput(_l("A name is 1–120 characters, in Swedish and in English."), code="invalid_name")
    if vat_rate_percent not in VAT_RATES:
        raise InvalidInput(_l("VAT is 0 (outside VAT), 6, 12 or 25 percent."), code="invalid_vat")
    if guide_price_ore is not None:
        try:
            check_ore(guide_price_ore, allow_zero=False)
        except MoneyError:
            raise InvalidInput(_l("A guide price is more than 0 kr."), code="invalid_price") from None
    return name, name_en


def update_category(session: Session, category: Category, *, name: str, name_en: str, vat_rate_percent: int,
                    guide_price_ore: int | None, markdown_ladder: list | None, active: bool = True) -> Category:
    """Change a category. Items keep it; the ladder applies to their shelf price from now on."""
    category.name, category.name_en = _check(name=name, name_en=name_en, vat_rate_percent=vat_rate_percent,
                                             guide_price_ore=guide_price_ore)
    category.vat_rate_percent = vat_rate_percent
    category.guide_price_ore = guide_price_ore
    category.markdown_ladder = markdown_ladder
    category.active = active
    session.flush()
    return category


def create_category(session: Session, *, code: str, name: str, name_en: str, parent: Category | None,
                    vat_rate_percent: int = 0, guide_price_ore: int | None = None,
                    markdown_ladder: list | None = None) -> Category:
    code = (code or "").strip().lower()
    if not _CODE.match(code):
        raise InvalidInput(_l("A code is 1–40 lower-case letters a–z, digits or dashes."), code="invalid_code")
    if session.scalar(select(Category.id).where(Category.code == code)):
        raise Conflict(_l("A category with that code exists."), code="category_exists")
    if parent is not None and parent.parent_id is not None:
        raise InvalidInput(_l("Categories have two levels: choose a main category as parent."),
                           code="invalid_parent")
    name, name_en = _check(name=name, name_en=name_en, vat_rate_percent=vat_rate_percent,
                           guide_price_ore=guide_price_ore)
    order = (session.scalar(select(func.max(Category.sort_order))) or 0) + 1
    category = Category(code=code, name=name, name_en=name_en, parent=parent, vat_rate_percent=vat_rate_percent,
                        guide_price_ore=guide_price_ore, markdown_ladder=markdown_ladder, sort_order=order)
    session.add(category)
    session.flush()
    return category
