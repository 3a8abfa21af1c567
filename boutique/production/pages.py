"""What every lot page does first: the lot from the URL, with the access the page needs (404/403)."""

from flask_login import current_user

from boutique.extensions import db
from boutique.production import services


def lot_for(lot_id: int, *, write: bool = False, manage: bool = False):
    """The lot, if the signed-in person may see (or work in, or manage) it: else 404/403."""
    return services.get_lot_for(db.session, current_user, lot_id, write=write, manage=manage)
