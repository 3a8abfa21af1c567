"""An area's blueprint names its view modules; they are imported when an app registers it.

The one way views are registered. Importing an area stays light (other areas and boutique.models import
its models); its views, which reach for forms, templates and other areas' services, load only when an
app is built.
"""

import importlib
from collections.abc import Iterable

from flask import Blueprint


class AreaBlueprint(Blueprint):
    """``bp = AreaBlueprint("sales", __name__, url_prefix="/till", views=("views_till", "views_pay"))``:
    ``views`` are module names inside the area's package (default: ``views``)."""

    def __init__(self, name: str, import_name: str, *, views: Iterable[str] = ("views",), **kwargs):
        super().__init__(name, import_name, **kwargs)
        self.view_modules = tuple(f"{import_name}.{module}" for module in views)

    def register(self, app, options) -> None:
        for module in self.view_modules:
            importlib.import_module(module)
        super().register(app, options)
