"""Pictograms beside words, so a person who reads little finds their way: one for every pipeline step and
every category (``static/pictograms/pictograms.svg``, a sprite; its sources and licences in
``static/pictograms/README.md``). A category without its own shows its parent's, then a price tag."""

from markupsafe import Markup, escape

SPRITE = "pictograms/pictograms.svg"

# The steps an item goes through, the queues, the till's work and the grades a sorted item gets.
STEPS = {
    "donations": "gift", "unpack": "package-open", "wash": "washing-machine", "sort": "split",
    "value": "coins", "price": "tag", "labels": "printer", "for_sale": "store", "till": "shopping-cart",
    "pay": "banknote", "return": "undo-2", "receipts": "receipt", "weigh_outs": "scale",
    "shop": "store", "repair": "wrench", "redesign": "scissors", "recycle": "recycle", "discard": "trash-2",
}

# The standard taxonomy's categories (boutique/catalog/taxonomy.py).
CATEGORIES = {
    "women": "dress", "women-dresses": "dress", "women-tops": "shirt", "women-knitwear": "knit",
    "women-trousers": "trousers", "women-skirts": "skirt", "women-jackets": "jacket",
    "men": "shirt-collar", "men-shirts": "shirt-collar", "men-tshirts": "shirt", "men-knitwear": "knit",
    "men-trousers": "trousers", "men-jackets": "jacket", "men-suits": "suit",
    "children": "baby", "children-tops": "shirt", "children-trousers": "trousers",
    "children-outerwear": "jacket", "children-dresses": "dress", "baby": "baby",
    "accessories": "handbag", "bags": "handbag", "scarves": "scarf", "belts": "belt", "hats": "hat",
    "jewellery": "gem", "shoes": "footprints",
    "textiles": "fabric", "bed-linen": "bed", "tablecloths": "tablecloth", "curtains": "blinds",
    "towels": "towel-rack", "fabric": "fabric", "yarn": "spool",
    "interior": "sofa", "cushions": "cushion", "rugs": "rug", "lamps": "lamp", "tableware": "utensils",
    "decor": "flower-2", "new-goods": "package", "new-books": "book-open",
}
FALLBACK = "tag"


def category_symbol(category) -> str:
    """The pictogram of a category: its own, else its nearest ancestor's, else the price tag."""
    while category is not None:
        if category.code in CATEGORIES:
            return CATEGORIES[category.code]
        category = category.parent
    return FALLBACK


def pictogram(symbol: str, css: str = "") -> Markup:
    """An inline pictogram (decorative: the word beside it says the same, so screen readers skip it)."""
    from flask import url_for

    href = f"{url_for('static', filename=SPRITE)}#{escape(symbol)}"
    markup = f'<svg class="pictogram {escape(css)}" aria-hidden="true" focusable="false"><use href="{href}"/></svg>'
    return Markup(markup)  # noqa: S704  # nosec B704  # our own tags, every value in them escaped


def step_pictogram(step: str, css: str = "") -> Markup:
    return pictogram(STEPS.get(step, FALLBACK), css)


def category_pictogram(category, css: str = "") -> Markup:
    return pictogram(category_symbol(category), css)
