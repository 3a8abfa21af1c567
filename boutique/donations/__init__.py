"""Donations: collections, drop-offs and pickups, and what they are split into."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import AreaBlueprint

MENU_LABEL = _l("Donations")

# Registering and unpacking; the views load at registration (boutique.models imports donations.models).
bp = AreaBlueprint("donations", __name__, url_prefix="/donations")
