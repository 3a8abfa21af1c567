"""Items: one record per garment or object, its code, status and history."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import AreaBlueprint

MENU_LABEL = _l("Items")

# Search and the item page; the views load at registration (other models import items.models).
bp = AreaBlueprint("items", __name__, url_prefix="/items")
