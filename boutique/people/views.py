"""List, add and edit people; supervisors manage participants and students, admins everyone."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from boutique.auth.labels import role_label
from boutique.auth.models import User
from boutique.auth.queries import active_managers, everyone
from boutique.auth.services import (
    assignable_roles,
    change_password,
    check_may_manage,
    check_may_manage_person,
    create_user,
    may_manage_person,
    set_active,
)
from boutique.core.errors import Conflict
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.people import bp
from boutique.people.forms import EditPersonForm, NewPersonForm
from boutique.places.services import list_locations
from boutique.web.access import MANAGERS, allow
from boutique.web.forms import options
from boutique.web.refusals import refused


def _role_choices():
    return options((role.value, role_label(role)) for role in assignable_roles(current_user))


def _location_choices():
    return options([("", _("Not set")), *((str(loc.id), loc.name) for loc in list_locations(db.session) if loc.active)])


def _location_id(form) -> int | None:
    return int(form.location.data) if form.location.data else None


def _supervisor_choices():
    managers = active_managers(db.session)
    return options([("", _("Not set")), *((str(user.id), user.display_name) for user in managers)])


@bp.route("/")
@allow(MANAGERS)
def index():
    people = everyone(db.session)
    return render_template("people/index.html", people=people,
                           yours={person.id for person in people
                                  if may_manage_person(current_user, person) and person.erased_at is None})


@bp.route("/new", methods=["GET", "POST"])
@allow(MANAGERS)
def new():
    form = NewPersonForm()
    form.role.choices = _role_choices()
    form.supervisor.choices = _supervisor_choices()
    form.location.choices = _location_choices()
    if not form.is_submitted() and current_user.role == Role.supervisor:
        form.supervisor.data = str(current_user.id)  # whom a supervisor adds, they follow
    if form.validate_on_submit():
        with refused(into=form.username.errors) as attempt:
            check_may_manage(current_user, Role(form.role.data))
            user = create_user(db.session, username=form.username.data, role=form.role.data,
                               password=form.password.data, display_name=form.display_name.data,
                               language=form.language.data, contact=form.contact.data or None)
            user.supervisor_id = int(form.supervisor.data) if form.supervisor.data else None
            user.location_id = _location_id(form)
        if attempt.ok:
            db.session.commit()
            flash(_("%(name)s can now sign in.", name=user.display_name), "success")
            return redirect(url_for("people.index"))
    return render_template("people/form.html", form=form, person=None), 422 if form.errors else 200


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@allow(MANAGERS)
def edit(user_id: int):
    person = db.get_or_404(User, user_id)
    check_may_manage_person(current_user, person)
    if person.erased_at is not None:
        raise Conflict(_l("This person's data is erased: there is nothing left to change."), code="already_erased")
    form = EditPersonForm(obj=person)
    form.role.choices = _role_choices()
    form.supervisor.choices = _supervisor_choices()
    form.location.choices = _location_choices()
    if not form.is_submitted():
        form.supervisor.data = str(person.supervisor_id or "")
        form.location.data = str(person.location_id or "")
    if form.validate_on_submit():
        with refused(into=form.display_name.errors) as attempt:
            check_may_manage(current_user, Role(form.role.data))
            person.display_name = form.display_name.data.strip()
            person.role = Role(form.role.data)
            person.language = form.language.data
            person.contact = form.contact.data or None
            person.supervisor_id = int(form.supervisor.data) if form.supervisor.data else None
            person.location_id = _location_id(form)
            if person.id != current_user.id:
                set_active(db.session, person, active=form.active.data)
            if form.new_password.data:
                change_password(db.session, person, new_password=form.new_password.data)
        if attempt.ok:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("people.index"))
    return render_template("people/form.html", form=form, person=person), 422 if form.errors else 200
