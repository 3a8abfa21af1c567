"""The taxonomy page; supervisors edit names, VAT, guide prices and markdown ladders, and add categories."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from boutique.catalog import bp
from boutique.catalog.editing import create_category, format_ladder_text, parse_ladder_text, update_category
from boutique.catalog.forms import CategoryForm, NewCategoryForm
from boutique.catalog.models import Category
from boutique.catalog.services import every_category, find_category, main_categories
from boutique.extensions import db
from boutique.pricing.markdown import DEFAULT_LADDER, TAG_COLOURS, parse_ladder
from boutique.web.access import MANAGERS, STAFF, allow
from boutique.web.forms import options
from boutique.web.refusals import refused

# Which field shows a service's refusal.
_ERROR_FIELDS = {"invalid_ladder": "ladder", "invalid_code": "code", "category_exists": "code",
                 "invalid_price": "guide_price", "invalid_vat": "vat_rate", "invalid_parent": "parent"}


@bp.get("/")
@allow(STAFF)
def index():
    categories = every_category(db.session)
    ladders = {c.id: parse_ladder(c.markdown_ladder) for c in categories}
    return render_template("catalog/index.html", mains=[c for c in categories if c.parent_id is None],
                           categories=categories, ladders=ladders, default_ladder=DEFAULT_LADDER,
                           tag_colours=TAG_COLOURS, may_edit=current_user.role in MANAGERS)


def _save(form, category: Category | None):
    saved = _save_facts(form, category)
    saved.names = form.other_names() or None  # what the form shows is all there is
    return saved


def _save_facts(form, category: Category | None):
    ladder = parse_ladder_text(form.ladder.data)
    vat = int(form.vat_rate.data)
    if category is None:
        parent = find_category(db.session, form.parent.data) if form.parent.data else None
        return create_category(db.session, code=form.code.data, name=form.name.data, name_en=form.name_en.data,
                               parent=parent, vat_rate_percent=vat, guide_price_ore=form.guide_price.data,
                               markdown_ladder=ladder)
    return update_category(db.session, category, name=form.name.data, name_en=form.name_en.data,
                           vat_rate_percent=vat, guide_price_ore=form.guide_price.data, markdown_ladder=ladder,
                           active=form.active.data)


@bp.route("/<code>", methods=["GET", "POST"])
@allow(MANAGERS)
def edit(code: str):
    category = find_category(db.session, code) or abort(404)
    form = CategoryForm(data=None if request.method == "POST" else {
        "name": category.name, "name_en": category.name_en, "vat_rate": str(category.vat_rate_percent),
        "guide_price": category.guide_price_ore, "ladder": format_ladder_text(category.markdown_ladder),
        "active": category.active, **{f"name_{code}": name for code, name in (category.names or {}).items()}})
    return _handle(form, category)


@bp.route("/new", methods=["GET", "POST"])
@allow(MANAGERS)
def new():
    form = NewCategoryForm()
    mains = main_categories(db.session)
    form.parent.choices = options([("", _("None: a new main category")), *((c.code, c.name) for c in mains)])
    return _handle(form, None)


def _handle(form, category: Category | None):
    if form.validate_on_submit():
        with refused() as attempt:
            saved = _save(form, category)
        if attempt.ok:
            db.session.commit()
            flash(_("%(name)s saved.", name=saved.name), "success")
            return redirect(url_for("catalog.index"))
        name = _ERROR_FIELDS.get(attempt.error.code, "name")
        form[name if name in form else "name"].errors.append(attempt.message)
    return render_template("catalog/form.html", form=form, category=category), 422 if form.errors else 200
