"""Redesign production lots: teams turn donated material into new goods."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import AreaBlueprint

# Views load at registration: boutique.models imports production.models, and the views import the app.
bp = AreaBlueprint("production", __name__, url_prefix="/lots", views=("views", "views_instructions", "views_work"))

# The main menu's label, here so that it is translated in this area's catalog.
MENU_LABEL = _l("Production")
