"""The JSON API, /api/v1: the contract in shared/API.md, documented at /api/v1/openapi.json."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from boutique.api import (  # noqa: E402,F401
    donations,
    health,
    items,
    lots,
    openapi,
    people,
    places,
    privacy,
    reports,
    sales,
    stock,
    tilldays,
    transfers,
    vouchers,
)
