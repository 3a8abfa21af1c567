"""The start page: what is waiting for this person."""

from boutique.web.blueprints import AreaBlueprint

bp = AreaBlueprint("home", __name__)
