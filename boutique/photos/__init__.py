"""Photos: validated, re-encoded uploads stored under generated names and served access-checked."""

from boutique.web.blueprints import AreaBlueprint

bp = AreaBlueprint("photos", __name__, url_prefix="/photos")
