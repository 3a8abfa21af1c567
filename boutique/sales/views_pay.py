"""Paying (cash, card, Swish, gift vouchers, splits), the Swish QR, receipts with their one copy, the journal."""

from flask import Response, flash, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from boutique.core.errors import DomainError, InvalidInput
from boutique.core.money import MoneyError, format_ore, parse_kronor
from boutique.extensions import db
from boutique.sales import bp
from boutique.sales.arithmetic import cash_due, settle
from boutique.sales.forms import PayForm
from boutique.sales.labels import method_label
from boutique.sales.models import PaymentMethod, Sale
from boutique.sales.queries import recent_receipts
from boutique.sales.receipts import (
    build_receipt,
    get_sale,
    paid_back,
    print_copy,
    swish_qr_svg,
    swish_reference,
)
from boutique.sales.services import carts, idempotency
from boutique.sales.services.days import require_open_day
from boutique.sales.services.idempotency import SaleKey
from boutique.sales.services.selling import PaymentRequest, sell
from boutique.sales.till_settings import allowed_methods
from boutique.sales.views_common import cashier_of, load_till, screen
from boutique.vouchers.services import get_voucher
from boutique.web.access import STAFF, allow
from boutique.web.i18n import shop_document

GRANT = "till_receipt"  # the receipt this browser may print as the original (or as the copy)


def _pay_page(till, cart, form, status=200, error=None, voucher=None):
    view = carts.cart_view(cart)
    swish_amount = form.swish.data if form.swish.data else view.total_ore
    return screen("sales/pay.html", till, cart=cart, status=status, view=view, form=form, error=error,
                  cash_due=cash_due(view.total_ore), methods=allowed_methods(db.session), swish_amount=swish_amount,
                  voucher=voucher)


def _scanned_voucher(form: PayForm, total: int):
    """The voucher scanned at the till (``?voucher=``), filled in for what it can pay; or the error."""
    try:
        voucher = get_voucher(db.session, request.args["voucher"])
    except DomainError as error:
        return None, str(error.message)
    form.voucher_code.data = voucher.code
    form.voucher.data = min(voucher.balance_ore, total)  # öre, shown as typed kronor
    return voucher, None


@bp.get("/<code>/pay")
@allow(STAFF)
def pay(code):
    till = load_till(code)
    require_open_day(db.session, till)
    cart = carts.get_cart(db.session, till)
    if not cart.lines:
        flash(_("The cart is empty. Scan something first."), "error")
        return redirect(url_for("sales.till", code=till.code))
    form = PayForm(formdata=request.args if request.args.get("swish") else None, key=cart.checkout_key)
    if request.args.get("swish"):
        form.validate()
    form.key.data = cart.checkout_key
    voucher, error = None, None
    if request.args.get("voucher"):
        voucher, error = _scanned_voucher(form, carts.cart_view(cart).total_ore)
    db.session.commit()
    return _pay_page(till, cart, form, error=error, voucher=voucher)


def _payments(form: PayForm, total: int) -> tuple[list[tuple[PaymentMethod, int]], str | None]:
    """The payments from the form or a one-press button, and what still needs confirming. Cash is a
    payment as soon as an amount is written, 0 included (a sale whose cash part rounds to 0 kr)."""
    quick = request.form.get("quick")
    if quick in (PaymentMethod.card, PaymentMethod.swish):
        return [(PaymentMethod(quick), total)], None
    if quick == PaymentMethod.cash:
        return [(PaymentMethod.cash, cash_due(total))], None
    payments = [(PaymentMethod.cash, form.cash.data)] if form.cash.data is not None else []
    payments += [(method, amount) for method, amount in ((PaymentMethod.card, form.card.data),
                                                         (PaymentMethod.swish, form.swish.data),
                                                         (PaymentMethod.voucher, form.voucher.data)) if amount]
    if form.voucher.data and not (form.voucher_code.data or "").strip():
        return payments, _("Scan the gift voucher's code.")
    if form.card.data and not form.card_confirmed.data:
        return payments, _("Confirm that the card terminal approved the card amount.")
    if form.swish.data and not form.swish_confirmed.data:
        return payments, _("Confirm that the Swish payment has arrived.")
    return payments, None


