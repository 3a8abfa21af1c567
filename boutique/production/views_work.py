"""The work in a lot from its page: scan materials, bulk material, hours, products and their rules."""

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from boutique.auth.models import User
from boutique.catalog.services import category_choices
from boutique.core.errors import DomainError
from boutique.core.money import format_input
from boutique.extensions import db
from boutique.photos.forms import PhotoForm
from boutique.photos.services import photos_of
from boutique.pricing.markdown import item_shelf_price
from boutique.production import bp, services, work
from boutique.production.forms import BulkForm, HoursForm, MaterialCodesForm, ProductForm, ProductRulesForm
from boutique.production.models import LotRole
from boutique.production.pages import lot_for
from boutique.production.queries import history_of, lot_story, provenance_for, today_stockholm
from boutique.web.access import EVERYONE, allow
from boutique.web.forms import grouped, options


def _lot(lot_id: int, **access):
    return lot_for(lot_id, **access)


def _hours_people(lot, story) -> list[SelectChoice]:
    """Yourself, or (for a supervisor) anyone in the team."""
    if services.may_manage(db.session, current_user, lot):
        return options((m.user_id, m.user.display_name) for m in story.members)
    return options([(current_user.id, current_user.display_name)])


def _product_form(story, formdata=None) -> ProductForm:
    form = ProductForm(formdata=formdata) if formdata is not None else ProductForm()
    form.category.choices = grouped(category_choices(db.session, str(get_locale())))
    form.makers.choices = options((m.user_id, m.user.display_name) for m in story.members)
    form.materials.choices = options((m.code, f"{m.code} · {m.description or m.category.label(str(get_locale()))}")
                                     for m in story.materials)
    return form


def work_forms(lot, story) -> dict:
    hours_form = HoursForm(formdata=None, day=today_stockholm(), person=current_user.id)
    hours_form.person.choices = _hours_people(lot, story)
    product_form = _product_form(story, formdata=None)
    product_form.makers.data = [m.user_id for m in story.members
                                if m.role in (LotRole.participant, LotRole.student)]
    return {"scan_form": MaterialCodesForm(formdata=None), "bulk_form": BulkForm(formdata=None),
            "hours_form": hours_form, "product_form": product_form}


def _back(lot, anchor: str):
    return redirect(url_for("production.show", lot_id=lot.id) + f"#{anchor}", code=303)


def _done(action, success: str, lot, anchor: str):
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(success, "success")
    return _back(lot, anchor)


def _form_errors(form) -> None:
    for field_errors in form.errors.values():
        for error in field_errors:
            flash(str(error), "error")


@bp.post("/<int:lot_id>/materials")
@allow(EVERYONE)
def consume(lot_id: int):
    lot = _lot(lot_id, write=True)
    form = MaterialCodesForm()
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(lot, "materials")
    codes = form.code_list()
    return _done(lambda: work.consume_materials(db.session, lot=lot, codes=codes, by_user=current_user),
                 _("%(n)d items used as material.", n=len(set(codes))), lot, "materials")


@bp.post("/<int:lot_id>/bulk")
@allow(EVERYONE)
def add_bulk(lot_id: int):
    lot = _lot(lot_id, write=True)
    form = BulkForm()
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(lot, "materials")
    return _done(lambda: work.add_bulk_material(db.session, lot=lot, fibre=form.fibre.data, weight_grams=form.grams,
                                                description=form.description.data, by_user=current_user),
                 _("Bulk material recorded."), lot, "materials")


@bp.post("/<int:lot_id>/hours")
@allow(EVERYONE)
def log_hours(lot_id: int):
    lot = _lot(lot_id, write=True)
    form = HoursForm()
    form.person.choices = options((m.user_id, "") for m in lot.members)
    if form.person.data is not None and form.person.data != current_user.id:
        # For someone else: a supervisor's, asked before the person is checked against the team.
        services.check_lot_access(db.session, current_user, lot, manage=True)
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(lot, "hours")

    person = db.session.get(User, form.person.data)
    return _done(lambda: work.log_hours(db.session, lot=lot, person=person, day=form.day.data,
                                        minutes=work.parse_hours(form.hours.data), by_user=current_user),
                 _("Hours saved."), lot, "hours")


@bp.post("/<int:lot_id>/products")
@allow(EVERYONE)
def create_products(lot_id: int):
    lot = _lot(lot_id, write=True)
    form = _product_form(lot_story(db.session, lot))
    if not form.validate_on_submit():
        _form_errors(form)
        return _back(lot, "products")
    makers_by_id = {m.user_id: m.user.username for m in lot.members}
    makers = [makers_by_id[uid] for uid in form.makers.data] or None
    spec = [work.NewProduct(category=form.category.data, description=form.description.data, makers=makers,
                            materials=list(form.materials.data or []), markdown_exempt=form.markdown_exempt.data,
                            floor_price_ore=form.floor_ore) for _n in range(form.quantity.data)]
    return _done(lambda: work.create_products(db.session, lot=lot, products=spec, by_user=current_user),
                 _("%(n)d products added. They go on to valuation and pricing.", n=len(spec)), lot, "products")


@bp.get("/<int:lot_id>/products/<code>")
@allow(EVERYONE)
def product(lot_id: int, code: str):
    lot = _lot(lot_id)
    item = work.get_product(db.session, lot=lot, code=code)
    rules_form = ProductRulesForm(formdata=None, markdown_exempt=item.markdown_exempt)
    if item.floor_price_ore:
        rules_form.floor_price.data = format_input(item.floor_price_ore)
    return render_template(
        "production/product.html", lot=lot, item=item, provenance=provenance_for(db.session, item),
        history=history_of(db.session, [item])[item.id], shelf=item_shelf_price(item), rules_form=rules_form,
        photos=photos_of(db.session, item=item), photo_form=PhotoForm())


@bp.post("/<int:lot_id>/products/<code>/rules")
@allow(EVERYONE)
def product_rules(lot_id: int, code: str):
    lot = _lot(lot_id, write=True)
    item = work.get_product(db.session, lot=lot, code=code)
    form = ProductRulesForm()
    if form.validate_on_submit():
        try:
            work.set_product_rules(db.session, lot=lot, product=item, markdown_exempt=form.markdown_exempt.data,
                                   floor_price_ore=form.floor_ore)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
    else:
        _form_errors(form)
    return redirect(url_for("production.product", lot_id=lot.id, code=item.code), code=303)
