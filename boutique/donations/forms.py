"""Forms to register a donation and to add items while unpacking it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from boutique.web.datefields import IsoDateTimeField
from boutique.web.forms import KilogramsField, WholeNumberField, options

SOURCE_CHOICES = options([("drop_off", _l("Drop-off at the shop")), ("collection", _l("Collection")),
                          ("pickup", _l("Pickup"))])


class DonationForm(FlaskForm):
    source = RadioField(_l("What came in?"), choices=SOURCE_CHOICES, default="drop_off",
                        validators=[InputRequired()])
    location = SelectField(_l("Location"), validators=[InputRequired(message=_l("Choose where it came in."))])
    received_at = IsoDateTimeField(_l("Received (leave empty for now)"), validators=[Optional()],
                                   description=_l("YYYY-MM-DD HH:MM, e.g. 2026-12-03 14:30"))
    weight = KilogramsField(_l("Weight (kg)"), validators=[Optional()], description=_l("For example 12,5"))
    bags = WholeNumberField(_l("Bags"), validators=[Optional()], minimum=0, maximum=1000)
    not_weighed = BooleanField(_l("Not weighed"),
                               description=_l("Tick it when there is neither a weight nor a count to give."))
    donor_note = StringField(_l("Donor note (optional)"), validators=[Optional(), Length(max=300)],
                             render_kw={"dir": "auto"},
                             description=_l("Donors are anonymous; note a name only if the donor asks."))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=1000)], render_kw={"dir": "auto"})

    def validate(self, extra_validators=None) -> bool:
        """Weight or bags, or an explicit "not weighed": an empty form is not a donation by mistake."""
        valid = super().validate(extra_validators)
        if valid and self.weight.data is None and not self.bags.data and not self.not_weighed.data:
            self.weight.errors.append(str(_l('Give the weight or the number of bags, or tick "Not weighed".')))
            return False
        return valid


class QuickAddForm(FlaskForm):
    category = SelectField(_l("Category"), validators=[InputRequired()])
    description = StringField(_l("Description (optional)"), validators=[Optional(), Length(max=300)],
                              render_kw={"dir": "auto", "autocomplete": "off"})
    quantity = WholeNumberField(_l("How many"), validators=[Optional()], minimum=1, maximum=50, default=1)