@bp.post("/<code>/pay")
@allow(STAFF)
def pay_post(code):
    till = load_till(code)
    cart = carts.get_cart(db.session, till)
    form = PayForm()
    raw_key = form.key.data or ""
    key = SaleKey(f"till:{till.code}", raw_key, idempotency.request_hash({"key": raw_key})) if raw_key else None
    if (earlier := idempotency.earlier_sale(db.session, key)) is not None:
        return _to_receipt(till, earlier.sale_id)  # a double click or a resubmit: the same receipt
    if raw_key != cart.checkout_key:
        flash(_("That payment was for an earlier cart. Check the cart and pay again."), "error")
        return redirect(url_for("sales.till", code=till.code))
    if not form.validate_on_submit():
        return _pay_page(till, cart, form, 422)
    payments, unconfirmed = _payments(form, carts.cart_view(cart).total_ore)
    if unconfirmed:
        return _pay_page(till, cart, form, 422, unconfirmed)
    # A Swish payment carries the reference its QR code showed, so the bank's line finds its receipt.
    # A gift voucher's payment carries its code.
    references = {PaymentMethod.swish: swish_reference(till.code, raw_key),
                  PaymentMethod.voucher: form.voucher_code.data}
    requests = [PaymentRequest(method, amount, references.get(method)) for method, amount in payments]
    try:
        sold = sell(db.session, till_code=till.code, cashier=cashier_of(cart),
                    lines=carts.line_requests(db.session, cart), payments=requests, training=cart.training, key=key)
        carts.after_checkout(db.session, cart)
        db.session.commit()
    except (IntegrityError, DomainError) as failed:
        db.session.rollback()
        if (earlier := idempotency.earlier_sale(db.session, key)) is not None:
            return _to_receipt(till, earlier.sale_id)  # the twin that won the race
        if isinstance(failed, IntegrityError):
            flash(_("An item was sold at another till at the same moment. Check the cart."), "error")
            return redirect(url_for("sales.till", code=till.code))
        cart = carts.get_cart(db.session, till)
        return _pay_page(till, cart, form, failed.status, str(failed.message))
    return _to_receipt(till, sold.sale_id)


def _to_receipt(till, sale_id: int):
    sale = db.session.get(Sale, sale_id)
    session[GRANT] = {"sale": sale.id, "mode": "original"}
    return redirect(url_for("sales.receipt", code=sale.till.code, number=sale.receipt_number,
                            training=1 if sale.training else None))


@bp.get("/<code>/pay/preview")
@allow(STAFF)
def pay_preview(code):
    """Change and rounding for what the cashier typed so far (the server does all money arithmetic)."""
    till = load_till(code)
    total = carts.cart_view(carts.get_cart(db.session, till)).total_ore
    try:
        # Only what the cashier wrote is a payment: an empty cash field is no cash line.
        payments = [(m, parse_kronor(request.args[m.value])) for m in PaymentMethod
                    if (request.args.get(m.value) or "").strip()]
        result = settle(total, payments)
    except MoneyError:
        return jsonify({"ok": False, "message": _("Write an amount in kronor, e.g. 129,50.")})
    except DomainError as error:
        return jsonify({"ok": False, "message": str(error.message)})
    return jsonify({"ok": True, "total_ore": total, "cash_ore": result.cash_ore, "rounding_ore": result.rounding_ore,
                    "change_ore": result.change_ore, "swish_ore": result.swish_ore,
                    "message": _("Change: %(change)s", change=format_ore(result.change_ore))})


@bp.get("/<code>/swish.svg")
@allow(STAFF)
def swish_qr(code):
    till = load_till(code)
    raw = request.args.get("amount", "")
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10):
        raise InvalidInput(_("The Swish amount is a whole number of öre."), code="invalid_amount")
    reference = swish_reference(till.code, carts.get_cart(db.session, till).checkout_key)
    svg = swish_qr_svg(db.session, amount_ore=int(raw), message=reference)
    db.session.commit()  # get_cart may have made the till's first cart
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


def _receipt_mode(sale) -> str:
    grant = session.get(GRANT) or {}
    return grant.get("mode", "view") if grant.get("sale") == sale.id else "view"


@bp.get("/<code>/receipts/<int:number>")
@allow(STAFF)
def receipt(code, number):
    till = load_till(code)
    sale = get_sale(db.session, till, number, training=request.args.get("training") == "1")
    mode = _receipt_mode(sale)
    paper = "a4" if request.args.get("paper") == "a4" else "80"
    # The receipt in the shop's language (Swedish) whatever the cashier's: the screen around it speaks theirs.
    body = shop_document("sales/_receipt.html", r=build_receipt(db.session, sale, is_copy=mode == "copy"),
                         mode=mode, method_label=method_label)
    return screen("sales/receipt.html", till, sale=sale, mode=mode, paper=paper, paid_back=paid_back(sale),
                  receipt_html=body)


@bp.post("/<code>/receipts/<int:number>/copy")
@allow(STAFF)
def receipt_copy(code, number):
    till = load_till(code)
    sale = get_sale(db.session, till, number)
    try:
        print_copy(db.session, sale, user=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("sales.receipt", code=till.code, number=number))
    db.session.commit()
    session[GRANT] = {"sale": sale.id, "mode": "copy"}
    return redirect(url_for("sales.receipt", code=till.code, number=number))


@bp.get("/<code>/receipts")
@allow(STAFF)
def journal(code):
    till = load_till(code)
    return screen("sales/journal.html", till, sales=recent_receipts(db.session, till, limit=50))
