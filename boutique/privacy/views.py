"""A person's data as pages: their own (everyone), and the people a supervisor follows (admins: anyone);
the download (zip) and the erasure with its confirmation step."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from boutique.auth.models import User
from boutique.auth.services import check_may_manage_person, normalise_username
from boutique.extensions import db
from boutique.privacy import bp
from boutique.privacy.account import profile
from boutique.privacy.erasure import check_may_erase, erase_person
from boutique.privacy.export import person_archive, person_tables
from boutique.privacy.forms import EraseForm
from boutique.web.access import EVERYONE, MANAGERS, allow
from boutique.web.headers import content_disposition

PAGE_ROWS = 200  # a section's first rows on the page; its CSV and the download hold them all
OPEN_UP_TO = 25  # longer sections start folded, so the whole page can be taken in at a glance


def _managed(user_id: int) -> User:
    person = db.get_or_404(User, user_id)
    check_may_manage_person(current_user, person)
    return person


def _data_page(person: User, *, archive_url: str, erase_url: str | None = None):
    tables = person_tables(db.session, person)
    wanted = request.args.get("csv")
    for table in tables:
        if table.key == wanted:
            return table.csv_response(f"data-{person.id}")
    sections = [(table, table.rows[:PAGE_ROWS], len(table.rows)) for table in tables if table.rows]
    return render_template("privacy/data.html", person=person, profile=profile(db.session, person),
                           sections=sections, empty=[table.title for table in tables if not table.rows],
                           archive_url=archive_url, erase_url=erase_url, own=person.id == current_user.id,
                           open_up_to=OPEN_UP_TO)


def _archive(person: User) -> Response:
    response = Response(person_archive(db.session, person), mimetype="application/zip")
    response.headers["Content-Disposition"] = content_disposition("attachment", f"ny-form-data-{person.id}.zip")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/account/data")
@allow(EVERYONE)
def own_data():
    return _data_page(current_user, archive_url=url_for("privacy.own_archive"))


@bp.get("/account/data.zip")
@allow(EVERYONE)
def own_archive():
    return _archive(current_user)


@bp.get("/people/<int:user_id>/data")
@allow(MANAGERS)
def person_data(user_id: int):
    person = _managed(user_id)
    may_erase = person.erased_at is None and person.id != current_user.id
    return _data_page(person, archive_url=url_for("privacy.person_archive_download", user_id=person.id),
                      erase_url=url_for("privacy.erase", user_id=person.id) if may_erase else None)


@bp.get("/people/<int:user_id>/data.zip")
@allow(MANAGERS)
def person_archive_download(user_id: int):
    return _archive(_managed(user_id))


@bp.route("/people/<int:user_id>/erase", methods=["GET", "POST"])
@allow(MANAGERS)
def erase(user_id: int):
    person = db.get_or_404(User, user_id)
    check_may_erase(current_user, person)
    form = EraseForm()
    if form.validate_on_submit():
        if normalise_username(form.username.data) != person.username:
            form.username.errors.append(_("That is not their username. Type it exactly as it is shown."))
        else:
            erased = erase_person(db.session, person=person, by_user=current_user)
            db.session.commit()
            flash(_("Their data is erased. They are now %(name)s.", name=erased.display_name), "success")
            return redirect(url_for("people.index"))
    return render_template("privacy/erase.html", person=person, form=form), 422 if form.errors else 200
