"""A person's data: everything the boutique holds about them, to see and take with them (GDPR art. 15),
and erasure by anonymisation that keeps the sales, the books and the item histories whole (art. 17)."""

from boutique.web.blueprints import AreaBlueprint

bp = AreaBlueprint("privacy", __name__)
