"""Forms to register a donation and to add items while unpacking it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from boutique.pipeline.forms import KilogramsField, WholeNumberField

SOURCE_CHOICES = [("drop_off", _l("Drop-off at the shop")), ("collection", _l("Collection")),
                  ("pickup", _l("Pickup"))]


class DonationForm(FlaskForm):
    source = RadioField(_l("What came in?"), choices=SOURCE_CHOICES, default="drop_off",
                        validators=[InputRequired()])
    location = SelectField(_l("Location"), validators=[InputRequired()])
    received_at = DateTimeLocalField(_l("Received (leave empty for now)"), validators=[Optional()],
                                     format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"])
    weight = KilogramsField(_l("Weight (kg)"), validators=[Optional()], description=_l("For example 12,5"))
    bags = WholeNumberField(_l("Bags"), validators=[Optional()], minimum=0, maximum=1000)
    donor_note = StringField(_l("Donor note (optional)"), validators=[Optional(), Length(max=300)],
                             render_kw={"dir": "auto"},
                             description=_l("Donors are anonymous; note a name only if the donor asks."))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=1000)], render_kw={"dir": "auto"})


class QuickAddForm(FlaskForm):
    category = SelectField(_l("Category"), validators=[InputRequired()])
    description = StringField(_l("Description (optional)"), validators=[Optional(), Length(max=300)],
                              render_kw={"dir": "auto", "autocomplete": "off"})
    quantity = WholeNumberField(_l("How many"), validators=[Optional()], minimum=1, maximum=50, default=1)
