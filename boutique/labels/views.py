"""Label files (PNG, PDF, ZPL: machine endpoints that answer errors as JSON), the print queue and badges."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from boutique.auth.badges import badge_code
from boutique.core.errors import DomainError, InvalidInput
from boutique.extensions import db
from boutique.items.services import get_item
from boutique.labels import bp, documents, fonts, queries, render, services
from boutique.labels.documents import SHEET_CELLS
from boutique.labels.forms import BadgesForm, QueueForm, ReprintForm
from boutique.places.services import list_locations
from boutique.web.access import MANAGERS, STAFF, allow
from boutique.web.error_pages import json_error
from boutique.web.headers import content_disposition
from boutique.web.refusals import refused

ITEM_FORMATS = {"ql62": render.QL62, "zebra50": render.ZEBRA50}


def _json_errors(view: Callable) -> Callable:
    """Label files are fetched by printers and scripts: a refusal is JSON like the API's, never a page."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except DomainError as error:
            db.session.rollback()
            return json_error(error.status, error.code, str(error.message), **error.details)
        except fonts.FontsMissing as error:
            db.session.rollback()
            current_app.logger.error("labels cannot be drawn: %s", error)
            return json_error(503, "fonts_missing", _("Labels cannot be drawn: their fonts are missing on the "
                                                      "server. Tell whoever runs it (see static/fonts/README.md)."))

    return wrapper


@bp.record_once
def _warn_without_fonts(state) -> None:
    """Said once at start-up, not first at the shelf: labels need fonts that come with the project."""
    missing = fonts.missing_fonts()
    if missing:
        state.app.logger.warning("Labels cannot be drawn: %s not found in %s. Restore static/fonts or set "
                                 "BOUTIQUE_FONT_DIR.", ", ".join(missing), ", ".join(fonts.FONT_DIRS))


@contextmanager
def _shop_language() -> Iterator[None]:
    """Labels speak to customers: the shop's language, whoever prints them."""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        yield


