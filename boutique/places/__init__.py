"""Meeting places (locations), their tills, and the shop's settings."""

from flask import Blueprint

bp = Blueprint("places", __name__, url_prefix="/places")

from boutique.places import views  # noqa: E402,F401
