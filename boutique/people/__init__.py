"""People administration for supervisors and admins."""

from boutique.web.blueprints import AreaBlueprint

bp = AreaBlueprint("people", __name__, url_prefix="/people")
