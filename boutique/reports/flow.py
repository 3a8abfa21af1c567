"""The impact page's mass balance as people read it: the parts of the kilos that came in and where they
went (for the flow chart), and the same as table rows with each part's share."""

from flask_babel import lazy_gettext as _l

from boutique.reports.queries.impact import Impact
from boutique.reports.queries.sql import ratio

LABELS = {
    "collected": _l("Collected"), "from_stock": _l("Taken from stock"), "sold": _l("Sold as is"),
    "redesigned": _l("Redesigned"), "recycled": _l("Recycled"), "discarded": _l("Discarded"),
    "stock": _l("Still in stock"), "unaccounted": _l("Not accounted for"),
    "unaccounted_in": _l("Not accounted for (more out than in)"),
}


def flow_parts(figures: Impact) -> tuple[list, list]:
    """(look, label, grams) of what came in and of where it went; both add up to the same total."""
    stock, gap = figures.stock_change_grams, figures.unaccounted_grams
    inflows = [("collected", figures.collected_grams), ("stock", -stock), ("unaccounted", -gap)]
    outflows = [("sold", figures.reused_sold_grams), ("redesigned", figures.reused_material_grams),
                ("recycled", figures.recycled_grams), ("discarded", figures.discarded_grams), ("stock", stock),
                ("unaccounted", gap)]
    names = {"stock": "from_stock", "unaccounted": "unaccounted_in"}
    return ([(key, LABELS[names.get(key, key)], grams) for key, grams in inflows if grams > 0],
            [(key, LABELS[key], grams) for key, grams in outflows if grams > 0])


def balance_rows(figures: Impact) -> list[dict]:
    """The balance as table rows: in, out by fate, the change in stock and what is not accounted for."""
    base = figures.collected_grams

    def row(measure, grams):
        return {"measure": measure, "grams": grams, "share": ratio(grams, base) if base else None}

    return [
        row(_l("In: collected"), figures.collected_grams),
        row(_l("Out: sold as is"), figures.reused_sold_grams),
        row(_l("Out: redesigned"), figures.reused_material_grams),
        row(_l("Out: recycled"), figures.recycled_grams),
        row(_l("Out: discarded"), figures.discarded_grams),
        row(_l("Change in stock: registered items"), figures.items_stock_change_grams),
        row(_l("Change in stock: donations not yet unpacked"), figures.waiting_stock_change_grams),
        row(_l("Not accounted for"), figures.unaccounted_grams),
    ]
