"""The main menu, ordered as the work flows: each entry names its endpoint; web/navigation shows it."""

from flask_babel import lazy_gettext as _l

from boutique.catalog import MENU_LABEL as CATEGORIES_LABEL
from boutique.donations import MENU_LABEL as DONATIONS_LABEL
from boutique.items import MENU_LABEL as ITEMS_LABEL
from boutique.labels import BADGES_MENU_LABEL
from boutique.labels import MENU_LABEL as LABELS_LABEL
from boutique.pipeline import MENU_LABEL as QUEUES_LABEL
from boutique.production import MENU_LABEL as LOTS_LABEL
from boutique.reports import MENU_LABEL as REPORTS_LABEL
from boutique.sales import MENU_LABEL as TILL_LABEL
from boutique.stock import MENU_LABEL as STOCK_LABEL
from boutique.web.navigation import MenuEntry

# Ordered as the work flows. An entry shows when its endpoint exists and the person's role passes
# that endpoint's own policy, so the menu can never offer a page that would answer 403.
MENU: list[MenuEntry] = [
    MenuEntry("home.index", _l("Home"), "h"),
    MenuEntry("donations.index", DONATIONS_LABEL, "d"),
    MenuEntry("pipeline.queue_wash", QUEUES_LABEL, "q"),
    MenuEntry("items.search", ITEMS_LABEL, "i"),
    MenuEntry("catalog.index", CATEGORIES_LABEL),
    MenuEntry("production.index", LOTS_LABEL),
    MenuEntry("labels.queue", LABELS_LABEL),
    MenuEntry("sales.index", TILL_LABEL, "k"),
    MenuEntry("stock.index", STOCK_LABEL),
    MenuEntry("reports.index", REPORTS_LABEL),
    MenuEntry("people.index", _l("People")),
    MenuEntry("places.index", _l("Locations")),
    MenuEntry("labels.badges", BADGES_MENU_LABEL),
    MenuEntry("places.settings", _l("Settings")),
]
