"""Forms for counts and transfers: field checks only (the services hold the rules)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from boutique.stock.findings import MAX_REASON
from boutique.stock.labels import SETTLEMENT_LABELS
from boutique.stock.models import Settlement
from boutique.web.forms import options

SCAN_FIELD = {"inputmode": "numeric", "autocomplete": "off", "autofocus": True, "spellcheck": "false",
              "enterkeyhint": "enter"}


class StartCountForm(FlaskForm):
    place = SelectField(_l("Place"), validators=[DataRequired()])
    zone = StringField(_l("Part of the place (optional)"), validators=[Optional(), Length(max=80)],
                       description=_l("A rail or a shelf, in your own words, e.g. “Rail 3”."))
    category = SelectField(_l("Category (optional)"), validators=[Optional()])


class TransferForm(FlaskForm):
    source = SelectField(_l("From"), validators=[DataRequired()])
    destination = SelectField(_l("To"), validators=[DataRequired()])
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=300)])


class StockScanForm(FlaskForm):
    code = StringField(_l("Scan or type a code"), validators=[DataRequired(), Length(max=40)], render_kw=SCAN_FIELD)


class SettleForm(FlaskForm):
    choice = RadioField(_l("What happened"), validators=[DataRequired()],
                        choices=options((s.value, SETTLEMENT_LABELS[s]) for s in Settlement))
    reason = StringField(_l("Why"), validators=[DataRequired(), Length(max=MAX_REASON)])
