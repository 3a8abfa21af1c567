"""Words for statuses, grades and history events as people read them.

A status has a name, for a badge or a filter ("Sold"), and a phrase, for inside a sentence ("Item 29… is
sold; it cannot be re-priced"); an event likewise has a name for the history and a phrase for a sentence.
The names are template globals; the phrases fill the status machine's refusals and the pages' messages."""

from flask_babel import lazy_gettext as _l

from boutique.items.models import Grade, ItemStatus

STATUS_NAMES = {
    ItemStatus.received: _l("Received"), ItemStatus.washed: _l("Washed"), ItemStatus.sorted: _l("Sorted"),
    ItemStatus.material: _l("Redesign material"), ItemStatus.recycled: _l("Recycled"),
    ItemStatus.discarded: _l("Discarded"), ItemStatus.valued: _l("Valued"), ItemStatus.for_sale: _l("For sale"),
    ItemStatus.sold: _l("Sold"), ItemStatus.consumed: _l("Used in a lot"),
    ItemStatus.in_transit: _l("In transit"), ItemStatus.lost: _l("Lost"),
}
STATUS_KINDS = {ItemStatus.for_sale: "ok", ItemStatus.sold: "muted", ItemStatus.recycled: "muted",
                ItemStatus.discarded: "muted", ItemStatus.consumed: "muted", ItemStatus.material: "info",
                ItemStatus.in_transit: "info"}
GRADE_NAMES = {Grade.shop: _l("Shop"), Grade.redesign: _l("Redesign"), Grade.repair: _l("Repair"),
               Grade.recycle: _l("Recycle"), Grade.discard: _l("Discard")}
EVENT_NAMES = {
    "received": _l("Received"), "washed": _l("Washed"), "wash_skipped": _l("No wash needed"),
    "sorted": _l("Sorted"), "repaired": _l("Sorted again after repair"), "valued": _l("Valued"),
    "priced": _l("Priced"), "repriced": _l("Re-priced"), "sold": _l("Sold"), "returned": _l("Returned"),
    "consumed": _l("Used as material"), "moved": _l("Moved"), "counted": _l("Counted in a stocktake"),
    "sent": _l("Sent to another place"), "arrived": _l("Arrived from another place"), "lost": _l("Lost"),
    "found": _l("Found again"),
}


STATUS_PHRASES = {
    ItemStatus.received: _l("received, not yet washed or sorted"),
    ItemStatus.washed: _l("washed, waiting to be sorted"),
    ItemStatus.sorted: _l("sorted, waiting for a value"),
    ItemStatus.material: _l("redesign material"),
    ItemStatus.recycled: _l("sent to recycling"),
    ItemStatus.discarded: _l("discarded"),
    ItemStatus.valued: _l("valued, waiting for a price"),
    ItemStatus.for_sale: _l("for sale"),
    ItemStatus.sold: _l("sold"),
    ItemStatus.consumed: _l("used in a production lot"),
    ItemStatus.in_transit: _l("in transit between places"),
    ItemStatus.lost: _l("lost"),
}

ACTION_PHRASES = {
    "washed": _l("washed"),
    "wash_skipped": _l("marked as not needing a wash"),
    "sorted": _l("sorted"),
    "repaired": _l("sorted again after repair"),
    "valued": _l("valued"),
    "priced": _l("priced"),
    "repriced": _l("re-priced"),
    "sold": _l("sold"),
    "returned": _l("returned"),
    "consumed": _l("used as material"),
    "moved": _l("moved"),
    "counted": _l("counted"),
    "sent": _l("sent to another place"),
    "arrived": _l("received from another place"),
    "lost": _l("marked as lost"),
    "found": _l("found again"),
}

# What an item in each status waits for: the item page's hint, and a refusal's second sentence.
NEXT_STEP = {
    ItemStatus.received: _l("Wash it or sort it first."),
    ItemStatus.washed: _l("Sort it first."),
    ItemStatus.sorted: _l("Give it a value first."),
    ItemStatus.valued: _l("Give it a price."),
    ItemStatus.for_sale: _l("It is on the shelf; it can be re-priced or sold."),
    ItemStatus.sold: _l("A sold item can only come back through a return at the till."),
    ItemStatus.material: _l("It can be used in a production lot."),
    ItemStatus.recycled: _l("It has left the shop."),
    ItemStatus.discarded: _l("It has left the shop."),
    ItemStatus.consumed: _l("It is part of a redesigned product now."),
    ItemStatus.in_transit: _l("Scan it in at the place it is going to first."),
    ItemStatus.lost: _l("A lost item comes back when a count or a transfer finds it."),
}


def status_name(status) -> str:
    return str(STATUS_NAMES.get(ItemStatus(status), status))


def status_kind(status) -> str:
    return STATUS_KINDS.get(ItemStatus(status), "warn")


def grade_name(grade) -> str:
    return str(GRADE_NAMES.get(Grade(grade), grade)) if grade else ""


def event_name(event: str) -> str:
    return str(EVENT_NAMES.get(event, event))


def register_labels(blueprint) -> None:
    for function in (status_name, status_kind, grade_name, event_name):
        blueprint.add_app_template_global(function)
