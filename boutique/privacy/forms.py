"""The erasure's confirmation: the person's username typed out, so it is never one click."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class EraseForm(FlaskForm):
    username = StringField(_l("Type their username to confirm"), validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocapitalize": "none", "spellcheck": "false", "autocomplete": "off"})
