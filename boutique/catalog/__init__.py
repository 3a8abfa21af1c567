"""The category taxonomy every item is sorted into, with its VAT setting."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import AreaBlueprint

MENU_LABEL = _l("Categories")

# Supervisors edit categories; the views load at registration (items.models imports catalog.models).
bp = AreaBlueprint("catalog", __name__, url_prefix="/categories")
