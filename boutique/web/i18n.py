"""Languages: Swedish first, then English, Arabic, Persian, Somali and Tigrinya; each person speaks their
own (``users.language``), at the till the cashier's. A message not yet in Arabic, Persian, Somali or
Tigrinya is shown in Swedish, whole, never as the English source text."""

from functools import cached_property
from pathlib import Path

from babel import support
from flask import current_app, g, has_request_context, render_template, session
from flask_babel import Babel, Domain, force_locale, get_locale, refresh
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import HiddenField, SelectField

from boutique.web.forms import options

# Each language named in its own script (the language switch shows these, never flags).
LANGUAGES = {"sv": "Svenska", "en": "English", "ar": "العربية", "fa": "فارسی", "so": "Soomaali",
             "ti": "ትግርኛ"}
RTL_LANGUAGES = {"ar", "fa", "prs", "he", "ur", "ps"}
# The languages whose missing messages are shown in Swedish (the shop's language), not in English.
SWEDISH_FALLBACK = frozenset({"ar", "fa", "so", "ti"})
FALLBACK_LOCALE = "sv"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]  # CLI and background work
    if g.get("speaker_language") in languages:
        return g.speaker_language
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    if session.get("language") in languages:
        return session["language"]
    # Not the browser's Accept-Language: the shop's terminals are Swedish unless someone chooses.
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def speak_as(language: str | None) -> None:
    """This request speaks ``language`` (the till: its cashier's), whoever is signed in."""
    g.speaker_language = language
    refresh()


def shop_language() -> str:
    """The language of the shop's own documents (receipts, labels, X- and Z-reports): Swedish, or what
    the shop sets as BABEL_DEFAULT_LOCALE."""
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def shop_document(template: str, **context) -> Markup:
    """A part of a page that is one of the shop's documents, rendered (autoescaped) in the shop's language
    whoever looks at it; the page around it speaks the person's own."""
    with force_locale(shop_language()):
        return Markup(render_template(template, **context))  # noqa: S704  # nosec B704  # our template, autoescaped


def text_direction() -> str:
    return "rtl" if str(get_locale()).split("_")[0] in RTL_LANGUAGES else "ltr"


def translation_directories(package_root: Path) -> list[Path]:
    """The core catalog and each area's own (``boutique/<area>/translations``); Flask-Babel merges them."""
    areas = sorted(path for path in package_root.glob("*/translations") if path.is_dir())
    return [package_root / "translations", *areas]


class SwedishFallbackDomain(Domain):
    """Flask-Babel's domain, with the Swedish catalogs behind Arabic, Persian, Somali and Tigrinya."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.backed: dict[str, support.Translations] = {}

    def get_translations(self):
        translations = super().get_translations()
        language = str(get_locale() or "")
        if language in SWEDISH_FALLBACK and self.backed.get(language) is not translations:
            translations.add_fallback(self.swedish())
            self.backed[language] = translations  # the cache keeps this object: add the fallback once
        return translations

    def swedish(self) -> support.Translations:
        swedish = support.Translations()
        for directory in self.translation_directories:
            swedish.merge(support.Translations.load(directory, [FALLBACK_LOCALE], self.domain[0]))
        return swedish


class BoutiqueBabel(Babel):
    """Flask-Babel with the Swedish fallback domain as every request's domain."""

    @cached_property
    def domain_instance(self):
        return SwedishFallbackDomain(domain=self.domain)


class LanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=options(LANGUAGES.items()))
    next = HiddenField()
