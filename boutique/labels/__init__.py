"""Barcode price labels (PNG, A4 sheets, thermal sizes), the labels-to-print queue and personal badges."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import AreaBlueprint

MENU_LABEL = _l("Labels")
BADGES_MENU_LABEL = _l("Badges")

# The views load at registration: boutique.models imports labels.models before the app exists.
bp = AreaBlueprint("labels", __name__, url_prefix="/labels")
