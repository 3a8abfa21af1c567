"""Sign-in, sign-out, password change and language choice."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
# Its views are imported by register_blueprints, not here: boutique.web.access needs auth.models (Role), and
# the views need boutique.web.access, so importing them with the package made a cycle.
