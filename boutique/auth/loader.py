"""Flask-Login wiring: sessions carry the user's rotating session token."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from boutique.auth.services import user_for_session_id
from boutique.extensions import db, login_manager


def register_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in.")
    # "Remember me" cookies would outlive sign-out; sessions are enough for a shop day.
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(session_id: str):
        return user_for_session_id(db.session, session_id)
