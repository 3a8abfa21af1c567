"""Photos belong to lots: reuse the production factories."""

from tests.production.conftest import make_lot, make_material, supervisor  # noqa: F401
