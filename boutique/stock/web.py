"""What the stock pages share: the scanner's answers (JSON for its script, or a flash), and the choices."""

from flask import flash, jsonify, redirect
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from boutique.catalog.services import category_choices
from boutique.core import clock
from boutique.extensions import db
from boutique.items.labels import status_name
from boutique.items.models import Item
from boutique.places.services import list_locations
from boutique.sales.services.lines import item_label
from boutique.stock.findings import Finding
from boutique.stock.forms import StartCountForm, TransferForm
from boutique.stock.labels import FINDING_LABELS, FOUND_WORDS, SETTLEMENT_LABELS, count_status, transfer_status
from boutique.stock.models import Stocktake
from boutique.web.forms import options
from boutique.web.negotiation import wants_json


def scan_words(item: Item, finding: Finding, *, done, again: bool) -> tuple[str, str]:
    """The message and its kind (ok, info, warn) for one scan; ``done`` says what the scan did."""
    name = f"{item_label(item)} ({item.code})"
    if again:
        return str(_l("%(name)s: already scanned.", name=name)), "info"
    if finding in FOUND_WORDS:
        odd = FOUND_WORDS[finding] % {"place": item.location.name, "status": status_name(item.status)}
        return str(_l("%(done)s Note: %(odd)s", done=done % {"name": name}, odd=odd)), "warn"
    return str(done % {"name": name}), "ok"


def scan_answer(message: str, *, kind: str, status: int = 200, target: str, tally: tuple[int, str] | None = None):
    """JSON for the scanner's script, or a flash and back to the scanner for a plain form. ``tally``: the
    screen's count and its words (``ngettext``'s, for that number)."""
    if wants_json():
        number, words = tally or (None, None)
        response = jsonify({"ok": status < 400, "kind": kind, "message": message, "tally": number,
                            "tally_words": words})
        response.status_code = status
        return response
    flash(message, {"ok": "success", "info": "info", "warn": "warning"}.get(kind, "error"))
    return redirect(target)


def place_choices() -> list[tuple[str, str]]:
    return [(location.code, location.name) for location in list_locations(db.session) if location.active]


def category_select_choices() -> list[tuple[str, str]]:
    """Every category, each main category followed by its own (a count of a main one counts them too)."""
    choices = [("", str(_l("All categories")))]
    for pairs in category_choices(db.session, str(get_locale())).values():
        main, *children = pairs
        choices += [main, *((code, f"– {label}") for code, label in children)]
    return choices


def count_form() -> StartCountForm:
    form = StartCountForm()
    form.place.choices = options(place_choices())
    form.category.choices = options(category_select_choices())
    return form


def transfer_form() -> TransferForm:
    form = TransferForm()
    form.source.choices = form.destination.choices = options(place_choices())
    return form


def report_day(count: Stocktake) -> str:
    """The Stockholm date a finished count belongs to in the place-and-day report."""
    return clock.sales_day(count.finished_at).isoformat()


def register_globals(blueprint) -> None:
    for function in (count_status, transfer_status, report_day):
        blueprint.add_app_template_global(function)
    blueprint.add_app_template_global(FINDING_LABELS, "finding_labels")
    blueprint.add_app_template_global(SETTLEMENT_LABELS, "settlement_labels")
