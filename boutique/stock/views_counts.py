"""Count pages: start, scan (several people at once), pause, resume, finish, and settle the differences."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from boutique.extensions import db
from boutique.stock import bp, counts, steps
from boutique.stock.forms import StockScanForm
from boutique.stock.models import CountStatus
from boutique.stock.queries import count_review, scanned_lines
from boutique.stock.web import count_form, scan_words
from boutique.web.access import STAFF, allow


def _page(count, line_id: int | None = None) -> str:
    return url_for("stock.count", stocktake_id=count.id, _anchor=None if line_id is None else f"line-{line_id}")


@bp.post("/counts")
@allow(STAFF)
def start():
    form = count_form()
    return steps.start(form, unchosen=_("Choose the place to count."), page=_page,
                       create=lambda: counts.start_count(db.session, location_code=form.place.data,
                                                         by_user=current_user, zone=form.zone.data,
                                                         category_code=form.category.data or None))


@bp.get("/counts/<int:stocktake_id>")
@allow(STAFF)
def count(stocktake_id: int):
    count = counts.get_count(db.session, stocktake_id)
    if count.status != CountStatus.finished:
        return render_template("stock/count.html", count=count, form=StockScanForm(formdata=None),
                               counted=scanned_lines(db.session, count))
    return render_template("stock/count_review.html", count=count, review=count_review(db.session, count))


@bp.post("/counts/<int:stocktake_id>/scan")
@allow(STAFF)
def count_scan(stocktake_id: int):
    count = counts.get_count(db.session, stocktake_id)

    def answer(scanned):
        message, kind = scan_words(scanned.item, scanned.finding, done=_l("Counted: %(name)s."), again=scanned.again)
        counted = scanned_lines(db.session, count)
        return message, kind, (counted, ngettext("item counted", "items counted", counted))

    return steps.scan(_page(count), lambda code: counts.scan_into_count(db.session, count=count, code=code,
                                                                       by_user=current_user), answer)


def _step(stocktake_id: int, service, done: str):
    count = counts.get_count(db.session, stocktake_id)
    return steps.step(_page(count), lambda: service(db.session, count=count), done)


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
    return steps.settle(_page(count, line_id), lambda choice, reason: counts.settle_count_line(
        db.session, count=count, line_id=line_id, choice=choice, reason=reason, by_user=current_user))
