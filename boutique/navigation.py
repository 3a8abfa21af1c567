"""The main menu: each entry names its endpoint and the roles that see it."""

from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l

from boutique.access import policy_for


@dataclass(frozen=True)
class MenuEntry:
    endpoint: str
    label: object
    key: str = ""


# Ordered as the work flows. An entry shows when its endpoint exists and the person's role passes
# that endpoint's own policy, so the menu can never offer a page that would answer 403.
MENU: list[MenuEntry] = [
    MenuEntry("home.index", _l("Home"), "h"),
    MenuEntry("people.index", _l("People")),
    MenuEntry("places.index", _l("Locations")),
    MenuEntry("places.settings", _l("Settings")),
]


def menu_for(user) -> list[dict]:
    entries = []
    for entry in MENU:
        if entry.endpoint not in current_app.view_functions:
            continue
        policy = policy_for(current_app, entry.endpoint) or frozenset()
        if user.role not in policy:
            continue
        url = url_for(entry.endpoint)
        entries.append({"url": url, "label": entry.label, "key": entry.key,
                        "current": request.path == url or (url != "/" and request.path.startswith(url))})
    return entries
