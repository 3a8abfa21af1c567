"""Ny Form boutique: inventory and point of sale for the Red Cross redesign boutique."""

import os
import secrets
from pathlib import Path

from flask import Flask

from boutique import config as default_config
from boutique.core.resources import folder


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults -> instance config -> BOUTIQUE_* environment -> test_config."""
    app = Flask(__name__, instance_relative_config=True,
                template_folder=str(folder("templates")), static_folder=str(folder("static")))
    app.config.from_object(default_config)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("BOUTIQUE")
    if test_config:
        app.config.from_mapping(test_config)
    configure_paths(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_cli(app)
    return app


def configure_paths(app: Flask) -> None:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    url = app.config.get("DATABASE_URL") or f"sqlite:///{Path(app.instance_path) / 'boutique.sqlite3'}"
    # psycopg 3 is the driver; accept the plain forms people paste.
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            url = "postgresql+psycopg://" + url[len(plain):]
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path) / "secret_key")
    from boutique.web.i18n import translation_directories  # (a factory step imports when an app is built)

    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(
        str(path) for path in translation_directories(Path(app.root_path)))
    if not app.config.get("UPLOAD_FOLDER"):
        app.config["UPLOAD_FOLDER"] = str(Path(app.instance_path) / "uploads")


def _instance_secret(path: Path) -> str:
    """One secret shared by every worker: created once (atomically), then read."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text().strip()


# The factory's steps import the app's parts when an app is built, not at the top of this module: every
# ``import boutique.<anything>`` runs this module first, and it must stay light (models, migrations, the CLI).

def register_extensions(app: Flask) -> None:
    from boutique import models  # noqa: F401  (complete metadata before anything uses it)
    from boutique.auth.loader import register_login
    from boutique.auth.services import user_for_token
    from boutique.core.db import install_engine_rules
    from boutique.extensions import babel, csrf, db, migrate
    from boutique.web.access import register_access
    from boutique.web.i18n import select_locale
    from boutique.web.security import register_security
    from boutique.web.templating import register_templating

    db.init_app(app)
    with app.app_context():
        mode = app.config["SQLITE_BEGIN_MODE"].upper()
        if mode not in ("IMMEDIATE", "DEFERRED", "EXCLUSIVE"):
            raise ValueError(f"SQLITE_BEGIN_MODE must be IMMEDIATE, DEFERRED or EXCLUSIVE, not {mode!r}")
        db.engine.sqlite_begin_mode = mode
        for engine in db.engines.values():
            install_engine_rules(engine, sqlite_busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"])
    migrate.init_app(app, db, directory=str(folder("migrations")),
                     compare_type=True, render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    register_login(app)
    register_security(app)
    register_access(app, user_for_token=user_for_token)
    register_templating(app)


def register_blueprints(app: Flask) -> None:
    # (imported when an app is built: see above)
    from boutique import (
        api,
        auth,
        catalog,
        donations,
        home,
        items,
        labels,
        people,
        photos,
        pipeline,
        places,
        privacy,
        production,
        reports,
        sales,
        stock,
        vouchers,
    )
    from boutique.menu import MENU
    from boutique.web.navigation import register_menu

    for blueprint in (auth.bp, home.bp, people.bp, places.bp, donations.bp, pipeline.bp, items.bp, catalog.bp,
                      production.bp, photos.bp, labels.bp, sales.bp, stock.bp, vouchers.bp, reports.bp, privacy.bp,
                      api.bp):
        app.register_blueprint(blueprint)
    register_menu(app, MENU)


def register_errorhandlers(app: Flask) -> None:
    from boutique.web.error_pages import register_errorhandlers as register  # (see above)

    register(app)


def register_cli(app: Flask) -> None:
    from boutique.cli import register_commands  # (see above)

    register_commands(app)