def _file(data: bytes | str, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition("inline", filename)
    response.headers["Cache-Control"] = "no-store"  # prices change; never print a cached label
    return response


def _item_label(code: str):
    item = get_item(db.session, code)
    with _shop_language():
        return services.label_contents(db.session, [item.code])[0]


@bp.route("/items/<code>.png")
@allow(STAFF)
@_json_errors
def item_png(code: str):
    # File names come from the item's own code, never the path as typed (it may end in a newline).
    content = _item_label(code)
    return _file(render.label_png(content), "image/png", f"{content.code}.png")


@bp.route("/items/<code>.pdf")
@allow(STAFF)
@_json_errors
def item_pdf(code: str):
    medium = ITEM_FORMATS.get(request.args.get("format", "ql62"))
    if medium is None:
        raise InvalidInput(_("The format is ql62 (Brother QL, 62 × 29 mm) or zebra50 (Zebra, 50 × 30 mm)."),
                           code="invalid_format")
    content = _item_label(code)
    return _file(documents.single_pdf(content, medium), "application/pdf", f"{content.code}-{medium.key}.pdf")


@bp.route("/items/<code>.zpl")
@allow(STAFF)
@_json_errors
def item_zpl(code: str):
    content = _item_label(code)
    return _file(documents.label_zpl(content, render.ZEBRA50), "text/plain", f"{content.code}.zpl")


@bp.route("/sheet.pdf")
@allow(STAFF)
@_json_errors
def sheet():
    codes = services.parse_code_list(request.args.getlist("codes"))
    start = services.parse_start(request.args.get("start"))
    with _shop_language():
        contents = services.label_contents(db.session, codes)
    return _file(documents.sheet_pdf(contents, start=start), "application/pdf", "labels.pdf")


def _page_number(text: str) -> int:
    """``?page=`` as a whole number from 1 (anything else: the first page)."""
    return int(text) if text.isascii() and text.isdigit() and 0 < len(text) < 6 and int(text) > 0 else 1


def _queue_page(reprint: ReprintForm | None = None, status: int = 200):
    """One A4 sheet of the queue at a time (24 labels, all ticked): print it, mark it, the next comes up."""
    location = request.args.get("location") or None
    locations = list_locations(db.session)
    if location not in {loc.code for loc in locations}:
        location = None
    total = queries.queue_size(db.session, location_code=location)
    pages = max(1, -(-total // SHEET_CELLS))
    page = min(_page_number(request.args.get("page", "")), pages)
    # Newest first: the set just priced, on the first sheet (oldest first drains the queue in order).
    newest = request.args.get("order") == "newest"
    rows = queries.print_queue(db.session, location_code=location, limit=SHEET_CELLS,
                               offset=(page - 1) * SHEET_CELLS, newest_first=newest)
    return render_template(
        "labels/queue.html", rows=rows, total=total, page=page, pages=pages, first=(page - 1) * SHEET_CELLS + 1,
        form=QueueForm(formdata=None), reprint=reprint or ReprintForm(formdata=None), locations=locations,
        location=location, order="newest" if newest else None, fonts_missing=fonts.missing_fonts()), status


@bp.route("/")
@allow(STAFF)
def index():
    return redirect(url_for("labels.queue"))


@bp.route("/queue", methods=["GET"])
@allow(STAFF)
def queue():
    return _queue_page()


@bp.route("/queue", methods=["POST"])
@allow(STAFF)
def queue_action():
    form = QueueForm()
    back = redirect(url_for("labels.queue", location=request.args.get("location") or None,
                            order="newest" if request.args.get("order") == "newest" else None))
    if not form.validate():
        flash(_("Check the start position (1-24)."), "error")
        return back
    if not form.selected.data:
        flash(_("Tick the labels first."), "error")
        return back
    with refused(flash="error") as attempt:
        if form.action.data == "print":
            codes = [services.parse_selection(value)[0] for value in form.selected.data]
            services.parse_code_list(codes)  # the same limits as the sheet itself
            return redirect(url_for("labels.sheet", codes=",".join(codes), start=form.start.data or 1), 303)
        recorded, skipped = services.mark_printed(db.session, selections=form.selected.data,
                                                  by_user_id=current_user.id)
    if not attempt.ok:
        return back
    db.session.commit()
    flash(ngettext("%(num)s label marked as printed.", "%(num)s labels marked as printed.", recorded), "success")
    if skipped:
        flash(ngettext("%(num)s item was re-priced or sold meanwhile and stays in the queue.",
                       "%(num)s items were re-priced or sold meanwhile and stay in the queue.", skipped), "warning")
    return back


@bp.route("/reprint")
@allow(STAFF)
def reprint():
    """Reprint one label by code, any time (a torn label, a second copy)."""
    form = ReprintForm(request.args)
    if form.validate():
        with refused(into=form.code.errors) as attempt:
            item = get_item(db.session, form.code.data)
        if attempt.ok:
            kind = form.format.data
            if kind == "sheet":
                return redirect(url_for("labels.sheet", codes=item.code, start=form.start.data or 1))
            if kind == "png":
                return redirect(url_for("labels.item_png", code=item.code))
            if kind == "zpl":
                return redirect(url_for("labels.item_zpl", code=item.code))
            return redirect(url_for("labels.item_pdf", code=item.code, format=kind))
    return _queue_page(reprint=form, status=422)


@bp.route("/badges", methods=["GET"])
@allow(MANAGERS)
def badges():
    """Choose people and print their personal badges (the till scans them to switch cashier)."""
    form = BadgesForm(request.args)
    status = 200
    if "users" in request.args or "print" in request.args:
        try:
            user_ids = services.parse_user_ids(str(value) for value in request.args.getlist("users"))
            services.badge_contents(db.session, user_ids)
        except DomainError as error:
            form.users.errors = [str(error.message)]  # not validated by WTForms: set, not append
            status = 422
        else:
            return redirect(url_for("labels.badges_pdf", users=",".join(map(str, user_ids))))
    people = queries.badge_people(db.session)
    return render_template("labels/badges.html", form=form, people=people, fonts_missing=fonts.missing_fonts(),
                           badge_codes={person.id: badge_code(person.id) for person in people}), status


@bp.route("/badges.pdf")
@allow(MANAGERS)
@_json_errors
def badges_pdf():
    user_ids = services.parse_user_ids(request.args.getlist("users"))
    with _shop_language():
        contents = services.badge_contents(db.session, user_ids)
    return _file(documents.badge_sheet_pdf(contents), "application/pdf", "badges.pdf")


@bp.route("/badges/<int:user_id>.png")
@allow(MANAGERS)
@_json_errors
def badge_png(user_id: int):
    with _shop_language():
        content = services.badge_contents(db.session, [user_id])[0]
    return _file(render.badge_png(content), "image/png", f"badge-{user_id}.png")
