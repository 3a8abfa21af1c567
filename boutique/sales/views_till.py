"""The till page and its cart: scan, manual lines, discounts, remove, clear, training, cashier, PIN."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.security import check_password_hash
from wtforms.validators import ValidationError

from boutique.auth.badges import badge_code, user_id_from_badge
from boutique.auth.services import set_pin
from boutique.core.errors import DomainError
from boutique.core.money import format_ore
from boutique.extensions import db
from boutique.pricing.markdown import item_shelf_price
from boutique.sales import bp
from boutique.sales.forms import CashierForm, DiscountForm, OpenForm, PinForm, ScanForm, VoucherSellForm
from boutique.sales.keys import KEY_MAP
from boutique.sales.queries import tills_overview, z_reports
from boutique.sales.services import carts
from boutique.sales.services.cashier import PinRefused, approver_by_badge, user_by_badge
from boutique.sales.services.days import open_day, open_till, require_open_day
from boutique.sales.services.lines import item_label
from boutique.sales.till_settings import discount_limit_percent
from boutique.sales.views_common import answer, cart_context, cashier_of, load_till, manual_form, screen
from boutique.sales.views_language import cashier_switched
from boutique.vouchers.codes import looks_like_voucher
from boutique.vouchers.services import get_voucher, is_expired
from boutique.web.access import STAFF, allow
from boutique.web.negotiation import wants_json


@bp.get("/")
@allow(STAFF)
def index():
    return render_template("sales/index.html", rows=tills_overview(db.session))


@bp.route("/pin", methods=["GET", "POST"])
@allow(STAFF)
def pin():
    form = PinForm()
    if form.validate_on_submit():
        if not check_password_hash(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("That is not your current password."))
        else:
            set_pin(db.session, current_user, pin=form.pin.data)
            db.session.commit()
            flash(_("Your PIN is set. Scan your badge at a till and type it."), "success")
            return redirect(url_for("sales.index"))
    return render_template("sales/pin.html", form=form, badge=badge_code(current_user.id)), 422 if form.errors else 200


@bp.get("/<code>")
@allow(STAFF)
def till(code):
    till = load_till(code)
    day = open_day(db.session, till)
    if day is None:
        return screen("sales/closed.html", till, form=OpenForm(), reports=z_reports(db.session, till, limit=5))
    cart = carts.get_cart(db.session, till)
    db.session.commit()
    return screen("sales/till.html", till, cart=cart, day=day, scan_form=ScanForm(formdata=None),
                  manual_form=manual_form(), voucher_form=VoucherSellForm(prefix="voucher"),
                  **cart_context(till, cart))


@bp.post("/<code>/open")
@allow(STAFF)
def open_day_view(code):
    till = load_till(code)
    form = OpenForm()
    if not form.validate_on_submit():
        return screen("sales/closed.html", till, form=form, reports=z_reports(db.session, till, limit=5), status=422)
    try:
        open_till(db.session, till=till, user=current_user, float_ore=form.float_amount.data)
    except DomainError as error:
        db.session.rollback()
        return answer(till, error.message, ok=False, status=error.status)
    db.session.commit()
    return answer(till, _("Till %(till)s is open. Float: %(amount)s.", till=till.code,
                          amount=format_ore(form.float_amount.data)))


def _run(till, action, message, kind=lambda _result: None):
    """Run a cart service; commit and answer with ``message(result)``, or roll back and answer the error."""
    try:
        require_open_day(db.session, till)
        result = action()
    except DomainError as error:
        db.session.rollback()
        return answer(till, error.message, ok=False, status=error.status)
    db.session.commit()
    return answer(till, message(result), kind=kind(result))


def _from_elsewhere(line, till) -> bool:
    """An item that belongs to another place: sold all the same, said at the scan; the sale moves it
    to the till's place and its sold event says from where."""
    return line.item.location_id != till.location_id


def _added(line, till) -> str:
    shelf = item_shelf_price(line.item)
    if shelf.is_marked_down:
        added = _("Added: %(name)s, %(price)s (marked down %(percent)d %% from %(asking)s)", name=item_label(line.item),
                  price=format_ore(shelf.price_ore), percent=shelf.percent, asking=format_ore(shelf.asking_ore))
    else:
        added = _("Added: %(name)s, %(price)s", name=item_label(line.item), price=format_ore(shelf.price_ore))
    if _from_elsewhere(line, till):
        return _("%(added)s. Note: this item belongs to %(place)s; the sale moves it to %(here)s.", added=added,
                 place=line.item.location.name, here=till.location.name)
    return added


@bp.post("/<code>/scan")
@allow(STAFF)
def scan(code):
    till = load_till(code)
    form = ScanForm()
    text = (form.code.data or "").strip()
    if not form.validate_on_submit():
        return answer(till, _("Scan a code or type its 13 digits."), ok=False, status=422)
    if looks_like_voucher(text):
        return _voucher_scanned(till, text)
    if user_id_from_badge(text) is not None:
        if wants_json():
            return answer(till, _("Badge scanned. Type the PIN."), kind="badge", extra={"badge": text})
        return redirect(url_for("sales.cashier", code=till.code, badge=text))
    cart = carts.get_cart(db.session, till)
    return _run(till, lambda: carts.add_item(db.session, cart, code=text), lambda line: _added(line, till),
                kind=lambda line: "warning" if _from_elsewhere(line, till) else None)


