"""Count pages: start, scan (several people at once), pause, resume, finish, and settle the differences."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import func, select

from boutique.core.errors import DomainError
from boutique.extensions import db
from boutique.stock import bp, counts
from boutique.stock.findings import FINDING_LABELS
from boutique.stock.forms import SettleForm, StockScanForm
from boutique.stock.models import CountStatus, StocktakeLine
from boutique.stock.queries import count_review
from boutique.stock.web import count_form, scan_answer, scan_words
from boutique.web.access import STAFF, allow


def _counted(count) -> int:
    return db.session.scalar(select(func.count(StocktakeLine.id)).where(
        StocktakeLine.stocktake_id == count.id, StocktakeLine.scanned_at.is_not(None)))


@bp.post("/counts")
@allow(STAFF)
def start():
    form = count_form()
    if not form.validate_on_submit():
        flash(_("Choose the place to count."), "error")
        return redirect(url_for("stock.index"))
    try:
        count = counts.start_count(db.session, location_code=form.place.data, by_user=current_user,
                                   zone=form.zone.data, category_code=form.category.data or None)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("stock.index"))
    db.session.commit()
    return redirect(url_for("stock.count", stocktake_id=count.id))


@bp.get("/counts/<int:stocktake_id>")
@allow(STAFF)
def count(stocktake_id: int):
    count = counts.get_count(db.session, stocktake_id)
    if count.status != CountStatus.finished:
        return render_template("stock/count.html", count=count, form=StockScanForm(formdata=None),
                               counted=_counted(count))
    return render_template("stock/count_review.html", count=count, review=count_review(db.session, count))


@bp.post("/counts/<int:stocktake_id>/scan")
@allow(STAFF)
def count_scan(stocktake_id: int):
    count = counts.get_count(db.session, stocktake_id)
    target = url_for("stock.count", stocktake_id=count.id)
    form = StockScanForm()
    if not form.validate_on_submit():
        return scan_answer(_("Scan a code or type its 13 digits."), kind="error", status=422, target=target)
    try:
        scanned = counts.scan_into_count(db.session, count=count, code=form.code.data, by_user=current_user)
    except DomainError as error:
        db.session.rollback()
        return scan_answer(str(error.message), kind="error", status=error.status, target=target)
    db.session.commit()
    message, kind = scan_words(scanned.item, scanned.finding, done=_l("Counted: %(name)s."), again=scanned.again)
    counted = _counted(count)
    return scan_answer(message, kind=kind, target=target,
                       tally=(counted, ngettext("item counted", "items counted", counted)))


def _step(stocktake_id: int, service, done: str):
    count = counts.get_count(db.session, stocktake_id)
    try:
        service(db.session, count=count)
    except DomainError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("stock.count", stocktake_id=count.id))


@bp.post("/counts/<int:stocktake_id>/pause")
@allow(STAFF)
def count_pause(stocktake_id: int):
    return _step(stocktake_id, counts.pause_count, _("The count is paused. Resume it when you scan again."))


@bp.post("/counts/<int:stocktake_id>/resume")
@allow(STAFF)
def count_resume(stocktake_id: int):
    return _step(stocktake_id, counts.resume_count, _("The count goes on: scan."))


@bp.post("/counts/<int:stocktake_id>/finish")
@allow(STAFF)
def count_finish(stocktake_id: int):
    return _step(stocktake_id, counts.finish_count, _("The count is finished. Settle the differences below."))


@bp.post("/counts/<int:stocktake_id>/lines/<int:line_id>/settle")
@allow(STAFF)
def count_settle(stocktake_id: int, line_id: int):
    count = counts.get_count(db.session, stocktake_id)
    form = SettleForm()
    target = url_for("stock.count", stocktake_id=count.id, _anchor=f"line-{line_id}")
    if not form.validate_on_submit():
        flash(_("Choose what happened and say why."), "error")
        return redirect(target)
    try:
        settled = counts.settle_count_line(db.session, count=count, line_id=line_id, choice=form.choice.data,
                                           reason=form.reason.data, by_user=current_user)
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
