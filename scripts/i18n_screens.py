"""Where each message appears, for translators and reviewers: source file -> screen.

``scripts/i18n.py update`` writes, for every message, an automatic comment (``#.``) naming the screen of
each file it comes from and the screenshot of the language tour that shows it
(``test-artifacts/screenshots/tour/<shot>-till-<language>.png``, made by tests/e2e/test_tour_languages.py).
The ``participant`` flag marks the screens participants use: their messages must be translated into
every language (``scripts/i18n.py check``); the others (supervisors' and admins' pages) may fall back
to Swedish. The first pattern that matches a file wins.
"""

from dataclasses import dataclass
from fnmatch import fnmatch


@dataclass(frozen=True)
class Screen:
    pattern: str
    name: str
    shot: str | None = None  # the language tour's screenshot name
    participant: bool = True


SHOT_FOLDER = "test-artifacts/screenshots/tour"

SCREENS = [
    Screen("templates/auth/login.html", "Sign-in page", "lang-signin"),
    Screen("templates/auth/password.html", "Change password page", "lang-password"),
    Screen("templates/base.html", "Every back-room page: header, menu, footer", "lang-home"),
    Screen("templates/_partials/*", "Every page: the language switch", "lang-home"),
    Screen("templates/_macros/*", "Forms, tables and pictures on many pages", "lang-home"),
    Screen("templates/errors/*", "Error pages (not found, not allowed, try again)"),
    Screen("templates/home/*", "Home page after sign-in", "lang-home"),
    Screen("templates/donations/new.html", "New donation form", "lang-donation-new"),
    Screen("templates/donations/unpack.html", "Unpacking a donation: category keys and the items so far",
           "lang-unpack"),
    Screen("templates/donations/*", "Donations list", "lang-donations"),
    Screen("templates/pipeline/_nav.html", "Work queues: the tabs (wash, sort, value, price)", "lang-queue-wash"),
    Screen("templates/pipeline/queue.html", "Work queues: wash, sort, value, price", "lang-queue-wash"),
    Screen("templates/pipeline/item.html", "An item's work page: sort, value or price one item", "lang-item-sort"),
    Screen("templates/pipeline/_item_summary.html", "An item's work page: what is known", "lang-item-sort"),
    Screen("templates/pipeline/weigh_outs.html", "Weighing out what leaves (recycling, waste)"),
    Screen("templates/items/view.html", "Item page: facts and history", "lang-item"),
    Screen("templates/items/*", "Item search", "lang-items"),
    Screen("templates/photos/*", "Photos on the item page", "lang-item"),
    Screen("templates/labels/badges.html", "Personal badges to print (supervisors)", participant=False),
    Screen("templates/labels/*", "Labels to print", "lang-labels"),
    Screen("templates/sales/_receipt.html", "The customer's receipt (always in Swedish)", participant=False),
    Screen("templates/sales/_figures.html", "X- and Z-report figures (always in Swedish)", participant=False),
    Screen("templates/sales/_x_document.html", "The X-report itself (always in Swedish)", participant=False),
    Screen("templates/sales/_z_document.html", "The Z-report itself (always in Swedish)", participant=False),
    Screen("templates/sales/_register.html", "Till: the bar on top of every till screen", "lang-till"),
    Screen("templates/sales/_keys.html", "Till: the keys along the bottom", "lang-till"),
    Screen("templates/sales/_cart.html", "Till: the lines in the cart", "lang-till"),
    Screen("templates/sales/_total.html", "Till: the total beside the cart", "lang-till"),
    Screen("templates/sales/till.html", "Till: scan, cart, total and Pay", "lang-till"),
    Screen("templates/sales/pay.html", "Till: paying (cash, card, Swish)", "lang-till-pay"),
    Screen("templates/sales/receipt.html", "Till: after a sale (change to give, the receipt)", "lang-till-receipt"),
    Screen("templates/sales/returns.html", "Till: a return", "lang-till-return"),
    Screen("templates/sales/closed.html", "Till: opening the till with the cash float", "lang-till-open"),
    Screen("templates/sales/close.html", "Till: closing the day (counting the cash)", "lang-till-close"),
    Screen("templates/sales/cashier.html", "Till: switching cashier (badge and PIN)", "lang-till-cashier"),
    Screen("templates/sales/*", "Till: other till screens (receipts of the day, X/Z report, PIN, tills)"),
    Screen("templates/privacy/erase.html", "Erasing a person's data (admins)", participant=False),
    Screen("templates/privacy/*", "Your own data page", "lang-data"),
    Screen("templates/production/*", "Production lots: the lot, its team, materials and products", "lang-lot"),
    Screen("templates/reports/participant.html", "Your work record", "lang-work"),
    Screen("templates/reports/feedback.html", "What sells: feedback on a lot's or a maker's products"),
    Screen("templates/reports/_report.html", "Report pages: period and filters (also your work record)",
           "lang-work"),
    Screen("templates/reports/*", "Reports (supervisors)", participant=False),
    Screen("templates/catalog/*", "Categories (supervisors)", participant=False),
    Screen("templates/people/*", "People (supervisors)", participant=False),
    Screen("templates/places/*", "Meeting places, tills and shop settings (admins)", participant=False),
    Screen("boutique/*/__init__.py", "The main menu (every page)", "lang-home"),
    Screen("boutique/sales/*", "Till: messages and form fields", "lang-till"),
    Screen("boutique/donations/*", "Donations and unpacking: messages and form fields", "lang-unpack"),
    Screen("boutique/pipeline/*", "Work queues and item work: messages and form fields", "lang-queue-wash"),
    Screen("boutique/items/*", "Items: statuses, grades and messages on many pages", "lang-item"),
    Screen("boutique/labels/*", "Labels to print: messages (the label itself is Swedish)", "lang-labels"),
    Screen("boutique/auth/*", "Sign-in, password and language", "lang-signin"),
    Screen("boutique/home/*", "Home page", "lang-home"),
    Screen("boutique/privacy/erasure.py", "Erasing a person's data (admins)", participant=False),
    Screen("boutique/privacy/*", "Your own data page", "lang-data"),
    Screen("boutique/production/*", "Production lots: messages and form fields", "lang-lot"),
    Screen("boutique/photos/*", "Photos on the item page", "lang-item"),
    Screen("boutique/auth/labels.py", "Role names, on many pages", "lang-home"),
    Screen("boutique/catalog/services.py", "Category choices on the work pages", "lang-item-sort"),
    Screen("boutique/reports/views_people.py", "Your work record", "lang-work"),
    Screen("boutique/reports/queries/participants.py", "Your work record", "lang-work"),
    Screen("boutique/reports/views_feedback.py", "What sells: feedback on a lot's or a maker's products"),
    Screen("boutique/reports/queries/feedback.py", "What sells: feedback on a lot's or a maker's products"),
    Screen("boutique/reports/forms.py", "Report pages: period and filters (also your work record)", "lang-work"),
    Screen("boutique/core/periods.py", "Report pages: period and filters (also your work record)", "lang-work"),
    Screen("boutique/web/tables.py", "Report tables (also your work record)", "lang-work"),
    Screen("boutique/reports/charts.py", "Report charts (also your work record)", "lang-work"),
    Screen("boutique/reports/*", "Reports (supervisors)", participant=False),
    Screen("boutique/catalog/*", "Categories (supervisors)", participant=False),
    Screen("boutique/people/*", "People (supervisors)", participant=False),
    Screen("boutique/places/*", "Meeting places, tills and shop settings (admins)", participant=False),
    Screen("boutique/exports/*", "Exports for the bookkeeping (supervisors)", participant=False),
    Screen("boutique/api/*", "The JSON API's error messages (for other programs)", participant=False),
    Screen("boutique/demo/*", "Demo data", participant=False),
    Screen("boutique/cli.py", "Command line", participant=False),
    Screen("boutique/*.py", "Messages on many pages (errors, money, dates, the menu)", "lang-home"),
    Screen("*", "Elsewhere", participant=False),
]


def screen_of(path: str) -> Screen:
    """The screen a source file (a path relative to the repository) belongs to."""
    return next(screen for screen in SCREENS if fnmatch(path, screen.pattern))


def shot_path(screen: Screen, language: str) -> str:
    return f"{SHOT_FOLDER}/{screen.shot}-till-{language}.png" if screen.shot else ""


def where_comment(paths: list[str]) -> list[str]:
    """The automatic comments for a message found in ``paths``: each screen once, with its screenshot.
    ``{lang}`` stands for the catalog's language (filled in when each catalog is written)."""
    comments = []
    for screen in dict.fromkeys(screen_of(path) for path in paths):
        comments.append(f"Screen: {screen.name}.")
        if screen.shot:
            comments.append(f"Screenshot: {shot_path(screen, '{lang}')}")
    return list(dict.fromkeys(comments))


def screen_names(paths: list[str]) -> list[str]:
    return list(dict.fromkeys(screen_of(path).name for path in paths))


def is_participant_message(paths: list[str]) -> bool:
    return any(screen_of(path).participant for path in paths)
