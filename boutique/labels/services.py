"""Labels: what a label says, which codes a request may print, and the record of printed labels."""

from collections.abc import Iterable

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from boutique.auth.badges import badge_code
from boutique.core import clock
from boutique.core.errors import InvalidInput, NotFound
from boutique.core.limits import may_be_row_id
from boutique.core.money import format_ore
from boutique.items.codes import parse_item_code
from boutique.items.models import Item, ItemStatus
from boutique.labels import queries
from boutique.labels.documents import SHEET_CELLS
from boutique.labels.models import LabelPrint
from boutique.labels.render import BadgeContent, LabelContent
from boutique.places.settings import SettingSpec, get_setting, register
from boutique.pricing.markdown import item_shelf_price

MAX_SHEET_CODES = 240  # ten A4 sheets; API.md: more is a 422
MAX_BADGES = 100

SHOP_NAME = register(SettingSpec(
    "label_shop_name", _l("Shop name on labels and badges"), "Röda Korset · Ny Form", 40,
    _l("Keep it short: it shares the top line of a label with the tag colour.")))


def parse_code_list(values: Iterable[str]) -> list[str]:
    """Item codes from ``codes=C1,C2`` (or repeated ``codes=``), in order, duplicates kept (two labels)."""
    texts = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if len(texts) > MAX_SHEET_CODES:
        raise InvalidInput(_l("At most %(max)s labels at a time (%(count)s asked for). Print them in parts.",
                              max=MAX_SHEET_CODES, count=len(texts)),
                           code="too_many_codes", details={"max": MAX_SHEET_CODES})
    if not texts:
        raise InvalidInput(_l("Give at least one item code."), code="no_codes")
    codes = []
    for text in texts:
        try:
            codes.append(parse_item_code(text))
        except InvalidInput as error:
            error.details = {"value": text[:40]}
            raise
    return codes


def parse_start(text: str | None) -> int:
    """The sheet position (1-24) of the first label, so a half-used sheet can be used up."""
    if text is None or text == "":
        return 1
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= SHEET_CELLS):
        raise InvalidInput(_l("The start position is a number from 1 to %(cells)s.", cells=SHEET_CELLS),
                           code="invalid_start")
    return int(text)


def label_content(item: Item, *, shop: str, credits: tuple[str, list[str]] | None = None) -> LabelContent:
    """What the label of ``item`` says, in the current language."""
    category = item.category.label(str(get_locale()))
    details = [category if item.description else None,
               _("Size %(size)s", size=item.size) if item.size else None, item.brand]
    lines = [" · ".join(part for part in details if part)]
    makers: list[str] = []
    if credits:
        lot_title, makers = credits
        lines.append(_("Redesign: %(lot)s", lot=lot_title))
    shelf = item_shelf_price(item) if item.price_ore else None
    markdown = None
    if shelf and shelf.is_marked_down:
        markdown = _("Today: %(price)s (%(percent)s)", price=format_ore(shelf.price_ore),
                     percent=f"-{shelf.percent}\u00a0%")
    return LabelContent(
        code=item.code, name=item.description or category, shop=shop,
        price=format_ore(item.price_ore) if item.price_ore else None,
        tag_hex=shelf.tag.hex if shelf else None,
        tag_text=f"{shelf.tag.label} · {clock.sales_day(item.priced_at).isoformat()}" if shelf else None,
        markdown=markdown, lines=tuple(line for line in lines if line), makers=tuple(makers),
        # Without arguments gettext leaves %(names)s for the label's layout to fill with the names that fit.
        makers_format=_("Made by: %(names)s"))


def label_contents(session: Session, codes: list[str]) -> list[LabelContent]:
    """The labels of valid ``codes`` in order; 404 naming the first code never issued."""
    found = queries.items_by_code(session, codes)
    for code in codes:
        if code not in found:
            raise NotFound(_l("No item has the code %(code)s.", code=code), code="item_not_found",
                           details={"value": code})
    credits = queries.redesign_credits(session, found.values())
    shop = get_setting(session, SHOP_NAME.key)
    return [label_content(found[code], shop=shop, credits=credits.get(found[code].id)) for code in codes]


def parse_selection(text: str) -> tuple[str, int]:
    """A queue checkbox value ``CODE:PRICE_ORE``: the label printed for that code at that price."""
    code, _sep, price = text.partition(":")
    if not (price.isascii() and price.isdigit() and len(price) <= 10):
        raise InvalidInput(_l("That selection is not valid. Reload the page and try again."),
                           code="invalid_selection")
    return parse_item_code(code), int(price)


def mark_printed(session: Session, *, selections: Iterable[str], by_user_id: int | None) -> tuple[int, int]:
    """Record the labels printed from the queue; returns (recorded, skipped). A selection whose item is no
    longer for sale at the printed price is skipped: that label is already out of date."""
    wanted = [parse_selection(text) for text in selections]
    if len(wanted) > MAX_SHEET_CODES:
        raise InvalidInput(_l("At most %(max)s labels at a time (%(count)s asked for). Print them in parts.",
                              max=MAX_SHEET_CODES, count=len(wanted)), code="too_many_codes")
    found = queries.items_by_code(session, [code for code, _price in wanted])
    now = clock.now()
    recorded = 0
    for code, price in dict(wanted).items():
        item = found.get(code)
        if item is None or item.status != ItemStatus.for_sale or item.price_ore != price:
            continue
        session.add(LabelPrint(item_id=item.id, price_ore=price, printed_at=now, by_user_id=by_user_id))
        recorded += 1
    session.flush()
    return recorded, len(wanted) - recorded


def parse_user_ids(values: Iterable[str]) -> list[int]:
    texts = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if len(texts) > MAX_BADGES:
        raise InvalidInput(_l("At most %(max)s badges at a time.", max=MAX_BADGES), code="too_many_badges")
    if not texts:
        raise InvalidInput(_l("Choose at least one person."), code="no_people")
    if not all(text.isascii() and text.isdigit() and len(text) <= 9 for text in texts):
        raise InvalidInput(_l("That list of people is not valid."), code="invalid_people")
    return [int(text) for text in texts]


def badge_contents(session: Session, user_ids: list[int]) -> list[BadgeContent]:
    """Badges for active people who may work the till, in the order asked for."""
    ids = [user_id for user_id in user_ids if may_be_row_id(user_id)]
    people = {person.id: person for person in queries.badge_people(session, ids)}
    for user_id in user_ids:
        if user_id not in people:
            raise NotFound(_l("No active person who may work the till has that id."), code="person_not_found",
                           details={"value": user_id})
    shop = get_setting(session, SHOP_NAME.key)
    hint = _("Personal badge: scan it at the till to switch cashier.")
    return [BadgeContent(code=badge_code(user_id), name=people[user_id].display_name, shop=shop, hint=hint)
            for user_id in user_ids]
