"""Words for statuses, grades and history events as people read them (template globals)."""

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
