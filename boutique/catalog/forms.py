"""Forms for supervisors to edit and add categories."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from boutique.web.forms import KronorField, options
from boutique.web.i18n import LANGUAGES

# The names in the volunteer-translated languages (categories.names): optional, Swedish shows where one is missing.
OTHER_NAMES = ("ar", "fa", "so", "ti")
VAT_CHOICES = options([("0", _l("Outside VAT (donated goods)")), ("6", "6 %"), ("12", "12 %"), ("25", "25 %")])


class CategoryForm(FlaskForm):
    name = StringField(_l("Name in Swedish"), validators=[InputRequired(), Length(max=120)])
    name_en = StringField(_l("Name in English"), validators=[InputRequired(), Length(max=120)])
    vat_rate = SelectField(_l("VAT"), choices=VAT_CHOICES, default="0")
    guide_price = KronorField(_l("Guide price (kr)"), validators=[Optional()], allow_zero=False,
                              description=_l("Suggested as the value when too few comparable items have sold."))
    ladder = StringField(_l("Markdown ladder"), validators=[Optional(), Length(max=200)],
                         description=_l("Days on the shelf:percent off, e.g. 21:25; 42:50. "
                                        "Empty: the shop default. 0: never marked down."))
    active = BooleanField(_l("In use"), default=True)
    name_ar, name_fa, name_so, name_ti = (
        StringField(_l("Name in %(language)s (optional)", language=LANGUAGES[code]),
                    validators=[Optional(), Length(max=120)],
                    render_kw={"lang": code, "dir": "rtl" if code in ("ar", "fa") else "ltr"})
        for code in OTHER_NAMES)

    def other_names(self) -> dict[str, str]:
        return {code: self[f"name_{code}"].data.strip() for code in OTHER_NAMES
                if (self[f"name_{code}"].data or "").strip()}


class NewCategoryForm(CategoryForm):
    code = StringField(_l("Code"), validators=[InputRequired(), Length(max=40)],
                       description=_l("Lower-case letters, digits and dashes, e.g. women-blouses."))
    parent = SelectField(_l("Main category"), validators=[Optional()])
