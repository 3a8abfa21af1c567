"""Work queues (oldest first, a scan box, batch actions) and the per-item work page."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from boutique.core.errors import DomainError
from boutique.extensions import db
from boutique.items.models import Item
from boutique.items.services import get_item
from boutique.pipeline import bp, services
from boutique.pipeline.forms import BatchPriceForm, ItemLookupForm, WashForm
from boutique.pipeline.queries import QUEUES, queue_counts, queue_items, recent_wash_loads
from boutique.places.services import list_locations
from boutique.web.access import STAFF, allow


def resolve_codes(codes: list[str]) -> tuple[list[Item], list[str]]:
    """The items of scanned codes, and a message for each code that is bad or unknown."""
    if len(codes) > services.MAX_BATCH:
        return [], [_("At most %(n)s items at a time.", n=services.MAX_BATCH)]
    items, problems = [], []
    for code in codes:
        try:
            items.append(get_item(db.session, code))
        except DomainError as error:
            problems.append(f"{code}: {error.message}")
    return items, problems


def _location_filter() -> tuple[list, int | None, str]:
    locations = [loc for loc in list_locations(db.session) if loc.active]
    code = (request.args.get("location") or "").strip().upper()
    chosen = next((loc for loc in locations if loc.code == code), None)
    return locations, chosen.id if chosen else None, chosen.code if chosen else ""


def render_queue(key: str, *, batch_form=None, problems: list[str] | None = None, status: int = 200):
    locations, location_id, location_code = _location_filter()
    context = {
        "queue": QUEUES[key], "queues": QUEUES, "counts": queue_counts(db.session, location_id=location_id),
        "items": queue_items(db.session, key, location_id=location_id), "scan_form": ItemLookupForm(formdata=None),
        "batch_form": batch_form, "problems": problems or [], "locations": locations,
        "location_code": location_code,
    }
    if key == "wash":
        context["wash_loads"] = recent_wash_loads(db.session, limit=10)
    if key == "sort":
        context["repairs"] = queue_items(db.session, "repair", location_id=location_id)
    return render_template("pipeline/queue.html", **context), status


@bp.get("/wash")
@allow(STAFF)
def queue_wash():
    return render_queue("wash", batch_form=WashForm(formdata=None))


@bp.get("/sort")
@allow(STAFF)
def queue_sort():
    return render_queue("sort")


@bp.get("/value")
@allow(STAFF)
def queue_value():
    return render_queue("value")


@bp.get("/price")
@allow(STAFF)
def queue_price():
    return render_queue("price", batch_form=BatchPriceForm(formdata=None))


@bp.post("/wash")
@allow(STAFF)
def wash_batch():
    """Wash the scanned (or ticked) items as one wash load."""
    form = WashForm()
    problems: list[str] = []
    if form.validate_on_submit():
        items, problems = resolve_codes(form.codes.data)
        if not problems:
            try:
                location_id = items[0].location_id if items else 0  # the service refuses an empty set
                load = services.wash_items(db.session, items=items, by_user_id=current_user.id,
                                           location_id=location_id, program=form.program.data,
                                           temperature_c=form.temperature.data, note=form.note.data)
            except DomainError as error:
                db.session.rollback()
                problems.append(str(error.message))
            else:
                db.session.commit()
                flash(ngettext("Wash load %(id)s: %(num)s item washed.", "Wash load %(id)s: %(num)s items washed.",
                               len(load.items), id=load.id), "success")
                return redirect(url_for("pipeline.queue_wash"))
    return render_queue("wash", batch_form=form, problems=problems, status=422)


@bp.post("/price")
@allow(STAFF)
def price_batch():
    """Price the scanned items: one price for all, or each at its value."""
    form = BatchPriceForm()
    problems: list[str] = []
    if form.validate_on_submit():
        items, problems = resolve_codes(form.codes.data)
        if not problems:
            try:
                priced = services.price_items(db.session, items=items, by_user_id=current_user.id,
                                              price_ore=form.price.data)
            except DomainError as error:
                db.session.rollback()
                problems.append(str(error.message))
            else:
                db.session.commit()
                flash(ngettext("%(num)s item priced.", "%(num)s items priced.", len(priced)), "success")
                return redirect(url_for("pipeline.queue_price"))
    return render_queue("price", batch_form=form, problems=problems, status=422)


@bp.get("/scan")
@allow(STAFF)
def scan():
    """A scanned or typed code opens that item's work page."""
    form = ItemLookupForm(request.args)
    back = request.args.get("queue") if request.args.get("queue") in QUEUES else "wash"
    if not form.validate():
        flash(_("Scan or type an item code."), "error")
        return redirect(url_for(QUEUES[back].endpoint))
    try:
        item = get_item(db.session, form.code.data)
    except DomainError as error:
        flash(str(error.message), "error")
        return redirect(url_for(QUEUES[back].endpoint))
    return redirect(url_for("pipeline.work", code=item.code, queue=back))

