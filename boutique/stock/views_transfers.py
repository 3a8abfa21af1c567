"""Transfer pages: start a list, scan out, send, scan in at the other end, finish, settle the differences."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from boutique.extensions import db
from boutique.sales.services.lines import item_label
from boutique.stock import bp, steps, transfers
from boutique.stock.findings import Finding
from boutique.stock.forms import StockScanForm
from boutique.stock.models import TransferStatus
from boutique.stock.queries import transfer_review
from boutique.stock.web import scan_words, transfer_form
from boutique.web.access import STAFF, allow


def _page(transfer, line_id: int | None = None) -> str:
    return url_for("stock.transfer", transfer_id=transfer.id, _anchor=None if line_id is None else f"line-{line_id}")


@bp.post("/transfers")
@allow(STAFF)
def transfer_start():
    form = transfer_form()
    return steps.start(form, unchosen=_("Choose where the items go from and to."), page=_page,
                       create=lambda: transfers.create_transfer(db.session, from_code=form.source.data,
                                                                to_code=form.destination.data,
                                                                by_user=current_user, note=form.note.data))


@bp.get("/transfers/<int:transfer_id>")
@allow(STAFF)
def transfer(transfer_id: int):
    transfer = transfers.get_transfer(db.session, transfer_id)
    review = transfer_review(db.session, transfer)
    if transfer.status == TransferStatus.received:
        return render_template("stock/transfer_review.html", transfer=transfer, review=review)
    return render_template("stock/transfer.html", transfer=transfer, review=review,
                           form=StockScanForm(formdata=None))


def _words(transfer, scan, done) -> tuple[str, str, tuple[int, str]]:
    """What the scanning screen says: the item, and how many are on the list (or have arrived)."""
    if scan.line.sent_at is None and not scan.again:  # arrived without being on the list
        message, kind = str(_l("Not on this list: %(name)s (%(code)s). Settle it when you finish.",
                               name=item_label(scan.item), code=scan.item.code)), "warn"
    else:
        finding = Finding.fine if scan.finding == Finding.in_transit else scan.finding
        message, kind = scan_words(scan.item, finding, done=done, again=scan.again)
    if transfer.status == TransferStatus.packing:
        number = sum(1 for line in transfer.lines if line.sent_at is not None)
        return message, kind, (number, ngettext("item on the list", "items on the list", number))
    number = sum(1 for line in transfer.lines if line.received_at is not None)
    return message, kind, (number, ngettext("item arrived", "items arrived", number))


def _scan(transfer_id: int, service, done):
    transfer = transfers.get_transfer(db.session, transfer_id)
    return steps.scan(_page(transfer), lambda code: service(db.session, transfer=transfer, code=code,
                                                            by_user=current_user),
                      lambda scan: _words(transfer, scan, done))


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
    return steps.step(_page(transfer), lambda: service(db.session, transfer=transfer), done)


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
    return steps.settle(_page(transfer, line_id), lambda choice, reason: transfers.settle_transfer_line(
        db.session, transfer=transfer, line_id=line_id, choice=choice, reason=reason, by_user=current_user))
