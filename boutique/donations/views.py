"""Register donations, list them, and unpack one item per key press (a plain form post, or fetch with JS)."""

from datetime import UTC, datetime

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice

from boutique.catalog.services import category_choices, get_category, list_categories
from boutique.core import clock
from boutique.donations import bp
from boutique.donations.forms import DonationForm, QuickAddForm
from boutique.donations.queries import category_counts, item_count, list_donations, recent_items, usual_location_id
from boutique.donations.services import get_donation, may_read_donor_notes, receive_donation, set_unpacked, unpack
from boutique.extensions import db
from boutique.places.services import get_location, list_locations
from boutique.web.access import STAFF, allow
from boutique.web.forms import grouped, options
from boutique.web.negotiation import wants_json
from boutique.web.refusals import refused

SHORTCUTS = 9  # number keys 1-9 pick the categories this donation (or the shop) uses most
SOURCE_NAMES = {"collection": _l("Collection"), "drop_off": _l("Drop-off"), "pickup": _l("Pickup")}


@bp.app_template_global()
def source_name(source) -> str:
    return str(SOURCE_NAMES.get(str(source), source))


def _local_to_utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=clock.STOCKHOLM).astimezone(UTC) if moment else None


@bp.get("/")
@allow(STAFF)
def index():
    rows = list_donations(db.session, limit=100)
    return render_template("donations/index.html", open_rows=[r for r in rows if r.donation.unpacked_at is None],
                           done_rows=[r for r in rows if r.donation.unpacked_at is not None])


@bp.route("/new", methods=["GET", "POST"])
@allow(STAFF)
def new():
    form = DonationForm()
    active = [loc for loc in list_locations(db.session) if loc.active]
    form.location.choices = options((loc.code, loc.name) for loc in active)
    usual = usual_location_id(db.session, current_user)
    known = [loc for loc in active if loc.id == usual] or (active if len(active) == 1 else [])
    if not known:  # never the first place in the alphabet by chance: the person chooses
        form.location.choices.insert(0, SelectChoice("", _("Choose a place")))
    elif not form.is_submitted():
        form.location.data = known[0].code
    if form.validate_on_submit():
        with refused(into=form.received_at.errors) as attempt:
            donation = receive_donation(
                db.session, source=form.source.data, location=get_location(db.session, form.location.data),
                by_user_id=current_user.id, received_at=_local_to_utc(form.received_at.data),
                weight_grams=form.weight.data, bags=form.bags.data, donor_note=form.donor_note.data,
                note=form.note.data)
        if attempt.ok:
            db.session.commit()
            flash(_("Donation %(id)s registered. Unpack it now or later.", id=donation.id), "success")
            return redirect(url_for("donations.unpack_page", donation_id=donation.id))
    return render_template("donations/new.html", form=form), 422 if form.errors else 200


def _quick_add_form(formdata=None, category: str | None = None) -> QuickAddForm:
    form = QuickAddForm(formdata=formdata, data={"category": category, "quantity": 1} if formdata is None else None)
    form.category.choices = grouped(category_choices(db.session, str(get_locale())))
    return form


def _shortcuts(donation, tally) -> list:
    """Categories for the number keys: this donation's so far, then the standard clothing ones."""
    chosen = [category for category, _ in tally][:SHORTCUTS]
    for category in list_categories(db.session):
        if len(chosen) >= SHORTCUTS:
            break
        if category.parent_id is not None and category not in chosen:
            chosen.append(category)
    return chosen


def _render_unpack(donation, form: QuickAddForm, status: int = 200):
    tally = category_counts(db.session, donation)
    return render_template("donations/unpack.html", donation=donation, form=form, tally=tally,
                           donor_note=donation.donor_note if may_read_donor_notes(current_user) else None,
                           total=sum(n for _, n in tally), shortcuts=_shortcuts(donation, tally),
                           recent=recent_items(db.session, donation)), status


@bp.get("/<int:donation_id>")
@allow(STAFF)
def unpack_page(donation_id: int):
    donation = get_donation(db.session, donation_id)
    return _render_unpack(donation, _quick_add_form(category=request.args.get("category")))


@bp.post("/<int:donation_id>/items")
@allow(STAFF)
def quick_add(donation_id: int):
    """Add one (or a few) items of a category: the unpacking key press."""
    donation = get_donation(db.session, donation_id)
    formdata = request.form.copy()
    if formdata.get("shortcut"):  # a quick-category button: add in that category directly
        formdata["category"] = formdata["shortcut"]
    form = _quick_add_form(formdata=formdata)
    if form.validate_on_submit():
        with refused(into=form.category.errors) as attempt:
            category = get_category(db.session, form.category.data)
            items = unpack(db.session, donation=donation, by_user_id=current_user.id,
                           items=[(category, form.description.data)] * (form.quantity.data or 1))
        if attempt.ok:
            db.session.commit()
            if wants_json():
                return jsonify({"items": [{"code": i.code, "category": category.code,
                                           "category_name": category.label(str(get_locale())),
                                           "description": i.description} for i in items],
                                "counts": {c.code: n for c, n in category_counts(db.session, donation)},
                                "total": item_count(db.session, donation)}), 201
            flash(_("Added %(code)s: %(category)s.", code=items[-1].code, category=category.label(str(get_locale()))),
                  "success")
            return redirect(url_for("donations.unpack_page", donation_id=donation.id, category=category.code,
                                    _anchor="add"))
    if wants_json():
        message = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return jsonify({"error": {"code": "invalid", "message": message}}), 422
    return _render_unpack(donation, form, status=422)


@bp.post("/<int:donation_id>/done")
@allow(STAFF)
def mark_done(donation_id: int):
    donation = get_donation(db.session, donation_id)
    done = request.form.get("done") != "0"
    set_unpacked(db.session, donation=donation, done=done)
    db.session.commit()
    flash(_("Donation %(id)s is unpacked.", id=donation.id) if done else
          _("Donation %(id)s is open for unpacking again.", id=donation.id), "success")
    return redirect(url_for("donations.index") if done else url_for("donations.unpack_page", donation_id=donation.id))
