"""What a count or a transfer found for one item, and how each kind of difference may be settled."""

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from boutique.core.errors import InvalidInput
from boutique.items.models import Item, ItemStatus
from boutique.stock.models import Settlement, StocktakeLine, TransferLine

MAX_REASON = 200

S = ItemStatus
NOT_PRICED = frozenset({S.received, S.washed, S.sorted, S.valued})


class Finding(StrEnum):
    fine = "fine"
    missing = "missing"  # expected, not found, and nothing explains it
    sold = "sold"
    not_priced = "not_priced"
    other_place = "other_place"
    in_cart = "in_cart"
    in_transit = "in_transit"
    lost = "lost"
    not_for_shelf = "not_for_shelf"  # material, recycled, discarded or used in a lot
    explained = "explained"  # a transfer's missing item that something else has moved on since


# A scanned item that is not fine: the choices that settle it.
FOUND_CHOICES = {
    Finding.other_place: (Settlement.moved_here,),
    Finding.in_transit: (Settlement.moved_here,),
    Finding.lost: (Settlement.moved_here,),
    Finding.not_priced: (Settlement.back_to_step,),
    Finding.sold: (Settlement.back_to_step,),
    Finding.in_cart: (Settlement.back_to_step,),
    Finding.not_for_shelf: (Settlement.back_to_step,),
}
COUNT_MISSING_CHOICES = (Settlement.lost, Settlement.found)
TRANSFER_MISSING_CHOICES = (Settlement.lost, Settlement.returned, Settlement.found)


def found_finding(item: Item, *, place_id: int, in_cart: bool) -> Finding:
    """An item scanned at ``place_id``: fine if it is for sale there, else what is odd about it."""
    if item.status == S.for_sale:
        if item.location_id != place_id:
            return Finding.other_place
        return Finding.in_cart if in_cart else Finding.fine
    if item.status in NOT_PRICED:
        return Finding.not_priced
    return {S.sold: Finding.sold, S.in_transit: Finding.in_transit, S.lost: Finding.lost}.get(
        item.status, Finding.not_for_shelf)


def unseen_finding(item: Item, *, place_id: int, in_cart: bool) -> Finding:
    """An item the count expected and nobody scanned: missing, unless its record explains where it went
    (a sale during the count is simply counted as sold)."""
    if item.status == S.for_sale and item.location_id == place_id:
        return Finding.in_cart if in_cart else Finding.missing
    if item.status in (S.sold, S.in_transit, S.lost):
        return Finding(item.status.value)
    return Finding.other_place if item.status == S.for_sale else Finding.not_for_shelf


def settle_choices(finding: Finding, *, scanned: bool, missing: tuple[Settlement, ...]) -> tuple[Settlement, ...]:
    """The choices that settle a line; none when there is nothing to decide. ``missing``: the choices
    for an item expected and not found (a count's, or a transfer's)."""
    if scanned:
        return FOUND_CHOICES.get(finding, ())
    return missing if finding == Finding.missing else ()


@dataclass
class Settled:
    line: StocktakeLine | TransferLine
    finding: Finding  # what the item's record says now, under the lock
    settled: bool  # False: nothing left to settle (sold meanwhile, or settled by someone else)


def checked_choice(choice: Settlement | str) -> Settlement:
    try:
        return Settlement(choice)
    except ValueError:
        raise InvalidInput(_l("That choice does not fit this difference."), code="invalid_choice") from None


def checked_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason or len(reason) > MAX_REASON:
        raise InvalidInput(_l("Say why (at most %(n)d characters).", n=MAX_REASON), code="reason_required")
    return reason
