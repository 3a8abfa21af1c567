"""Languages: Swedish first, English second; the choice is remembered per person."""

from pathlib import Path

from flask import current_app, has_request_context, session
from flask_babel import get_locale
from flask_login import current_user

RTL_LANGUAGES = {"ar", "fa", "prs", "he", "ur", "ps"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]  # CLI and background work
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    if session.get("language") in languages:
        return session["language"]
    # Not the browser's Accept-Language: the shop's terminals are Swedish unless someone chooses.
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def text_direction() -> str:
    return "rtl" if str(get_locale()).split("_")[0] in RTL_LANGUAGES else "ltr"


def translation_directories(package_root: Path) -> list[Path]:
    """The core catalog and each area's own (``boutique/<area>/translations``); Flask-Babel merges them."""
    areas = sorted(path for path in package_root.glob("*/translations") if path.is_dir())
    return [package_root / "translations", *areas]
