"""The report pages' filters: a period (``from``/``to`` as in the API), a location and a grouping."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from boutique.web.datefields import DateTextField

GROUP_LABELS = {
    "category": _l("Category"), "grade": _l("Grade"), "colour": _l("Colour"), "size": _l("Size"),
    "brand": _l("Brand"), "price_band": _l("Price band (first asking price)"), "tag": _l("Inspiration tag"),
    "lot": _l("Production lot"), "maker": _l("Maker"),
}


class FilterForm(FlaskForm):
    """GET filters; no CSRF token (they change nothing)."""

    class Meta:
        csrf = False

    location = SelectField(_l("Location"), validate_choice=False)


# ``from`` is a Python keyword: the fields are added by name so the query string matches the API's.
setattr(FilterForm, "from", DateTextField(_l("From")))
setattr(FilterForm, "to", DateTextField(_l("To")))  # noqa: B010


class SalesFilterForm(FilterForm):
    group_by = SelectField(_l("Group by"), validate_choice=False,
                           choices=[SelectChoice(value=key, label=label) for key, label in GROUP_LABELS.items()])


class FeedbackFilterForm(FilterForm):
    """A student's feedback: the period, and which property of the products to compare with the shop."""

    group_by = SelectField(_l("Compare by"), validate_choice=False, choices=[
        SelectChoice(value=key, label=GROUP_LABELS[key])
        for key in ("category", "colour", "size", "price_band", "tag")])


NO_SUPERVISOR = _l("(none)")
