"""Find items and read an item's whole story (donation → … → today)."""

from flask import redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from boutique.catalog.services import category_choices
from boutique.core.ean13 import clean_scan, is_valid_ean13
from boutique.core.errors import DomainError
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.items import bp
from boutique.items.labels import STATUS_PHRASES, register_labels
from boutique.items.models import ItemStatus
from boutique.items.panels import panels_for
from boutique.items.queries import item_exists, item_history, location_codes, search_filters, search_items
from boutique.items.services import get_item
from boutique.pricing.markdown import item_shelf_price
from boutique.web.access import EVERYONE, allow

PAGE_SIZE = 50


@bp.get("/")
@allow(EVERYONE)
def search():
    args = request.args
    code = clean_scan(args.get("q", ""))
    if is_valid_ean13(code) and item_exists(db.session, code):
        return redirect(url_for("items.view", code=code))
    try:
        filters = search_filters(args)
        page = int(args["page"]) if args.get("page", "").isascii() and args.get("page", "").isdigit() else 1
        result = search_items(db.session, **filters, page=min(page, 10_000), limit=PAGE_SIZE)
    except DomainError as problem:
        return _render_search(error=problem)
    return _render_search(result=result, filters=filters)


def _render_search(*, result=None, filters: dict | None = None, error: DomainError | None = None):
    return render_template(
        "items/search.html", result=result, filters=filters or {}, error=error.message if error else None,
        statuses=list(ItemStatus), status_labels=STATUS_PHRASES,
        categories=category_choices(db.session, str(get_locale())),
        locations=sorted(location_codes(db.session).values())), error.status if error else 200


@bp.get("/<code>")
@allow(EVERYONE)
def view(code: str):
    try:
        item = get_item(db.session, code)
    except DomainError as error:
        return _render_search(error=error, filters={"q": code[:100]})
    return render_template("items/view.html", item=item, history=item_history(db.session, item),
                           shelf=item_shelf_price(item), status_label=STATUS_PHRASES[item.status],
                           may_work=current_user.role != Role.student, locations=location_codes(db.session),
                           **panels_for(item))



register_labels(bp)
