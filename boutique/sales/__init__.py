"""The till: scan, sell, pay, receipts, returns, till days with X- and Z-reports."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import AreaBlueprint

MENU_LABEL = _l("Till")

# The views (and with them the till's shop settings) load when the app registers the blueprint:
# boutique.models imports sales.models, so this package must stay light.
bp = AreaBlueprint("sales", __name__, url_prefix="/till", views=(
    "views_till", "views_pay", "views_day", "views_language"))
