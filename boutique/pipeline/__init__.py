"""The material pipeline after unpacking: washing, sorting, valuation, pricing and bulk weigh-outs."""

from flask_babel import lazy_gettext as _l

from boutique.web.blueprints import AreaBlueprint

MENU_LABEL = _l("Work queues")

# The work queues; the views load at registration (boutique.models imports pipeline.models).
bp = AreaBlueprint("pipeline", __name__, url_prefix="/pipeline", views=("views", "views_item", "views_weigh"))
