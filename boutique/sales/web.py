"""Helpers the till's views share: the till from the URL, the active cashier, and answering either
the page's fetch calls (JSON with the cart re-rendered) or plain forms (flash and redirect)."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from boutique.catalog.services import list_categories
from boutique.extensions import db
from boutique.places.models import Till
from boutique.places.services import get_till
from boutique.sales.cart import cart_view, get_cart
from boutique.sales.cashier import may_sell
from boutique.sales.forms import DiscountForm, ManualLineForm
from boutique.sales.models import Cart


def load_till(code: str) -> Till:
    return get_till(db.session, code)


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json" or request.is_json


def cashier_of(cart: Cart):
    """The cashier who sells at this till now: the one who switched in by badge, else the signed-in user."""
    if cart.cashier is not None and may_sell(cart.cashier):
        return cart.cashier
    return current_user._get_current_object()


def manual_form() -> ManualLineForm:
    form = ManualLineForm(prefix="manual")
    language = str(get_locale())
    form.category.choices = [(c.code, c.label(language)) for c in list_categories(db.session)
                             if c.parent_id is not None]
    return form


def cart_html(till: Till, cart: Cart) -> str:
    return render_template("sales/_cart.html", till=till, cart=cart, view=cart_view(cart, language=str(get_locale())),
                           discount_form=DiscountForm(prefix="discount"))


def answer(till: Till, message, *, ok: bool = True, status: int = 200, kind: str | None = None,
           target: str | None = None, extra: dict | None = None):
    """JSON for the page's script (message + fresh cart), or a flash and a redirect for a plain form."""
    if wants_json():
        cart = get_cart(db.session, till)
        body = {"ok": ok, "kind": kind or ("added" if ok else "error"), "message": str(message),
                "cart_html": cart_html(till, cart), "total": cart_view(cart).total_ore, **(extra or {})}
        response = jsonify(body)
        response.status_code = status
        return response
    flash(str(message), "success" if ok else "error")
    return redirect(target or url_for("sales.till", code=till.code))