def _voucher_scanned(till, text):
    """A gift voucher scanned at the till is a payment, not an item: its balance is shown, and with
    something in the cart the pay screen opens with the voucher filled in."""
    try:
        voucher = get_voucher(db.session, text)
    except DomainError as error:
        return answer(till, error.message, ok=False, status=error.status)
    if is_expired(voucher):
        return answer(till, _("Gift voucher %(code)s was valid until %(day)s and can no longer be used.",
                              code=voucher.code, day=voucher.valid_until.isoformat()), ok=False, status=409)
    message = _("Gift voucher %(code)s: %(left)s left, valid until %(day)s.", code=voucher.code,
                left=format_ore(voucher.balance_ore), day=voucher.valid_until.isoformat())
    has_lines = bool(carts.get_cart(db.session, till).lines)
    target = url_for("sales.pay", code=till.code, voucher=voucher.code) if has_lines and voucher.balance_ore else None
    db.session.commit()  # get_cart may have made the till's first cart
    return answer(till, message, kind="voucher", target=target, extra={"target": target})


@bp.post("/<code>/voucher")
@allow(STAFF)
def sell_voucher(code):
    till = load_till(code)
    form = VoucherSellForm(prefix="voucher")
    if not form.validate_on_submit():
        errors = [str(e) for field in form for e in field.errors]
        return answer(till, " ".join(errors) or _("Write the gift voucher's amount."), ok=False, status=422)
    cart = carts.get_cart(db.session, till)
    return _run(till, lambda: carts.add_voucher(db.session, cart, amount_ore=form.amount.data),
                lambda line: _("Added: gift voucher for %(price)s", price=format_ore(line.price_ore)))


@bp.post("/<code>/manual")
@allow(STAFF)
def manual(code):
    till = load_till(code)
    form = manual_form()
    if not form.validate_on_submit():
        errors = [str(e) for field in form for e in field.errors]
        return answer(till, " ".join(errors) or _("Check the manual line."), ok=False, status=422)
    cart = carts.get_cart(db.session, till)
    return _run(till, lambda: carts.add_manual(db.session, cart, description=form.description.data,
                                               category=form.category.data, price_ore=form.price.data),
                lambda line: _("Added: %(name)s, %(price)s", name=line.description, price=format_ore(line.price_ore)))


@bp.post("/<code>/lines/<int:line_id>/remove")
@allow(STAFF)
def remove_line(code, line_id):
    till = load_till(code)
    cart = carts.get_cart(db.session, till)
    return _run(till, lambda: carts.remove_line(db.session, cart, line_id=line_id), lambda _r: _("Line removed."))


@bp.post("/<code>/clear")
@allow(STAFF)
def clear(code):
    till = load_till(code)
    cart = carts.get_cart(db.session, till)
    return _run(till, lambda: carts.clear(db.session, cart), lambda _r: _("The cart is empty."))


@bp.post("/<code>/lines/<int:line_id>/discount")
@allow(STAFF)
def discount(code, line_id):
    till = load_till(code)
    form = DiscountForm(prefix="discount")
    if not form.validate_on_submit():
        errors = [str(e) for field in form for e in field.errors]
        return answer(till, " ".join(errors) or _("Check the discount."), ok=False, status=422)
    try:
        value = form.value_number()
    except ValidationError as error:
        return answer(till, str(error), ok=False, status=422)
    cart = carts.get_cart(db.session, till)
    approver = None
    if form.badge.data:
        try:
            approver = approver_by_badge(db.session, badge=form.badge.data, pin=form.pin.data or "",
                                         address=request.remote_addr or "")
        except PinRefused as refused:
            db.session.commit()  # the failed PIN is counted
            return answer(till, refused.message, ok=False, status=refused.status)
        except DomainError as error:
            db.session.rollback()
            return answer(till, error.message, ok=False, status=error.status)
    return _run(till, lambda: carts.set_discount(
        db.session, cart, line_id=line_id, kind=form.kind.data, value=value, reason=form.reason.data,
        actor=cashier_of(cart), approver=approver, limit_percent=discount_limit_percent(db.session)),
        lambda _r: _("Discount given."))


@bp.post("/<code>/lines/<int:line_id>/undiscount")
@allow(STAFF)
def undiscount(code, line_id):
    till = load_till(code)
    cart = carts.get_cart(db.session, till)
    return _run(till, lambda: carts.remove_discount(db.session, cart, line_id=line_id),
                lambda _r: _("Discount removed."))


@bp.post("/<code>/training")
@allow(STAFF)
def training(code):
    till = load_till(code)
    cart = carts.get_cart(db.session, till)
    on = request.form.get("training") == "on"
    return _run(till, lambda: carts.set_training(db.session, cart, on=on),
                lambda _r: _("Training mode is on: receipts say ÖVNING and nothing is really sold.") if on
                else _("Training mode is off."))


@bp.route("/<code>/cashier", methods=["GET", "POST"])
@allow(STAFF)
def cashier(code):
    till = load_till(code)
    form = CashierForm(prefix="cashier")
    if request.method == "GET":
        form.badge.data = request.args.get("badge", "")[:40]
        return screen("sales/cashier.html", till, form=form)
    if not form.validate_on_submit():
        if wants_json():
            return answer(till, _("Scan the badge and type the PIN."), ok=False, status=422)
        return screen("sales/cashier.html", till, form=form, status=422)
    try:
        user = user_by_badge(db.session, badge=form.badge.data, pin=form.pin.data, address=request.remote_addr or "")
        carts.set_cashier(db.session, carts.get_cart(db.session, till), cashier=user)
    except PinRefused as refused:
        db.session.commit()  # the failed PIN is counted
        return answer(till, refused.message, ok=False, status=refused.status,
                      target=url_for("sales.cashier", code=till.code))
    except DomainError as error:
        db.session.rollback()
        return answer(till, error.message, ok=False, status=error.status,
                      target=url_for("sales.cashier", code=till.code))
    db.session.commit()
    return cashier_switched(till, user)


# The key map is the same on every till screen, and the templates' key macros need it without context.
bp.add_app_template_global(KEY_MAP, "till_keys")
