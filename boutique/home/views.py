"""The start page for every role."""

from flask import render_template
from flask_login import current_user

from boutique.access import EVERYONE, allow
from boutique.extensions import db
from boutique.home import bp
from boutique.home.queries import waiting_for


@bp.route("/")
@allow(EVERYONE)
def index():
    return render_template("home/index.html", cards=waiting_for(db.session, current_user.role))
