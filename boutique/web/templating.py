"""Jinja filters (money, dates, numbers in Swedish format) and what every page needs."""

from datetime import date, datetime

from babel.numbers import format_decimal
from flask import Flask
from flask_babel import get_locale
from flask_login import current_user

from boutique.core import clock
from boutique.core.money import format_ore
from boutique.web.i18n import LanguageForm, shop_document, shop_language, text_direction
from boutique.web.navigation import menu_for
from boutique.web.pictograms import category_pictogram, step_pictogram


def left_to_right(text: str) -> str:
    """``text`` kept left to right inside right-to-left text (Arabic, Persian): "129,00 kr" and "2026-11-22
    14:05" would otherwise read "kr 129,00" and "14:05 2026-11-22". Unicode's isolates (LRI … PDI) work in
    messages, attributes and the till's JSON alike; a left-to-right page gets the text as it is."""
    return f"\u2066{text}\u2069" if text and text_direction() == "rtl" else text


def kr(ore: int | None) -> str:
    return "" if ore is None else left_to_right(format_ore(ore))


def local_datetime(moment: datetime | None) -> str:
    """Stockholm time as the shop writes it: 2026-11-22 14:05 (ISO dates are Swedish practice)."""
    return "" if moment is None else left_to_right(clock.local(moment).strftime("%Y-%m-%d %H:%M"))


def local_date(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = clock.local(moment)
    return left_to_right(moment.strftime("%Y-%m-%d"))


def number(value) -> str:
    # Numbers follow Swedish format in both languages, like money (space groups, decimal comma).
    return format_decimal(value, locale="sv_SE")


def grams_as_kg(grams: int | None) -> str:
    if grams is None:
        return ""
    return left_to_right(format_decimal(grams / 1000, format="#,##0.0##", locale="sv_SE") + "\u00a0kg")


def field_attrs(field, autofocus: bool = False) -> dict:
    """Accessibility attributes for a form field: described by its help and errors, marked invalid."""
    described = [f"{field.id}-errors"] if field.errors else []
    if field.description:
        described.append(f"{field.id}-help")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if autofocus:
        attrs["autofocus"] = True
    return attrs


def register_templating(app: Flask) -> None:
    app.add_template_filter(kr)
    app.add_template_filter(local_datetime)
    app.add_template_filter(local_date)
    app.add_template_filter(number)
    app.add_template_filter(grams_as_kg, "kg")
    app.add_template_global(field_attrs)
    app.add_template_global(shop_document)
    app.add_template_global(shop_language)
    app.add_template_global(step_pictogram)
    app.add_template_global(category_pictogram)

    @app.context_processor
    def page_context():
        return {
            "text_direction": text_direction(),
            "current_language": str(get_locale()),
            "menu": menu_for(current_user) if current_user.is_authenticated else [],
            "language_form": LanguageForm(formdata=None, language=str(get_locale())),
        }
