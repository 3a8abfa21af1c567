"""Transfer pages: start a list, scan out, send, scan in at the other end, finish, settle the differences."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from boutique.core.errors import DomainError
from boutique.extensions import db
from boutique.sales.services.lines import item_label
from boutique.stock import bp, transfers
from boutique.stock.findings import FINDING_LABELS, Finding
from boutique.stock.forms import SettleForm, StockScanForm
from boutique.stock.models import TransferStatus
from boutique.stock.queries import transfer_review
from boutique.stock.web import scan_answer, scan_words, transfer_form
from boutique.web.access import STAFF, allow


@bp.post("/transfers")
@allow(STAFF)
def transfer_start():
    form = transfer_form()
    if not form.validate_on_submit():
        flash(_("Choose where the items go from and to."), "error")
        return redirect(url_for("stock.index"))
    try:
        transfer = transfers.create_transfer(db.session, from_code=form.source.data, to_code=form.destination.data,
                                             by_user=current_user, note=form.note.data)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("stock.index"))
    db.session.commit()
    return redirect(url_for("stock.transfer", transfer_id=transfer.id))


@bp.get("/transfers/<int:transfer_id>")
@allow(STAFF)
def transfer(transfer_id: int):
    transfer = transfers.get_transfer(db.session, transfer_id)
    review = transfer_review(db.session, transfer)
    if transfer.status == TransferStatus.received:
        return render_template("stock/transfer_review.html", transfer=transfer, review=review)
    return render_template("stock/transfer.html", transfer=transfer, review=review,
                           form=StockScanForm(formdata=None))


def _scan(transfer_id: int, service, done):
    transfer = transfers.get_transfer(db.session, transfer_id)
    target = url_for("stock.transfer", transfer_id=transfer.id)
    form = StockScanForm()
    if not form.validate_on_submit():
        return scan_answer(_("Scan a code or type its 13 digits."), kind="error", status=422, target=target)
    try:
        scan = service(db.session, transfer=transfer, code=form.code.data, by_user=current_user)
    except DomainError as error:
        db.session.rollback()
        return scan_answer(str(error.message), kind="error", status=error.status, target=target)
    db.session.commit()
    if scan.line.sent_at is None and not scan.again:  # arrived without being on the list
        message, kind = str(_l("Not on this list: %(name)s (%(code)s). Settle it when you finish.",
                               name=item_label(scan.item), code=scan.item.code)), "warn"
    else:
        finding = Finding.fine if scan.finding == Finding.in_transit else scan.finding
        message, kind = scan_words(scan.item, finding, done=done, again=scan.again)
    if transfer.status == TransferStatus.packing:
        number = sum(1 for line in transfer.lines if line.sent_at is not None)
        tally = (number, ngettext("item on the list", "items on the list", number))
    else:
        number = sum(1 for line in transfer.lines if line.received_at is not None)
        tally = (number, ngettext("item arrived", "items arrived", number))
    return scan_answer(message, kind=kind, target=target, tally=tally)


@bp.post("/transfers/<int:transfer_id>/scan-out")
@allow(STAFF)
def transfer_scan_out(transfer_id: int):
    return _scan(transfer_id, transfers.scan_out, _l("On the list, in transit: %(name)s."))


@bp.post("/transfers/<int:transfer_id>/scan-in")
@allow(STAFF)
def transfer_scan_in(transfer_id: int):
    return _scan(transfer_id, transfers.scan_in, _l("Arrived: %(name)s."))


def _step(transfer_id: int, service, done: str):
    transfer = transfers.get_transfer(db.session, transfer_id)
    try:
        service(db.session, transfer=transfer)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("stock.transfer", transfer_id=transfer.id))


@bp.post("/transfers/<int:transfer_id>/send")
@allow(STAFF)
def transfer_send(transfer_id: int):
    return _step(transfer_id, transfers.send_transfer, _("Sent. The other place scans the items in."))


@bp.post("/transfers/<int:transfer_id>/finish")
@allow(STAFF)
def transfer_finish(transfer_id: int):
    return _step(transfer_id, transfers.finish_transfer, _("Received. Settle what did not arrive below."))


@bp.post("/transfers/<int:transfer_id>/lines/<int:line_id>/settle")
@allow(STAFF)
def transfer_settle(transfer_id: int, line_id: int):
    transfer = transfers.get_transfer(db.session, transfer_id)
    form = SettleForm()
    target = url_for("stock.transfer", transfer_id=transfer.id, _anchor=f"line-{line_id}")
    if not form.validate_on_submit():
        flash(_("Choose what happened and say why."), "error")
        return redirect(target)
    try:
        settled = transfers.settle_transfer_line(db.session, transfer=transfer, line_id=line_id,
                                                 choice=form.choice.data, reason=form.reason.data,
                                                 by_user=current_user)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(target)
    db.session.commit()
    if settled.settled:
        flash(_("Settled: %(code)s.", code=settled.line.item.code), "success")
    else:
        flash(_("Nothing left to settle for %(code)s: it is %(finding)s now.", code=settled.line.item.code,
                finding=str(FINDING_LABELS[settled.finding]).lower()), "info")
    return redirect(target)
