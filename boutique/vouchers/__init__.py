"""Gift vouchers (presentkort): sold and redeemed at the till, printed as an A6 card with a barcode."""

from boutique.web.blueprints import AreaBlueprint

# boutique.models imports vouchers.models, so this package stays light: the views load on registration.
bp = AreaBlueprint("vouchers", __name__, url_prefix="/vouchers")
