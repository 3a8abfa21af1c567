"""The start page for every role."""

from flask import redirect, render_template, url_for
from flask_login import current_user

from boutique.access import EVERYONE, allow, public
from boutique.extensions import db
from boutique.home import bp
from boutique.home.queries import waiting_for


@bp.route("/")
@allow(EVERYONE)
def index():
    return render_template("home/index.html", cards=waiting_for(db.session, current_user.role))


@bp.get("/favicon.ico")
@public
def favicon():
    """Browsers ask for /favicon.ico where no page names the icon (a photo opened on its own)."""
    return redirect(url_for("static", filename="favicon.svg"), 301)
