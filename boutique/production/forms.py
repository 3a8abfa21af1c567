"""Forms for lots, their team and their work: field validation only (services hold the rules)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from boutique.core.money import MoneyError, parse_kronor
from boutique.core.units import WeightError, parse_kilograms
from boutique.web.datefields import IsoDateField

TEXT = {"dir": "auto"}


class LotForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)], render_kw=TEXT)
    concept = TextAreaField(_l("Concept"), validators=[Optional(), Length(max=4000)], render_kw=TEXT,
                            description=_l("What the lot makes and for whom."))
    inspiration = TextAreaField(
        _l("Inspiration"), validators=[Optional(), Length(max=4000)], render_kw=TEXT,
        description=_l("The motif, tradition, colours or symbols behind it, and where they come from."))
    tags = StringField(_l("Tags"), validators=[Optional(), Length(max=600)], render_kw=TEXT,
                       description=_l("Separated by commas, e.g. tilet, indigo, folk embroidery."))
    location = SelectField(_l("Location"))
    starts_on = IsoDateField(_l("Planned start"), validators=[Optional()])
    ends_on = IsoDateField(_l("Planned end"), validators=[Optional()])


class MemberForm(FlaskForm):
    user_id = SelectField(_l("Person"), coerce=int)
    role = SelectField(_l("Role in the lot"))


class StatusForm(FlaskForm):
    status = HiddenField(validators=[DataRequired()])


class ConfirmForm(FlaskForm):
    """A button-only form (remove, move): CSRF and nothing else."""


class MaterialCodesForm(FlaskForm):
    codes = TextAreaField(_l("Item codes"), validators=[DataRequired(), Length(max=6000)],
                          render_kw={"autocomplete": "off", "inputmode": "numeric", "rows": 4},
                          description=_l("Scan or type the codes, one per line. All of them are used, or not one."))

    def code_list(self) -> list[str]:
        return [line for line in self.codes.data.replace(",", "\n").split() if line.strip()]


class BulkForm(FlaskForm):
    fibre = StringField(_l("Fibre"), validators=[DataRequired(), Length(max=80)], render_kw=TEXT,
                        description=_l("e.g. cotton, wool, denim, mixed"))
    weight = StringField(_l("Weight (kg)"), validators=[DataRequired(), Length(max=20)],
                         render_kw={"inputmode": "decimal"}, description=_l("e.g. 1,25"))
    # Own id: the lot page's product form has a "description" too.
    description = StringField(_l("Note"), validators=[Optional(), Length(max=300)], render_kw=TEXT, id="bulk-note")

    def validate_weight(self, field):
        try:
            parse_kilograms(field.data)
        except WeightError:
            raise ValidationError(_l("Write the weight in kg, like 1,25.")) from None

    @property
    def grams(self) -> int:
        return parse_kilograms(self.weight.data)


class HoursForm(FlaskForm):
    person = SelectField(_l("Who"), coerce=int)
    day = IsoDateField(_l("Day"), validators=[DataRequired(message=_l("Write the day as YYYY-MM-DD."))])
    hours = StringField(_l("Hours"), validators=[DataRequired(), Length(max=8)], id="hours-worked",
                        render_kw={"inputmode": "decimal", "autocomplete": "off"},
                        description=_l("e.g. 2,5 or 2:30; 0 removes that day's entry"))


def _parse_floor(form, field):
    try:
        parse_kronor(field.data, allow_zero=False)
    except MoneyError:
        raise ValidationError(_l("Write a price like 250 or 249,50.")) from None


class FloorPriceMixin:
    @property
    def floor_ore(self) -> int | None:
        """The floor price in öre (the field was validated), or None when left empty."""
        text = (self.floor_price.data or "").strip()
        return parse_kronor(text, allow_zero=False) if text else None


class ProductForm(FloorPriceMixin, FlaskForm):
    category = SelectField(_l("Category"))
    description = StringField(_l("Description"), validators=[Optional(), Length(max=300)], render_kw=TEXT)
    quantity = IntegerField(_l("How many"), default=1, validators=[DataRequired(), NumberRange(1, 50)],
                            description=_l("Identical products get one code each."))
    makers = SelectMultipleField(_l("Makers"), coerce=int,
                                 description=_l("Credited by display name. If you choose nobody: the lot's "
                                                "participants and students."))
    materials = SelectMultipleField(_l("Made from"), validators=[Optional()],
                                    description=_l("The garments of this lot it was made from (optional)."))
    markdown_exempt = BooleanField(_l("Never marked down"))
    floor_price = StringField(_l("Floor price (kr, optional)"), validators=[Optional(), Length(max=20)],
                              render_kw={"inputmode": "decimal"},
                              description=_l("Markdowns never take the price below this."))

    validate_floor_price = _parse_floor


class ProductRulesForm(FloorPriceMixin, FlaskForm):
    markdown_exempt = BooleanField(_l("Never marked down"))
    floor_price = StringField(_l("Floor price (kr, optional)"), validators=[Optional(), Length(max=20)],
                              render_kw={"inputmode": "decimal"})

    validate_floor_price = _parse_floor


class StepForm(FlaskForm):
    text = TextAreaField(_l("Step"), validators=[DataRequired(), Length(max=4000)], render_kw=TEXT)
    photo = FileField(_l("Photo (optional)"), render_kw={"accept": "image/jpeg,image/png,image/webp"})
