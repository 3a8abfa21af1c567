"""Bulk weigh-outs: recycled and discarded goods by the kilo."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from boutique.core.errors import DomainError
from boutique.extensions import db
from boutique.pipeline import bp, services
from boutique.pipeline.forms import WeighOutForm
from boutique.pipeline.queries import recent_weigh_outs, weigh_out_totals
from boutique.places.services import get_location, list_locations
from boutique.web.access import STAFF, allow
from boutique.web.forms import options
from boutique.web.templating import grams_as_kg


def _form() -> WeighOutForm:
    form = WeighOutForm()
    form.location.choices = options((loc.code, loc.name) for loc in list_locations(db.session) if loc.active)
    if not form.is_submitted() and form.location.choices:
        form.location.data = form.location.choices[0].value
    return form


@bp.route("/weigh-outs", methods=["GET", "POST"])
@allow(STAFF)
def weigh_outs():
    form = _form()
    if form.validate_on_submit():
        try:
            row = services.weigh_out(db.session, location_id=get_location(db.session, form.location.data).id,
                                     grade=form.grade.data, grams=form.weight.data, fibre=form.fibre.data,
                                     note=form.note.data, by_user_id=current_user.id)
        except DomainError as error:
            db.session.rollback()
            form.weight.errors.append(str(error.message))
        else:
            db.session.commit()
            flash(_("Weighed out: %(weight)s.", weight=grams_as_kg(row.grams)), "success")
            return redirect(url_for("pipeline.weigh_outs"))
    return render_template("pipeline/weigh_outs.html", form=form, rows=recent_weigh_outs(db.session),
                           totals=weigh_out_totals(db.session)), 422 if form.errors else 200

