"""People administration for supervisors and admins."""

from flask import Blueprint

bp = Blueprint("people", __name__, url_prefix="/people")

from boutique.people import views  # noqa: E402,F401
