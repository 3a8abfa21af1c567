"""What other areas show on an item's page: each registers a panel, a function of the item that answers
the template values it adds. Items stand below the areas that add to their page (production, photos), so
those areas register here rather than the item page importing them."""

from collections.abc import Callable

from boutique.items.models import Item

Panel = Callable[[Item], dict]
_PANELS: list[Panel] = []


def item_panel(panel: Panel) -> Panel:
    """Decorator: ``panel(item)`` answers the values it adds to ``items/view.html``."""
    if panel not in _PANELS:
        _PANELS.append(panel)
    return panel


def panels_for(item: Item) -> dict:
    values: dict = {}
    for panel in _PANELS:
        values.update(panel(item))
    return values
