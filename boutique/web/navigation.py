"""The main menu: each entry names its endpoint; a person sees the entries their role may open.
The entries and their order are the app's (boutique/menu.py), given at start-up."""

from collections.abc import Iterable
from dataclasses import dataclass

from flask import Flask, current_app, request, url_for

from boutique.web.access import policy_for


@dataclass(frozen=True)
class MenuEntry:
    endpoint: str
    label: object
    key: str = ""


def register_menu(app: Flask, entries: Iterable[MenuEntry]) -> None:
    """The menu is given, not imported: it names every area, and web/ stands below them all."""
    app.extensions["boutique.menu"] = tuple(entries)


def menu_for(user) -> list[dict]:
    entries = []
    for entry in current_app.extensions.get("boutique.menu", ()):
        if entry.endpoint not in current_app.view_functions:
            continue
        policy = policy_for(current_app, entry.endpoint) or frozenset()
        if user.role not in policy:
            continue
        url = url_for(entry.endpoint)
        entries.append({"url": url, "label": entry.label, "key": entry.key,
                        "current": request.path == url or (url != "/" and request.path.startswith(url))})
    return entries
