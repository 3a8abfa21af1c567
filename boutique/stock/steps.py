"""The page steps counts and transfers share: start a list, scan into it, move it on (pause, send, finish),
settle a line. The view finds the list (404) and says what differs; a step a rule refuses is rolled back
and said (a flash, or the scanner's answer); one that goes through is committed."""

from collections.abc import Callable

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from boutique.extensions import db
from boutique.stock.findings import Settled
from boutique.stock.forms import SettleForm, StockScanForm
from boutique.stock.labels import FINDING_LABELS
from boutique.stock.lists import Scanned
from boutique.stock.web import scan_answer
from boutique.web.refusals import refused


def start(form, *, unchosen: str, create: Callable[[], object], page: Callable[[object], str]):
    """Start a list from the start page's form; its page next, or back to the start page, told why not."""
    back = redirect(url_for("stock.index"))
    if not form.validate_on_submit():
        flash(unchosen, "error")
        return back
    with refused(flash="error") as attempt:
        started = create()
    if not attempt.ok:
        return back
    db.session.commit()
    return redirect(page(started))


def scan(target: str, service: Callable[[str], Scanned],
         answer: Callable[[Scanned], tuple[str, str, tuple[int, str]]]):
    """One scan into a list; ``answer`` gives the screen's message, its kind and the tally."""
    form = StockScanForm()
    if not form.validate_on_submit():
        return scan_answer(_("Scan a code or type its 13 digits."), kind="error", status=422, target=target)
    with refused() as attempt:
        scanned = service(form.code.data)
    if not attempt.ok:
        return scan_answer(attempt.message, kind="error", status=attempt.status, target=target)
    db.session.commit()
    message, kind, tally = answer(scanned)
    return scan_answer(message, kind=kind, target=target, tally=tally)


def step(target: str, service: Callable[[], None], done: str):
    """Move a list on (pause, resume, send, finish) and back to its page."""
    with refused(flash="error") as attempt:
        service()
    if attempt.ok:
        db.session.commit()
        flash(done, "success")
    return redirect(target)


def settle(target: str, service: Callable[[str, str], Settled]):
    """Settle one line with the choice and reason of its form; back to the line."""
    form = SettleForm()
    if not form.validate_on_submit():
        flash(_("Choose what happened and say why."), "error")
        return redirect(target)
    with refused(flash="error") as attempt:
        settled = service(form.choice.data, form.reason.data)
    if attempt.ok:
        db.session.commit()
        code = settled.line.item.code
        if settled.settled:
            flash(_("Settled: %(code)s.", code=code), "success")
        else:
            flash(_("Nothing left to settle for %(code)s: it is %(finding)s now.", code=code,
                    finding=str(FINDING_LABELS[settled.finding]).lower()), "info")
    return redirect(target)
