"""The till's pages, in three modules: the till and its cart, paying and receipts, days and returns."""

from boutique.sales import settings, views_day, views_pay, views_till  # noqa: F401
