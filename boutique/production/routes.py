"""Imports every view module of the area (the blueprint loads this when an app registers it)."""

from boutique.production import views, views_instructions, views_work  # noqa: F401
