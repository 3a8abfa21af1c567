"""Pipeline forms and the strict fields they share: kronor, kilograms, whole numbers, scanned codes."""


from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from boutique.items.models import Grade
from boutique.web.forms import CodesField, KilogramsField, KronorField, WholeNumberField, options


def grade_choices():
    return options([(Grade.shop.value, _l("Shop: sell as it is")),
                    (Grade.repair.value, _l("Repair: mend, then sort again")),
                    (Grade.redesign.value, _l("Redesign: material for production")),
                    (Grade.recycle.value, _l("Recycle: textile recycling")),
                    (Grade.discard.value, _l("Discard: waste"))])


CONDITION_CHOICES = options([("5", _l("5 as new")), ("4", _l("4 very good")), ("3", _l("3 good")),
                             ("2", _l("2 worn")), ("1", _l("1 very worn"))])


class ItemLookupForm(FlaskForm):
    class Meta:
        csrf = False  # a GET lookup; it changes nothing

    code = StringField(_l("Scan or type an item code"), validators=[InputRequired(), Length(max=100)],
                       render_kw={"inputmode": "numeric", "autocomplete": "off", "enterkeyhint": "go"})


class WashForm(FlaskForm):
    codes = CodesField(_l("Scanned codes"),
                       description=_l("Scan each item; every scan goes on its own line."))
    program = StringField(_l("Program"), validators=[Length(max=80)], default="Normal",
                          render_kw={"list": "wash-programs"})
    temperature = WholeNumberField(_l("Temperature (°C)"), validators=[Optional()], minimum=0, maximum=95,
                                   default=40)
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)], render_kw={"dir": "auto"})


class SkipWashForm(FlaskForm):
    reason = StringField(_l("Why does it need no wash?"), validators=[InputRequired(), Length(max=200)],
                         render_kw={"list": "skip-reasons", "dir": "auto"})


class SortForm(FlaskForm):
    category = SelectField(_l("Category"), validators=[InputRequired()])
    grade = RadioField(_l("Grade"), choices=grade_choices, validators=[InputRequired()])
    condition = RadioField(_l("Condition"), choices=CONDITION_CHOICES, validators=[Optional()])
    fibre = StringField(_l("Fibre"), validators=[Optional(), Length(max=80)],
                        render_kw={"list": "fibres", "dir": "auto"})
    colour = StringField(_l("Colour"), validators=[Optional(), Length(max=80)],
                         render_kw={"list": "colours", "dir": "auto"})
    size = StringField(_l("Size"), validators=[Optional(), Length(max=40)], render_kw={"dir": "auto"})
    brand = StringField(_l("Brand"), validators=[Optional(), Length(max=80)], render_kw={"dir": "auto"})
    disruptors = StringField(_l("Disruptors"), validators=[Optional(), Length(max=200)],
                             description=_l("Zips, buttons, prints: what must come off before recycling."),
                             render_kw={"dir": "auto"})
    weight = KilogramsField(_l("Weight (kg)"), validators=[Optional()])


class ValueForm(FlaskForm):
    value = KronorField(_l("Value (kr)"), validators=[InputRequired()])


class PriceForm(FlaskForm):
    price = KronorField(_l("Asking price (kr)"), validators=[InputRequired()], allow_zero=False)
    # The item as the form saw it (status and pricing time): a replayed or stale post is not a re-price.
    seen = HiddenField()
    markdown_exempt = BooleanField(_l("No markdown (redesigned product)"))
    floor_price = KronorField(_l("Floor price (kr)"), validators=[Optional()], allow_zero=False,
                              description=_l("Markdowns never go below this."))


class BatchPriceForm(FlaskForm):
    codes = CodesField(_l("Scanned codes"),
                       description=_l("Scan each item; every scan goes on its own line."))
    price = KronorField(_l("One price for all (kr)"), validators=[Optional()], allow_zero=False,
                        description=_l("Leave empty to price each item at its value."))


class WeighOutForm(FlaskForm):
    grade = RadioField(_l("Fraction"), choices=options([("recycle", _l("Recycling")), ("discard", _l("Discard"))]),
                       validators=[InputRequired()], default="recycle")
    weight = KilogramsField(_l("Weight (kg)"), validators=[InputRequired()])
    fibre = StringField(_l("Fibre"), validators=[Optional(), Length(max=80)],
                        render_kw={"list": "fibres", "dir": "auto"}, description=_l("For recycling, where known."))
    location = SelectField(_l("Location"), validators=[InputRequired()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)], render_kw={"dir": "auto"})

