"""Sign-in and sign-out, password change and language choice."""

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.security import check_password_hash

from boutique.auth import bp
from boutique.auth.forms import PasswordForm, SignInForm
from boutique.auth.labels import role_label
from boutique.auth.services import SignInRefused, authenticate, change_password, end_sessions
from boutique.core.errors import DomainError
from boutique.extensions import db
from boutique.web.access import EVERYONE, allow, public
from boutique.web.headers import local_path
from boutique.web.i18n import LanguageForm


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this site (no open redirect, nothing a header cannot hold)."""
    return local_path(target) or url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        config = current_app.config
        try:
            user = authenticate(
                db.session, username=form.username.data, password=form.password.data,
                address=request.remote_addr or "", window_seconds=config["LOGIN_WINDOW_SECONDS"],
                max_per_account=config["LOGIN_MAX_FAILURES_PER_ACCOUNT"],
                max_per_address=config["LOGIN_MAX_FAILURES_PER_ADDRESS"])
        except SignInRefused as refused:
            db.session.commit()  # the failure must be counted even though sign-in failed
            if refused.throttled:
                flash(_("Too many failed attempts. Wait 15 minutes or ask a supervisor."), "error")
                status = 429
            else:
                flash(_("Wrong username or password."), "error")
                status = 401
        else:
            session.clear()
            login_user(user)
            session.permanent = True
            db.session.commit()
            return redirect(_safe_next(form.next.data))
    elif request.method == "POST":
        status = 422
    return render_template("auth/login.html", form=form, language_form=LanguageForm()), status


@bp.route("/logout", methods=["POST"])
@allow(EVERYONE)
def logout():
    end_sessions(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@allow(EVERYONE)
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        if not check_password_hash(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("That is not your current password."))
        else:
            try:
                change_password(db.session, current_user, new_password=form.new_password.data)
            except DomainError as error:
                form.new_password.errors.append(str(error.message))
            else:
                db.session.commit()
                login_user(current_user._get_current_object())  # this browser keeps going; every other session ends
                flash(_("Your password is changed. Other sessions are signed out."), "success")
                return redirect(url_for("home.index"))
    return render_template("auth/password.html", form=form)


@bp.route("/language", methods=["POST"])
@public
def language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["language"] = form.language.data
        if current_user.is_authenticated:
            current_user.language = form.language.data
            db.session.commit()
    return redirect(_safe_next(form.next.data or (request.referrer and urlsplit(request.referrer).path)))


# Every page may name a person's role (the menu, people, reports): the words are auth's, shown app-wide.
bp.add_app_template_global(role_label)
