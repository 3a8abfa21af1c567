"""Sign-in, sign-out, password change and language choice."""

from boutique.web.blueprints import AreaBlueprint

bp = AreaBlueprint("auth", __name__)
