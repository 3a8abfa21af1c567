"""The JSON API, /api/v1: the contract in shared/API.md, documented at /api/v1/openapi.json."""

from boutique.web.blueprints import AreaBlueprint

bp = AreaBlueprint("api", __name__, url_prefix="/api/v1", views=(
    "donations", "health", "items", "lots", "openapi", "people", "places", "privacy", "reports", "sales", "stock",
    "tilldays", "transfers", "vouchers"))
