"""A blueprint whose views are imported when an app registers it, not when its package is imported.

For areas whose ``models`` module other models import (``items``, ``catalog``): importing the views from
the package's ``__init__`` would pull the whole app into the middle of ``boutique.models`` and cycle.
"""

import importlib

from flask import Blueprint


class LateViewsBlueprint(Blueprint):
    def __init__(self, *args, views: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.views_module = views

    def register(self, app, options) -> None:
        importlib.import_module(self.views_module)
        super().register(app, options)
