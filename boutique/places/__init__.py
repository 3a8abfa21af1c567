"""Meeting places (locations), their tills, and the shop's settings."""

from boutique.web.blueprints import AreaBlueprint

bp = AreaBlueprint("places", __name__, url_prefix="/places")
