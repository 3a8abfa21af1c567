"""One item's work page: the form for the step it is waiting for, and each step's POST."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from boutique.catalog.services import category_choices, get_category
from boutique.core.errors import DomainError
from boutique.extensions import db
from boutique.items.labels import NEXT_STEP, STATUS_PHRASES
from boutique.items.models import Grade, Item, ItemStatus
from boutique.items.services import get_item
from boutique.pipeline import bp, services
from boutique.pipeline.forms import PriceForm, SkipWashForm, SortForm, ValueForm, WashForm
from boutique.pipeline.queries import QUEUES, in_queue
from boutique.pipeline.valuation import suggest_value
from boutique.pricing.markdown import item_shelf_price
from boutique.web.access import STAFF, allow
from boutique.web.forms import grouped


def _queue_key(item: Item) -> str | None:
    """The queue an item is waiting in (None when it waits in none)."""
    return next((key for key in QUEUES if in_queue(item, key, db.session)), None)


def _sort_form(item: Item, formdata=None) -> SortForm:
    known = {"category": item.category.code, "grade": item.grade.value if item.grade else None,
             "condition": str(item.condition) if item.condition else None, "weight": item.weight_grams,
             **{name: getattr(item, name) for name in ("fibre", "colour", "size", "brand", "disruptors")}}
    form = SortForm(formdata=formdata, data=None if formdata else known)
    form.category.choices = grouped(category_choices(db.session, str(get_locale())))
    return form


# The forms each queue's step begins with: the wash queue opens an item at its wash, not at its sorting.
STEP_FIRST = {"wash": ("wash", "skip"), "sort": ("sort",), "value": ("value",), "price": ("price",)}


def _in_step_order(forms: dict, queue: str | None) -> dict:
    first = [key for key in STEP_FIRST.get(queue or "", ()) if key in forms]
    return {key: forms[key] for key in [*first, *(key for key in forms if key not in first)]}


def _forms(item: Item) -> dict:
    """Fresh forms for whatever the item can do next; prefilled with what is known."""
    forms = {}
    if item.status == ItemStatus.received:
        forms["wash"] = WashForm(formdata=None)
        forms["skip"] = SkipWashForm(formdata=None)
    if item.status in (ItemStatus.received, ItemStatus.washed) or (
            item.status == ItemStatus.sorted and item.grade == Grade.repair):
        forms["sort"] = _sort_form(item)
    elif item.status == ItemStatus.sorted:
        forms["value"] = ValueForm(formdata=None)
    elif item.status in (ItemStatus.valued, ItemStatus.for_sale):
        forms["price"] = PriceForm(formdata=None, markdown_exempt=item.markdown_exempt,
                                   floor_price=item.floor_price_ore, seen=pricing_state(item))
    return forms


def pricing_state(item: Item) -> str:
    return f"{item.status.value}:{item.priced_at.isoformat() if item.priced_at else ''}"


def render_work(item: Item, *, status: int = 200, **overrides):
    forms = _forms(item)
    forms.update({key: form for key, form in overrides.items() if key in forms})
    suggestion = suggest_value(db.session, item) if "value" in forms or "price" in forms else None
    if "value" in forms and not forms["value"].value.raw_data and suggestion and suggestion.value_ore is not None:
        forms["value"].value.data = suggestion.value_ore
    if "price" in forms and not forms["price"].price.raw_data:
        forms["price"].price.data = item.price_ore if item.status == ItemStatus.for_sale else (
            item.value_ore or None)
    back = request.values.get("queue")
    back = back if back in QUEUES else _queue_key(item)
    return render_template("pipeline/item.html", item=item, forms=_in_step_order(forms, back), suggestion=suggestion,
                           queue=back,
                           queues=QUEUES, status_label=STATUS_PHRASES[item.status], hint=NEXT_STEP[item.status],
                           shelf=item_shelf_price(item)), status


def _after(item: Item, message: str):
    db.session.commit()
    flash(message, "success")
    back = request.form.get("queue")
    if back in QUEUES:
        return redirect(url_for(QUEUES[back].endpoint))
    return redirect(url_for("pipeline.work", code=item.code))


def _refused(item: Item, error: DomainError, **overrides):
    db.session.rollback()
    item = get_item(db.session, item.code)
    flash(str(error.message), "error")
    return render_work(item, status=error.status if error.status in (409, 422) else 422, **overrides)


@bp.get("/items/<code>")
@allow(STAFF)
def work(code: str):
    return render_work(get_item(db.session, code))


@bp.post("/items/<code>/wash")
@allow(STAFF)
def wash(code: str):
    item = get_item(db.session, code)
    form = WashForm()
    if not form.validate_on_submit():
        return render_work(item, status=422, wash=form)
    try:
        load = services.wash_items(db.session, items=[item], by_user_id=current_user.id,
                                   location_id=item.location_id, program=form.program.data,
                                   temperature_c=form.temperature.data, note=form.note.data)
    except DomainError as error:
        return _refused(item, error)
    return _after(item, _("%(code)s washed (wash load %(id)s).", code=item.code, id=load.id))


@bp.post("/items/<code>/skip-wash")
@allow(STAFF)
def skip_wash(code: str):
    item = get_item(db.session, code)
    form = SkipWashForm()
    if not form.validate_on_submit():
        return render_work(item, status=422, skip=form)
    try:
        services.skip_wash(db.session, item=item, reason=form.reason.data, by_user_id=current_user.id)
    except DomainError as error:
        return _refused(item, error)
    return _after(item, _("%(code)s goes on to sorting without a wash.", code=item.code))


@bp.post("/items/<code>/sort")
@allow(STAFF)
def sort(code: str):
    item = get_item(db.session, code)
    form = _sort_form(item, formdata=request.form)
    if not form.validate_on_submit():
        return render_work(item, status=422, sort=form)
    try:
        services.sort_item(
            db.session, item=item, category=get_category(db.session, form.category.data), grade=form.grade.data,
            by_user_id=current_user.id, fibre=form.fibre.data, colour=form.colour.data, size=form.size.data,
            brand=form.brand.data, condition=int(form.condition.data) if form.condition.data else None,
            disruptors=form.disruptors.data, weight_grams=form.weight.data)
    except DomainError as error:
        return _refused(item, error, sort=form)
    return _after(item, _("%(code)s saved: %(status)s.", code=item.code, status=STATUS_PHRASES[item.status]))


@bp.post("/items/<code>/value")
@allow(STAFF)
def value(code: str):
    item = get_item(db.session, code)
    form = ValueForm()
    if not form.validate_on_submit():
        return render_work(item, status=422, value=form)
    suggestion = suggest_value(db.session, item)
    try:
        services.value_item(db.session, item=item, value_ore=form.value.data, by_user_id=current_user.id,
                            suggested_ore=suggestion.value_ore)
    except DomainError as error:
        return _refused(item, error, value=form)
    return _after(item, _("%(code)s valued.", code=item.code))


@bp.post("/items/<code>/price")
@allow(STAFF)
def price(code: str):
    item = get_item(db.session, code)
    form = PriceForm()
    if not form.validate_on_submit():
        return render_work(item, status=422, price=form)
    if form.seen.data and form.seen.data != pricing_state(item):
        # Priced since this form was shown (a double click, a replayed post, a colleague): pricing
        # again would restart the markdown clock and write a second history row, so nothing changes.
        flash(_("%(code)s was priced meanwhile: nothing changed. Check the price below.", code=item.code), "info")
        return redirect(url_for("pipeline.work", code=item.code), 303)
    try:
        services.price_item(db.session, item=item, price_ore=form.price.data, by_user_id=current_user.id,
                            markdown_exempt=form.markdown_exempt.data, floor_price_ore=form.floor_price.data)
    except DomainError as error:
        return _refused(item, error, price=form)
    return _after(item, _("%(code)s is for sale. Print a new label.", code=item.code))
