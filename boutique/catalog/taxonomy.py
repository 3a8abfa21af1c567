"""The standard taxonomy a fresh database starts with (migration and tests share this list), and its
names in Arabic, Persian, Somali and Tigrinya (``taxonomy_names.json``, {code: {language: name}})."""

import json
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from boutique.catalog.models import Category

NAMES_FILE = Path(__file__).with_name("taxonomy_names.json")

# (code, Swedish name, English name, parent code, VAT %)
STANDARD_TAXONOMY: list[tuple[str, str, str, str | None, int]] = [
    ("women", "Damkläder", "Women's clothing", None, 0),
    ("women-dresses", "Klänningar", "Dresses", "women", 0),
    ("women-tops", "Toppar och blusar", "Tops and blouses", "women", 0),
    ("women-knitwear", "Stickat dam", "Women's knitwear", "women", 0),
    ("women-trousers", "Byxor dam", "Women's trousers", "women", 0),
    ("women-skirts", "Kjolar", "Skirts", "women", 0),
    ("women-jackets", "Jackor och kappor dam", "Women's jackets and coats", "women", 0),
    ("men", "Herrkläder", "Men's clothing", None, 0),
    ("men-shirts", "Skjortor", "Shirts", "men", 0),
    ("men-tshirts", "T-shirts herr", "Men's T-shirts", "men", 0),
    ("men-knitwear", "Stickat herr", "Men's knitwear", "men", 0),
    ("men-trousers", "Byxor herr", "Men's trousers", "men", 0),
    ("men-jackets", "Jackor och rockar herr", "Men's jackets and coats", "men", 0),
    ("men-suits", "Kostymer och kavajer", "Suits and blazers", "men", 0),
    ("children", "Barnkläder", "Children's clothing", None, 0),
    ("children-tops", "Tröjor barn", "Children's tops", "children", 0),
    ("children-trousers", "Byxor barn", "Children's trousers", "children", 0),
    ("children-outerwear", "Ytterkläder barn", "Children's outerwear", "children", 0),
    ("children-dresses", "Klänningar barn", "Children's dresses", "children", 0),
    ("baby", "Bebiskläder", "Baby clothes", "children", 0),
    ("accessories", "Accessoarer", "Accessories", None, 0),
    ("bags", "Väskor", "Bags", "accessories", 0),
    ("scarves", "Sjalar och halsdukar", "Scarves and shawls", "accessories", 0),
    ("belts", "Bälten", "Belts", "accessories", 0),
    ("hats", "Hattar och mössor", "Hats and caps", "accessories", 0),
    ("jewellery", "Smycken", "Jewellery", "accessories", 0),
    ("shoes", "Skor", "Shoes", "accessories", 0),
    ("textiles", "Textilier", "Textiles", None, 0),
    ("bed-linen", "Sängkläder", "Bed linen", "textiles", 0),
    ("tablecloths", "Dukar", "Tablecloths", "textiles", 0),
    ("curtains", "Gardiner", "Curtains", "textiles", 0),
    ("towels", "Handdukar", "Towels", "textiles", 0),
    ("fabric", "Tyger", "Fabric", "textiles", 0),
    ("yarn", "Garn", "Yarn", "textiles", 0),
    ("interior", "Inredning", "Interior", None, 0),
    ("cushions", "Kuddar", "Cushions", "interior", 0),
    ("rugs", "Mattor", "Rugs", "interior", 0),
    ("lamps", "Lampor", "Lamps", "interior", 0),
    ("tableware", "Porslin och glas", "Tableware", "interior", 0),
    ("decor", "Dekoration", "Decor", "interior", 0),
    ("new-goods", "Nyproducerat inköpt", "Bought-in new goods", None, 25),
    ("new-books", "Böcker (inköpta)", "Books (bought in)", "new-goods", 6),
]


def seed_standard_taxonomy(session: Session, *, names: bool = True) -> None:
    """Insert the standard categories that are missing (safe to run twice); with ``names``, their names in
    the other languages too (migration 0002 runs before that column exists)."""
    existing = set(session.scalars(select(Category.code)))
    ids: dict[str, int] = dict(session.execute(select(Category.code, Category.id)).all())
    for order, (code, name, name_en, parent, vat) in enumerate(STANDARD_TAXONOMY):
        if code in existing:
            continue
        new_id = session.execute(insert(Category).values(
            code=code, name=name, name_en=name_en, parent_id=ids.get(parent) if parent else None,
            vat_rate_percent=vat, sort_order=order, active=True,
        ).returning(Category.id)).scalar_one()
        ids[code] = new_id
    session.flush()
    if names:
        name_standard_categories(session)


def standard_names() -> dict[str, dict[str, str]]:
    return json.loads(NAMES_FILE.read_text(encoding="utf-8"))


def name_standard_categories(session: Session) -> None:
    """Give the standard categories their names in the other languages; a name already set (a supervisor's
    correction) stays. Core statements on two columns, so a later migration's columns do not matter."""
    wanted = standard_names()
    for code, names in session.execute(select(Category.code, Category.names).where(Category.code.in_(wanted))):
        merged = {**wanted[code], **(names or {})}
        if merged != names:
            session.execute(update(Category).where(Category.code == code).values(names=merged))
    session.flush()
