"""Photos: validated, re-encoded uploads stored under generated names and served access-checked."""

from boutique.web.blueprints import LateViewsBlueprint

bp = LateViewsBlueprint("photos", __name__, url_prefix="/photos", views="boutique.photos.views")
