"""A lot's step-by-step instructions: written and photographed as the work goes, printable."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from boutique.core.errors import DomainError
from boutique.extensions import db
from boutique.photos.models import PhotoKind
from boutique.photos.services import add_photo, photos_of, photos_of_steps, read_upload
from boutique.production import bp, work
from boutique.production.forms import ConfirmForm, StepForm
from boutique.production.pages import lot_for
from boutique.production.queries import lot_story, provenances_for
from boutique.web.access import EVERYONE, allow


def _lot(lot_id: int, **access):
    return lot_for(lot_id, **access)


def _back(lot):
    return redirect(url_for("production.instructions", lot_id=lot.id), code=303)


@bp.get("/<int:lot_id>/instructions")
@allow(EVERYONE)
def instructions(lot_id: int):
    lot = _lot(lot_id)
    story = lot_story(db.session, lot)
    return render_template(
        "production/instructions.html", lot=lot, story=story,
        step_photos=photos_of_steps(db.session, [s.id for s in story.steps]),
        lot_photos=photos_of(db.session, lot=lot), provenance=provenances_for(db.session, story.products),
        step_form=StepForm(formdata=None), confirm_form=ConfirmForm(), print_view=request.args.get("print") == "1")


def _photo_for(step, form: StepForm) -> None:
    upload = request.files.get("photo")
    if upload and upload.filename:
        add_photo(db.session, data=read_upload(upload.stream), kind=PhotoKind.step, step=step, by_user=current_user)


@bp.post("/<int:lot_id>/steps")
@allow(EVERYONE)
def add_step(lot_id: int):
    lot = _lot(lot_id, write=True)
    form = StepForm()
    if form.validate_on_submit():
        try:
            step = work.add_step(db.session, lot=lot, text=form.text.data, by_user=current_user)
            _photo_for(step, form)
        except DomainError as error:
            db.session.rollback()
            flash(str(error.message), "error")
        else:
            db.session.commit()
            flash(_("Step added."), "success")
    else:
        flash(_("Write what to do in this step."), "error")
    return _back(lot)


@bp.route("/<int:lot_id>/steps/<int:step_id>", methods=["GET", "POST"])
@allow(EVERYONE)
def edit_step(lot_id: int, step_id: int):
    lot = _lot(lot_id, write=True)
    step = work.get_step(db.session, lot=lot, step_id=step_id)
    form = StepForm(obj=step)
    if form.validate_on_submit():
        try:
            work.update_step(db.session, step=step, text=form.text.data)
            _photo_for(step, form)
        except DomainError as error:
            db.session.rollback()
            form.text.errors.append(str(error.message))
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return _back(lot)
    return render_template("production/step.html", lot=lot, step=step, form=form,
                           photos=photos_of(db.session, step=step)), 422 if form.errors else 200


@bp.post("/<int:lot_id>/steps/<int:step_id>/move")
@allow(EVERYONE)
def move_step(lot_id: int, step_id: int):
    lot = _lot(lot_id, write=True)
    step = work.get_step(db.session, lot=lot, step_id=step_id)
    if ConfirmForm().validate_on_submit():
        work.move_step(db.session, step=step, up=request.form.get("direction") == "up")
        db.session.commit()
    return _back(lot)


@bp.post("/<int:lot_id>/steps/<int:step_id>/delete")
@allow(EVERYONE)
def delete_step(lot_id: int, step_id: int):
    lot = _lot(lot_id, write=True)
    step = work.get_step(db.session, lot=lot, step_id=step_id)
    if ConfirmForm().validate_on_submit():
        work.delete_step(db.session, step=step)
        db.session.commit()
        flash(_("Step removed."), "success")
    return _back(lot)
