"""Lot pages: the list, a new lot, the lot's story page, editing, status and team."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from boutique.auth.models import User
from boutique.auth.queries import active_non_admins, active_user_ids
from boutique.core.errors import DomainError
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.items.labels import STATUS_PHRASES
from boutique.items.models import Item, ItemStatus
from boutique.items.panels import item_panel
from boutique.photos.forms import PhotoForm
from boutique.photos.services import photos_of
from boutique.places.services import list_locations
from boutique.production import bp, services
from boutique.production.forms import ConfirmForm, LotForm, MemberForm, StatusForm
from boutique.production.labels import LOT_ROLE_LABELS, LOT_STATUS_LABELS
from boutique.production.models import LotRole, LotStatus
from boutique.production.pages import lot_for
from boutique.production.queries import hours_count, hours_text, lot_story, lot_that_consumed, lots_for, provenance_for
from boutique.production.services import LOT_TRANSITIONS
from boutique.production.views_work import work_forms
from boutique.web.access import EVERYONE, STAFF, allow
from boutique.web.forms import options


def _location_choices():
    return options((loc.code, f"{loc.name} ({loc.code})") for loc in list_locations(db.session) if loc.active)


@bp.get("/")
@allow(EVERYONE)
def index():
    status = request.args.get("status")
    status = LotStatus(status) if status in LotStatus.__members__ else None
    tag = (request.args.get("tag") or "").strip()[:40] or None
    return render_template("production/index.html", lots=lots_for(db.session, current_user, status=status, tag=tag),
                           status=status, tag=tag, statuses=LOT_STATUS_LABELS,
                           may_create=current_user.role != Role.student)


@bp.route("/new", methods=["GET", "POST"])
@allow(STAFF)
def new():
    form = LotForm()
    form.location.choices = _location_choices()
    if form.validate_on_submit():
        try:
            lot = services.create_lot(
                db.session, title=form.title.data, concept=form.concept.data, inspiration=form.inspiration.data,
                tags=form.tags.data, location_code=form.location.data, starts_on=form.starts_on.data,
                ends_on=form.ends_on.data, by_user=current_user)
        except DomainError as error:
            db.session.rollback()
            form.title.errors.append(str(error.message))
        else:
            db.session.commit()
            flash(_("Lot started."), "success")
            return redirect(url_for("production.show", lot_id=lot.id))
    return render_template("production/form.html", form=form, lot=None), 422 if form.errors else 200


@bp.get("/<int:lot_id>")
@allow(EVERYONE)
def show(lot_id: int):
    lot = lot_for(lot_id)
    may_manage = services.may_manage(db.session, current_user, lot)
    story = lot_story(db.session, lot)
    member_form = None
    if may_manage:
        member_form = MemberForm()
        in_team = {m.user_id for m in story.members}
        people = active_non_admins(db.session)
        member_form.user_id.choices = options((p.id, f"{p.display_name} ({p.username})") for p in people
                                              if p.id not in in_team)
        member_form.role.choices = options((r.value, LOT_ROLE_LABELS[r]) for r in LotRole)
    return render_template(
        "production/lot.html", lot=lot, story=story, may_manage=may_manage,
        may_work=lot.status != LotStatus.done, member_form=member_form, confirm_form=ConfirmForm(),
        status_form=StatusForm(), next_statuses=sorted(LOT_TRANSITIONS[lot.status]), statuses=LOT_STATUS_LABELS,
        roles=LOT_ROLE_LABELS, photos=photos_of(db.session, lot=lot), photo_form=PhotoForm(),
        **work_forms(lot, story))


@bp.route("/<int:lot_id>/edit", methods=["GET", "POST"])
@allow(EVERYONE)
def edit(lot_id: int):
    lot = lot_for(lot_id, write=True)
    form = LotForm(obj=lot)
    form.location.choices = _location_choices()
    if request.method == "GET":
        form.location.data = lot.location.code
        form.tags.data = ", ".join(t.tag for t in lot.tags)
    if form.validate_on_submit():
        try:
            services.update_lot(db.session, lot=lot, title=form.title.data, concept=form.concept.data,
                                inspiration=form.inspiration.data, tags=form.tags.data,
                                location_code=form.location.data, starts_on=form.starts_on.data,
                                ends_on=form.ends_on.data)
        except DomainError as error:
            db.session.rollback()
            form.title.errors.append(str(error.message))
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("production.show", lot_id=lot.id))
    return render_template("production/form.html", form=form, lot=lot), 422 if form.errors else 200


@bp.post("/<int:lot_id>/status")
@allow(EVERYONE)
def change_status(lot_id: int):
    lot = lot_for(lot_id, manage=True)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            services.change_lot_status(db.session, lot=lot, status=form.status.data)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("The lot is now %(status)s.", status=LOT_STATUS_LABELS[lot.status]), "success")
    return redirect(url_for("production.show", lot_id=lot.id))


@bp.post("/<int:lot_id>/members")
@allow(EVERYONE)
def add_member(lot_id: int):
    lot = lot_for(lot_id, manage=True)
    form = MemberForm()
    form.user_id.choices = options((u, "") for u in active_user_ids(db.session))
    form.role.choices = options((r.value, "") for r in LotRole)
    if form.validate_on_submit():
        try:
            member, _created = services.add_member(db.session, lot=lot, user=db.session.get(User, form.user_id.data),
                                                   role=form.role.data)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("%(name)s is in the team.", name=member.user.display_name), "success")
    else:
        flash(_("Choose a person and a role."), "error")
    return redirect(url_for("production.show", lot_id=lot.id) + "#team")


@bp.post("/<int:lot_id>/members/<int:member_id>/remove")
@allow(EVERYONE)
def remove_member(lot_id: int, member_id: int):
    lot = lot_for(lot_id, manage=True)
    if ConfirmForm().validate_on_submit():
        services.remove_member(db.session, lot=lot, member_id=member_id)
        db.session.commit()
        flash(_("Removed from the team."), "success")
    return redirect(url_for("production.show", lot_id=lot.id) + "#team")


@bp.context_processor
def production_labels():
    return {"item_status_labels": STATUS_PHRASES, "statuses": LOT_STATUS_LABELS, "roles": LOT_ROLE_LABELS,
            "hours_text": hours_text, "hours_count": hours_count}


@item_panel
def _item_provenance(item: Item) -> dict:
    """On an item's page: the lot it was made in (its materials) or, once consumed, the lot that used it."""
    return {"provenance": provenance_for(db.session, item),
            "consumed_by": lot_that_consumed(db.session, item) if item.status == ItemStatus.consumed else None}
