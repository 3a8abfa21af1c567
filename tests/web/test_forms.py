"""A select's options: the SelectChoice objects WTForms asks for, rendered as before (values, labels, groups)."""

import importlib
import pkgutil
import warnings

from flask_wtf import FlaskForm
from wtforms import Form, SelectField

import boutique
from boutique.web.forms import grouped, options


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
