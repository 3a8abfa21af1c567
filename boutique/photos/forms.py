"""The photo upload form (a lot's or an item's before/after photos)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from boutique.photos.models import PhotoKind
from boutique.web.forms import options


class PhotoForm(FlaskForm):
    photo = FileField(_l("Photo"), render_kw={"accept": "image/jpeg,image/png,image/webp"},
                      description=_l("JPEG, PNG or WebP. Location data in the photo is removed."))
    kind = SelectField(_l("Kind"), choices=options([(PhotoKind.before.value, _l("Before")),
                                                    (PhotoKind.after.value, _l("After"))]))
    caption = StringField(_l("Caption"), validators=[Optional(), Length(max=300)], render_kw={"dir": "auto"})


KIND_LABELS = {PhotoKind.before: _l("Before"), PhotoKind.after: _l("After"), PhotoKind.step: _l("Step")}
