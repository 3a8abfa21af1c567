"""Forms to add and edit people."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from boutique.web.forms import options
from boutique.web.i18n import LANGUAGES

# Used by the people pages (their messages live in this catalog): who follows a participant's record.
SUPERVISOR_LABEL = _l("Supervisor")


SUPERVISOR_HELP = _l("The supervisor who follows this person's record of work. Only they and admins see it.")


class PersonForm(FlaskForm):
    display_name = StringField(_l("Display name"), validators=[DataRequired(), Length(max=120)],
                               render_kw={"dir": "auto"},
                               description=_l("Shown to everyone, also design students. A first name is enough."))
    role = SelectField(_l("Role"))
    language = SelectField(_l("Language"), choices=options(LANGUAGES.items()))
    contact = StringField(_l("Contact (optional)"), validators=[Optional(), Length(max=200)],
                          description=_l("Only if needed. Seen by supervisors only."))
    supervisor = SelectField(SUPERVISOR_LABEL, description=SUPERVISOR_HELP, default="")
    location = SelectField(_l("Meeting place"), default="",
                           description=_l("Where the person works: new donations start there."))


class NewPersonForm(PersonForm):
    username = StringField(_l("Username"), validators=[
        DataRequired(), Length(max=64),
        Regexp(r"^\S+$", message=_l("A username has no spaces."))],
        render_kw={"autocapitalize": "none", "spellcheck": "false"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=8, max=256)],
                             render_kw={"autocomplete": "new-password"})


class EditPersonForm(PersonForm):
    active = BooleanField(_l("Active (may sign in)"))
    new_password = PasswordField(_l("New password (leave empty to keep)"),
                                 validators=[Optional(), Length(min=8, max=256)],
                                 render_kw={"autocomplete": "new-password"})
