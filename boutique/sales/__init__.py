"""The till: scan, sell, pay, receipts, returns, till days with X- and Z-reports."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import LateViewsBlueprint

MENU_LABEL = _l("Till")

# The views (and the till's shop settings) load when the app registers the blueprint:
# boutique.models imports sales.models, so this package must stay light.
bp = LateViewsBlueprint("sales", __name__, url_prefix="/till", views="boutique.sales.views")
