"""Donations: collections, drop-offs and pickups, and what they are split into."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import LateViewsBlueprint

MENU_LABEL = _l("Donations")

# Registering and unpacking; the views load at registration (boutique.models imports donations.models).
bp = LateViewsBlueprint("donations", __name__, url_prefix="/donations", views="boutique.donations.views")
