"""Forms for locations, tills and shop settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional


class LocationForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=16)],
                       description=_l("Short, e.g. SKH"))
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])


class TillForm(FlaskForm):
    # Own ids: the location form beside it on the same page has a code too.
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=16)], id="till-code",
                       description=_l("e.g. SKH-1"))
    location = SelectField(_l("Location"), id="till-location")


def settings_form_class(specs):
    """A form with one field per registered setting (other areas add settings without new forms)."""

    class SettingsForm(FlaskForm):
        pass

    for spec in specs:
        setattr(SettingsForm, spec.key, StringField(spec.label, validators=[Length(max=spec.max_length)],
                                                    description=spec.help))
    return SettingsForm
