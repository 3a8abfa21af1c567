"""Locations and tills (supervisors) and shop settings (admins)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from boutique.core.roles import Role
from boutique.extensions import db
from boutique.places import bp
from boutique.places.forms import LocationForm, TillForm, settings_form_class
from boutique.places.services import create_location, create_till, list_locations
from boutique.places.settings import SETTINGS, all_settings, set_setting
from boutique.web.access import ADMINS, MANAGERS, allow
from boutique.web.forms import options
from boutique.web.refusals import refused


@bp.route("/", methods=["GET"])
@allow(MANAGERS)
def index():
    locations = list_locations(db.session)
    till_form = TillForm()
    till_form.location.choices = options((loc.code, loc.name) for loc in locations)
    return render_template("places/index.html", locations=locations, location_form=LocationForm(),
                           till_form=till_form, may_add=current_user.role == Role.admin)


@bp.route("/locations", methods=["POST"])
@allow(ADMINS)
def add_location():
    form = LocationForm()
    if form.validate_on_submit():
        with refused(flash="error") as attempt:
            create_location(db.session, code=form.code.data, name=form.name.data, address=form.address.data)
        if attempt.ok:
            db.session.commit()
            flash(_("Location added."), "success")
    else:
        flash(_("Check the location's code and name."), "error")
    return redirect(url_for("places.index"))


@bp.route("/tills", methods=["POST"])
@allow(ADMINS)
def add_till():
    form = TillForm()
    form.location.choices = options((loc.code, loc.name) for loc in list_locations(db.session))
    if form.validate_on_submit():
        with refused(flash="error") as attempt:
            create_till(db.session, code=form.code.data, location_code=form.location.data)
        if attempt.ok:
            db.session.commit()
            flash(_("Till added."), "success")
    else:
        flash(_("Check the till's code and location."), "error")
    return redirect(url_for("places.index"))


@bp.route("/settings", methods=["GET", "POST"])
@allow(ADMINS)
def settings():
    form = settings_form_class(SETTINGS.values())(data=all_settings(db.session))
    if form.validate_on_submit():
        for key in SETTINGS:
            set_setting(db.session, key, form[key].data or "")
        db.session.commit()
        flash(_("Settings saved."), "success")
        return redirect(url_for("places.settings"))
    return render_template("places/settings.html", form=form), 422 if form.errors else 200
