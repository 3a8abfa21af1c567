"""Forms of the labels pages: the print queue, reprinting one label, choosing people for badges."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from boutique.labels.documents import SHEET_CELLS
from boutique.web.forms import options

START_HELP = _l("Position on the A4 sheet of the first label (1-24, row by row), to use up a half-used sheet.")


class QueueForm(FlaskForm):
    # Values are CODE:PRICE_ORE, so a label is only marked printed at the price it was printed with.
    selected = SelectMultipleField(_l("Labels"), validate_choice=False)
    start = IntegerField(_l("Start at position"), default=1, description=START_HELP,
                         validators=[Optional(), NumberRange(1, SHEET_CELLS)])
    action = SelectField(choices=options([("print", _l("Print sheet")), ("mark", _l("Mark printed"))]))


FORMAT_CHOICES = options([
    ("sheet", _l("A4 sheet (70 × 37 mm)")),
    ("png", _l("Image (PNG, 300 dpi)")),
    ("ql62", _l("Brother QL, 62 × 29 mm")),
    ("zebra50", _l("Zebra, 50 × 30 mm (PDF)")),
    ("zpl", _l("Zebra, 50 × 30 mm (ZPL)")),
])


class ReprintForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that only reads

    # Own ids: the queue's form above it on the same page has a "start" field too.
    code = StringField(_l("Item code"), validators=[DataRequired(), Length(max=40)], id="reprint-code",
                       description=_l("Scan the item or type the 13 digits under the bars."))
    format = SelectField(_l("Format"), choices=FORMAT_CHOICES, default="sheet", id="reprint-format")
    start = IntegerField(_l("Start at position"), default=1, description=START_HELP, id="reprint-start",
                         validators=[Optional(), NumberRange(1, SHEET_CELLS)])


class BadgesForm(FlaskForm):
    class Meta:
        csrf = False

    users = SelectMultipleField(_l("People"), coerce=int, validate_choice=False)
