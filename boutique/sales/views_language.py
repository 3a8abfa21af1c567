"""The till speaks its cashier's language: the one who switched in by badge and PIN, else whoever signed
in. The language switch in the till's bar changes the cashier's own setting."""

from flask import flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from boutique.auth.models import User
from boutique.extensions import db
from boutique.places.models import Till
from boutique.sales import bp
from boutique.sales.queries import cart_at
from boutique.sales.views_common import answer, cashier_of, load_till
from boutique.web.access import STAFF, allow
from boutique.web.headers import local_path
from boutique.web.i18n import LanguageForm, speak_as
from boutique.web.negotiation import wants_json


@bp.before_request
def speak_the_cashiers_language() -> None:
    code = (request.view_args or {}).get("code")
    if code is None or not current_user.is_authenticated:
        return
    cart = cart_at(db.session, code)
    speak_as(cashier_of(cart).language)


@bp.post("/<code>/language")
@allow(STAFF)
def language(code):
    till = load_till(code)
    form = LanguageForm()
    if form.validate_on_submit():
        cart = cart_at(db.session, till)
        cashier_of(cart).language = form.language.data
        db.session.commit()
    return redirect(local_path(form.next.data) or url_for("sales.till", code=till.code))


def cashier_switched(till: Till, cashier: User):
    """The answer to a cashier switching in: said in the new cashier's language. When that is another
    language than the page's, the script reloads the page (the message waits for it as a flash)."""
    other_language = cashier.language != str(get_locale())
    speak_as(cashier.language)
    message = _("%(name)s is at the till now.", name=cashier.display_name)
    if other_language and wants_json():
        flash(message, "success")
    return answer(till, message, kind="cashier", extra={"cashier": cashier.display_name, "reload": other_language})
