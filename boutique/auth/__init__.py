"""Sign-in, sign-out, password change and language choice."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from boutique.auth import views  # noqa: E402,F401
