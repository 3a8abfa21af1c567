"""The start page: what is waiting for this person."""

from flask import Blueprint

bp = Blueprint("home", __name__)

from boutique.home import views  # noqa: E402,F401
