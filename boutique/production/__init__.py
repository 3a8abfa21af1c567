"""Redesign production lots: teams turn donated material into new goods."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import LateViewsBlueprint

# Views load at registration: boutique.models imports production.models, and the views import the app.
bp = LateViewsBlueprint("production", __name__, url_prefix="/lots", views="boutique.production.routes")

# The main menu's label, here so that it is translated in this area's catalog.
MENU_LABEL = _l("Production")
