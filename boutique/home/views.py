"""The start page for every role: what is waiting; for a student, their lots and how they sell."""

from flask import redirect, render_template, url_for
from flask_login import current_user

from boutique.core import clock
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.home import bp
from boutique.home.queries import waiting_for
from boutique.production.labels import LOT_STATUS_LABELS
from boutique.reports.pages import language
from boutique.reports.queries.student_home import student_home
from boutique.web.access import EVERYONE, allow, public


@bp.route("/")
@allow(EVERYONE)
def index():
    if current_user.role == Role.student:
        home = student_home(db.session, current_user, today=clock.sales_day(clock.now()), language=language())
        return render_template("home/index.html", cards=[], student=home, lot_statuses=LOT_STATUS_LABELS)
    return render_template("home/index.html", cards=waiting_for(db.session, current_user.role), student=None)


@bp.get("/favicon.ico")
@public
def favicon():
    """Browsers ask for /favicon.ico where no page names the icon (a photo opened on its own)."""
    return redirect(url_for("static", filename="favicon.svg"), 301)
