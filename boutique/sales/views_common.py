"""Helpers the till's screens share: the till from the URL, the active cashier, the register's bar and
key map, and answering either the page's fetch calls (JSON with the cart re-drawn) or plain forms
(flash and redirect)."""

from dataclasses import dataclass

from flask import flash, jsonify, redirect, render_template, url_for
from flask_babel import get_locale
from flask_login import current_user

from boutique.auth.models import User
from boutique.catalog.services import list_categories
from boutique.extensions import db
from boutique.places.models import Till
from boutique.places.services import get_till
from boutique.sales.cart_models import Cart
from boutique.sales.forms import DiscountForm, ManualLineForm
from boutique.sales.queries import cart_at
from boutique.sales.services.carts import cart_view, get_cart
from boutique.sales.services.cashier import may_sell
from boutique.sales.till_settings import discount_limit_percent
from boutique.web.forms import options
from boutique.web.negotiation import wants_json


def load_till(code: str) -> Till:
    return get_till(db.session, code)


def cashier_of(cart: Cart | None) -> User:
    """The cashier who sells at this till now: the one who switched in by badge, else the signed-in user."""
    if cart is not None and cart.cashier is not None and may_sell(cart.cashier):
        return cart.cashier
    return current_user._get_current_object()


@dataclass(frozen=True)
class Bar:
    """What the register's slim bar says on every till screen."""

    cashier: User
    training: bool


def bar_for(till: Till, cart: Cart | None = None) -> Bar:
    if cart is None:
        cart = cart_at(db.session, till)
    return Bar(cashier=cashier_of(cart), training=bool(cart is not None and cart.training))


def screen(template: str, till: Till, *, cart: Cart | None = None, status: int = 200, **context):
    """A till screen in the register layout (templates/sales/_register.html), with what its bar says."""
    return render_template(template, till=till, bar=bar_for(till, cart), **context), status


def manual_form() -> ManualLineForm:
    form = ManualLineForm(prefix="manual")
    language = str(get_locale())
    form.category.choices = options((c.code, c.label(language)) for c in list_categories(db.session)
                                    if c.parent_id is not None)
    return form


def cart_context(till: Till, cart: Cart) -> dict:
    """What the cart's two parts (its lines, templates/sales/_cart.html, and its total, _total.html) show;
    the till page includes them, and the script gets them re-drawn after each change."""
    return {"view": cart_view(cart, language=str(get_locale()), here=till.location_id),
            "discount_form": DiscountForm(prefix="discount"), "limit": discount_limit_percent(db.session)}


def answer(till: Till, message, *, ok: bool = True, status: int = 200, kind: str | None = None,
           target: str | None = None, extra: dict | None = None):
    """JSON for the page's script (message + fresh cart), or a flash and a redirect for a plain form."""
    if wants_json():
        context = cart_context(till, get_cart(db.session, till))
        body = {"ok": ok, "kind": kind or ("added" if ok else "error"), "message": str(message),
                "cart_html": render_template("sales/_cart.html", till=till, **context),
                "total_html": render_template("sales/_total.html", till=till, **context),
                "total": context["view"].total_ore, **(extra or {})}
        response = jsonify(body)
        response.status_code = status
        return response
    flash(str(message), "warning" if kind == "warning" else "success" if ok else "error")
    return redirect(target or url_for("sales.till", code=till.code))
