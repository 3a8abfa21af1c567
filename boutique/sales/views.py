"""The till's pages, in three modules: the till and its cart, paying and receipts, days and returns; and the
till's language (its cashier's)."""

from boutique.sales import bp, till_settings, views_day, views_language, views_pay, views_till  # noqa: F401
from boutique.sales.keys import KEY_MAP

# The key map is the same on every till screen, and the templates' key macros need it without context.
bp.add_app_template_global(KEY_MAP, "till_keys")
