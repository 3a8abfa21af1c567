"""A person's data: everything the boutique holds about them, to see and take with them (GDPR art. 15),
and erasure by anonymisation that keeps the sales, the books and the item histories whole (art. 17)."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

from boutique.privacy import views  # noqa: E402,F401
