"""A select's options: the SelectChoice objects WTForms asks for, rendered as before (values, labels, groups)."""

import importlib
import pkgutil
import warnings

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectField
from wtforms.validators import InputRequired

import boutique
from boutique.web.forms import KronorField, grouped, options


class _Pick(Form):
    plain = SelectField(choices=options([("", "None"), ("b", "Bee"), (3, "Three")]))
    groups = SelectField(choices=grouped({"Women": [("w", "Women"), ("w-tops", "Tops")], "Men": [("m", "Men")]}))


def test_options_render_values_and_labels_in_their_order():
    html = _Pick(plain="b")["plain"]()
    assert html == ('<select id="plain" name="plain"><option value="">None</option>'
                    '<option selected value="b">Bee</option><option value="3">Three</option></select>')


def test_grouped_options_render_each_group_as_an_optgroup_in_order():
    html = _Pick(groups="w-tops")["groups"]()
    assert html == ('<select id="groups" name="groups"><optgroup label="Women"><option value="w">Women</option>'
                    '<option selected value="w-tops">Tops</option></optgroup>'
                    '<optgroup label="Men"><option value="m">Men</option></optgroup></select>')


def test_no_form_of_the_boutique_gives_its_choices_in_a_deprecated_shape(app):
    """Every form class is built once with deprecations as errors: tuple choices declared on a class fail here."""
    for module in pkgutil.walk_packages(boutique.__path__, "boutique."):
        if module.name.endswith(("forms", "views")) or ".views_" in module.name:
            importlib.import_module(module.name)
    forms = _subclasses(FlaskForm)
    assert len(forms) > 20
    with app.test_request_context(), warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        for form in forms:
            form(meta={"csrf": False})


def _subclasses(cls) -> list[type]:
    found = [sub for sub in cls.__subclasses__() if sub.__module__.startswith("boutique.")]
    return found + [deeper for sub in cls.__subclasses__() for deeper in _subclasses(sub)
                    if deeper not in found]


class _AmountForm(Form):
    amount = KronorField(validators=[InputRequired()])


@pytest.mark.parametrize(("typed", "ore", "errors"), [
    ("129,50", 12950, []), ("0", 0, []), ("129:-", 12900, []),
    ("  ", None, ["This field is required."]),  # only spaces is no input, not a silent None
    ("", None, ["This field is required."]),
    ("12,345", None, ["Skriv ett belopp i kronor, t.ex. 129 eller 129,50."]),  # Swedish first
])
def test_one_kronor_field_gives_ore_or_says_what_is_wrong(app, typed, ore, errors):
    with app.test_request_context():
        form = _AmountForm(MultiDict({"amount": typed}))
        assert (form.validate(), form.amount.data, form.amount.errors) == (not errors, ore, errors)


def test_a_kronor_field_shows_ore_as_they_would_be_typed(app):
    with app.test_request_context():
        form = _AmountForm(data={"amount": 12950})
        assert 'value="129,50"' in str(form.amount(type="hidden"))
