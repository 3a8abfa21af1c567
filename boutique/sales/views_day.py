"""Till days on the page (X-report, closing with a Z-report, reprints) and returns."""

from flask import flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from boutique.core.ean13 import clean_scan
from boutique.core.errors import DomainError, NotFound
from boutique.extensions import db
from boutique.items.models import ItemStatus
from boutique.sales import bp
from boutique.sales.figures import day_figures
from boutique.sales.forms import CloseForm, ReturnForm, ReturnSearchForm
from boutique.sales.labels import method_label
from boutique.sales.models import PaymentMethod, Sale
from boutique.sales.queries import get_z_report, sale_of_item, tills_overview, z_reports
from boutique.sales.receipts import get_sale
from boutique.sales.services.carts import get_cart
from boutique.sales.services.count import count_cash
from boutique.sales.services.days import close_till, open_day, require_open_day
from boutique.sales.services.returns import RESTOCK_TARGETS, lines_for_ids, return_lines
from boutique.sales.till_settings import allowed_methods
from boutique.sales.views_common import cashier_of, load_till, screen
from boutique.sales.views_pay import GRANT
from boutique.web.access import STAFF, allow
from boutique.web.forms import options

Z_GRANT = "till_z"


@bp.get("/<code>/x")
@allow(STAFF)
def x_report(code):
    till = load_till(code)
    day = require_open_day(db.session, till)
    return screen("sales/x_report.html", till, figures=day_figures(db.session, day), method_label=method_label)


@bp.route("/<code>/close", methods=["GET", "POST"])
@allow(STAFF)
def close(code):
    """Blind count: the counted cash alone first; then it beside the expected, with a reason for a difference."""
    till = load_till(code)
    if open_day(db.session, till) is None:
        flash(_("Till %(till)s is already closed.", till=till.code), "error")
        return redirect(url_for("sales.till", code=till.code))
    form = CloseForm()
    if not form.validate_on_submit():
        return screen("sales/close.html", till, form=form, count=None, error=None, status=422 if form.errors else 200)
    count = count_cash(db.session, till=till, counted_ore=form.counted.data)
    if form.confirmed.data != "1":
        return screen("sales/close.html", till, form=form, count=count, error=None)
    try:
        report = close_till(db.session, till=till, user=current_user, counted_cash_ore=form.counted.data,
                            note=form.note.data)
    except DomainError as failure:
        db.session.rollback()
        if failure.code == "variance_reason_required":
            form.note.errors.append(str(failure.message))
        return screen("sales/close.html", till, form=form, count=count, status=failure.status,
                      error=None if form.note.errors else str(failure.message))
    db.session.commit()
    session[Z_GRANT] = report.id
    return redirect(url_for("sales.z_report", code=till.code, number=report.z_number))


@bp.get("/<code>/z/<int:number>")
@allow(STAFF)
def z_report(code, number):
    till = load_till(code)
    report = get_z_report(db.session, till, number)
    if report is None:
        raise NotFound(_("Till %(till)s has no Z-report number %(number)d.", till=till.code, number=number))
    reprint = session.get(Z_GRANT) != report.id
    return screen("sales/z_report.html", till, report=report, reprint=reprint, method_label=method_label,
                  reports=z_reports(db.session, till))


def _find_sale(form: ReturnSearchForm) -> Sale | None:
    text = clean_scan(form.q.data)
    if len(text) == 13:
        return sale_of_item(db.session, text)
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return get_sale(db.session, load_till(form.till.data), int(text))
    raise NotFound(_("Type a receipt number or scan an item's code."))


@bp.get("/<code>/returns")
@allow(STAFF)
def returns(code):
    till = load_till(code)
    form = ReturnSearchForm(request.args)
    form.till.choices = options((row.till.code, row.till.code) for row in tills_overview(db.session))
    if not request.args.get("till"):
        form.till.data = till.code
    sale, error = None, None
    if request.args.get("q") and form.validate():
        try:
            sale = _find_sale(form)
            if sale is None:
                error = _("No sale of that item was found.")
        except DomainError as failure:
            error = str(failure.message)
    return _returns_page(till, form, sale, error)


def _returns_page(till, form, sale, error, status=200):
    return_form = ReturnForm()
    if sale is not None:
        paid = {p.method for p in sale.payments if p.amount_ore > 0}
        allowed = allowed_methods(db.session)
        # What a gift voucher paid goes back on a voucher: then that choice comes first.
        order = sorted(PaymentMethod, key=lambda m: m != PaymentMethod.voucher or m not in paid)
        return_form.refund_method.choices = options((m.value, method_label(m)) for m in order
                                                    if m in allowed and (m == PaymentMethod.cash or m in paid))
    status = status if not error else 404 if status == 200 else status
    return screen("sales/returns.html", till, status=status, form=form, sale=sale, error=error,
                  return_form=return_form, restock_targets=RESTOCK_TARGETS, status_labels=_restock_labels())


def _restock_labels():
    return {ItemStatus.for_sale: _("Back on sale"), ItemStatus.sorted: _("To re-processing (value and price again)"),
            ItemStatus.received: _("To re-processing (wash and sort again)")}


@bp.post("/<code>/returns/<int:sale_id>")
@allow(STAFF)
def return_post(code, sale_id):
    till = load_till(code)
    original = db.get_or_404(Sale, sale_id)
    form = ReturnForm()
    form.refund_method.choices = options((m.value, method_label(m)) for m in PaymentMethod)
    ids = [int(v) for v in request.form.getlist("line") if v.isascii() and v.isdigit() and len(v) < 12]
    restock = {}
    for line in original.lines:
        choice = request.form.get(f"restock-{line.id}")
        if line.item is not None and choice in {t.value for t in RESTOCK_TARGETS}:
            restock[line.item.code] = ItemStatus(choice)
    try:
        if not form.validate_on_submit():
            raise DomainError(_("Choose how to refund."))
        sale = return_lines(db.session, till=till, cashier=cashier_of(get_cart(db.session, till)), original=original,
                            lines=lines_for_ids(original, ids), refund_method=form.refund_method.data,
                            restock=restock)
    except DomainError as error:
        db.session.rollback()
        search = ReturnSearchForm(formdata=None, q=str(original.receipt_number), till=original.till.code)
        search.till.choices = options((row.till.code, row.till.code) for row in tills_overview(db.session))
        return _returns_page(till, search, db.session.get(Sale, sale_id), str(error.message), error.status)
    db.session.commit()
    session[GRANT] = {"sale": sale.id, "mode": "original"}
    return redirect(url_for("sales.receipt", code=till.code, number=sale.receipt_number))
