"""Stock: counting the shelves (stocktakes) and moving items between places (transfers)."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import AreaBlueprint

MENU_LABEL = _l("Stock")

# The views load at registration: boutique.models imports stock.models, and the views import the app.
bp = AreaBlueprint("stock", __name__, url_prefix="/stock", views=("views", "views_counts", "views_transfers"))
