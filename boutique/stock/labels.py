"""Words for what stock work finds and does, as people read them: a finding and how it is settled, a
count's and a transfer's status, and what a scan found as the scanner's screen says it."""

from flask_babel import lazy_gettext as _l

from boutique.stock.findings import Finding
from boutique.stock.models import CountStatus, Settlement, TransferStatus

FINDING_LABELS = {
    Finding.fine: _l("Fine"),
    Finding.missing: _l("Missing"),
    Finding.sold: _l("Sold"),
    Finding.not_priced: _l("Not priced"),
    Finding.other_place: _l("Belongs to another place"),
    Finding.in_cart: _l("In a till's cart"),
    Finding.in_transit: _l("In transit"),
    Finding.lost: _l("Marked as lost"),
    Finding.not_for_shelf: _l("Not a shelf item"),
    Finding.explained: _l("Moved on since"),
}

SETTLEMENT_LABELS = {
    Settlement.lost: _l("Lost"),
    Settlement.found: _l("Found after all"),
    Settlement.moved_here: _l("Moved here"),
    Settlement.back_to_step: _l("Back to the right step"),
    Settlement.returned: _l("Back at the sending place"),
}

# What a scan found, as the scanner's screen confirms it (the item's name and code come first).
FOUND_WORDS = {
    Finding.other_place: _l("it belongs to %(place)s."),
    Finding.not_priced: _l("it has no price yet (%(status)s)."),
    Finding.sold: _l("it is recorded as sold."),
    Finding.in_cart: _l("it is in a till's cart."),
    Finding.in_transit: _l("it is in transit on a transfer."),
    Finding.lost: _l("it was marked as lost: now it is found."),
    Finding.not_for_shelf: _l("it is not a shelf item (%(status)s)."),
}

COUNT_STATUS_LABELS = {CountStatus.counting: _l("Counting"), CountStatus.paused: _l("Paused"),
                       CountStatus.finished: _l("Count finished")}
TRANSFER_STATUS_LABELS = {TransferStatus.packing: _l("Scanning out"), TransferStatus.sent: _l("On its way"),
                          TransferStatus.received: _l("Scanned in")}


def count_status(status) -> str:
    return str(COUNT_STATUS_LABELS[CountStatus(status)])


def transfer_status(status) -> str:
    return str(TRANSFER_STATUS_LABELS[TransferStatus(status)])
