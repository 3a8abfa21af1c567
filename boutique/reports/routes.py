"""Imports every view module of the reports blueprint (loaded when the app registers it)."""

from boutique.reports import views, views_feedback, views_people, views_till  # noqa: F401
