"""Transfers between places: scan out (in transit, not for sale), send, scan in at the other end, settle."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core import clock
from boutique.core.errors import Conflict, InvalidInput, NotFound
from boutique.items.models import Item, ItemStatus
from boutique.items.services import get_item
from boutique.items.status import change_status
from boutique.places.services import get_location
from boutique.sales.services.lines import item_label
from boutique.stock.findings import TRANSFER_MISSING_CHOICES, Finding, Settled, found_finding, settle_choices
from boutique.stock.lists import Scanned, numbered, own_line, require, settle_line
from boutique.stock.models import Settlement, Transfer, TransferLine, TransferStatus
from boutique.stock.moves import arrive, in_a_cart, locked_item, mark_lost, settle_item

MAX_NOTE = 300


def get_transfer(session: Session, transfer_id: int) -> Transfer:
    return numbered(session, Transfer, transfer_id, NotFound(
        _l("There is no transfer number %(id)s.", id=transfer_id), code="transfer_not_found"))


def create_transfer(session: Session, *, from_code: str, to_code: str, by_user: User,
                    note: str | None = None) -> Transfer:
    """Start a transfer list from one place to another."""
    source, destination = get_location(session, from_code), get_location(session, to_code)
    if source.id == destination.id:
        raise InvalidInput(_l("A transfer goes to another place."), code="same_place")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise InvalidInput(_l("A note is at most %(n)d characters.", n=MAX_NOTE), code="invalid_note")
    transfer = Transfer(from_location_id=source.id, to_location_id=destination.id, status=TransferStatus.packing,
                        created_at=clock.now(), created_by_id=by_user.id, note=note)
    session.add(transfer)
    session.flush()
    return transfer


REFUSALS = {TransferStatus.packing: _l("Transfer %(id)s has not been sent yet."),
            TransferStatus.sent: _l("Transfer %(id)s is on its way: scan it in at the other end."),
            TransferStatus.received: _l("Transfer %(id)s has been received.")}


def _require(transfer: Transfer, status: TransferStatus) -> None:
    require(transfer, (status,), REFUSALS, "transfer")


def _line(session: Session, transfer: Transfer, item: Item) -> TransferLine | None:
    return session.scalar(select(TransferLine).where(TransferLine.transfer_id == transfer.id,
                                                     TransferLine.item_id == item.id))


def scan_out(session: Session, *, transfer: Transfer, code: str, by_user: User) -> Scanned:
    """Put a scanned item on the list: it is in transit from now on, and no till can sell it."""
    _require(transfer, TransferStatus.packing)
    item = locked_item(session, get_item(session, code).id)
    line = _line(session, transfer, item)
    if line is not None:
        return Scanned(item=item, line=line, finding=Finding.in_transit, again=True)
    if item.location_id != transfer.from_location_id:
        raise Conflict(_l("%(name)s (%(code)s) is at %(place)s, not at the sending place.", name=item_label(item),
                          code=item.code, place=item.location.name), code="item_elsewhere")
    if in_a_cart(session, item.id):
        raise Conflict(_l("%(name)s (%(code)s) is in a till's cart: take it out of the cart first.",
                          name=item_label(item), code=item.code), code="item_in_cart")
    line = TransferLine(transfer_id=transfer.id, item_id=item.id, sent_status=item.status, sent_at=clock.now())
    change_status(session, item, event="sent", to=ItemStatus.in_transit, by_user_id=by_user.id,
                  details={"transfer_id": transfer.id, "to": transfer.to_location.code})
    session.add(line)
    session.flush()
    return Scanned(item=item, line=line, finding=Finding.in_transit, again=False)


def send_transfer(session: Session, *, transfer: Transfer) -> None:
    """The list is packed: the items leave; the receiving place may scan them in."""
    _require(transfer, TransferStatus.packing)
    if not transfer.lines:
        raise InvalidInput(_l("Scan at least one item out first."), code="empty_transfer")
    transfer.status, transfer.sent_at = TransferStatus.sent, clock.now()
    session.flush()


def scan_in(session: Session, *, transfer: Transfer, code: str, by_user: User) -> Scanned:
    """An item arrives: back at its step, on the shelf of the receiving place. One that was not on the list
    is noted as found, to be settled at the end."""
    _require(transfer, TransferStatus.sent)
    item = locked_item(session, get_item(session, code).id)
    line = _line(session, transfer, item)
    place = transfer.to_location_id
    if line is not None and line.received_at is not None:
        return Scanned(item=item, line=line, finding=Finding.fine, again=True)
    if line is not None and item.status == ItemStatus.in_transit:
        arrive(session, item, place_id=place, by_user_id=by_user.id, details={}, line=line)
        return Scanned(item=item, line=line, finding=Finding.fine, again=False)
    if line is None:
        line = TransferLine(transfer_id=transfer.id, item_id=item.id, received_at=clock.now(),
                            received_by_id=by_user.id)
        session.add(line)
    else:  # on the list, but something else has moved it on since (a count, a settle)
        line.received_at, line.received_by_id = clock.now(), by_user.id
    session.flush()
    finding = found_finding(item, place_id=place, in_cart=in_a_cart(session, item.id))
    return Scanned(item=item, line=line, finding=finding, again=False)


def finish_transfer(session: Session, *, transfer: Transfer) -> None:
    """Scanning in is over; what did not arrive is listed, to be settled."""
    _require(transfer, TransferStatus.sent)
    transfer.status, transfer.received_at = TransferStatus.received, clock.now()
    session.flush()


def line_finding(session: Session, transfer: Transfer, line: TransferLine, item: Item) -> Finding:
    """What one line of a transfer says now."""
    if line.sent_at is None:
        return found_finding(item, place_id=transfer.to_location_id, in_cart=in_a_cart(session, item.id))
    if line.received_at is not None:
        return Finding.fine
    if line.settlement is not None:
        return Finding.missing  # settled as what it was: sent, and not arrived
    if item.status != ItemStatus.in_transit:
        return Finding.explained
    return Finding.missing if transfer.status == TransferStatus.received else Finding.in_transit


def settle_transfer_line(session: Session, *, transfer: Transfer, line_id: int, choice: Settlement | str,
                         reason: str, by_user: User) -> Settled:
    """Settle a difference of a received transfer: what never arrived (lost, back at the sending place, or
    found after all) or what arrived without being on the list. The item is re-read under a lock."""
    _require(transfer, TransferStatus.received)
    line = own_line(session, TransferLine, line_id, belongs=lambda line: line.transfer_id == transfer.id,
                    missing=_l("Transfer %(id)s has no such line.", id=transfer.id))

    def judge(item: Item) -> tuple[Finding, tuple[Settlement, ...]]:
        finding = line_finding(session, transfer, line, item)
        return finding, settle_choices(finding, scanned=line.sent_at is None, missing=TRANSFER_MISSING_CHOICES)

    def apply(item: Item, choice: Settlement, reason: str) -> None:
        details = {"transfer_id": transfer.id, "reason": reason}
        if line.sent_at is None:
            settle_item(session, item, choice=choice, place_id=transfer.to_location_id, by_user_id=by_user.id,
                        details=details)
        elif choice == Settlement.lost:
            mark_lost(session, item, by_user_id=by_user.id, details=details, was=line.sent_status)
        elif choice == Settlement.returned:
            change_status(session, item, event="arrived", to=line.sent_status, by_user_id=by_user.id,
                          details={**details, "returned": True}, location_id=transfer.from_location_id)
        else:
            arrive(session, item, place_id=transfer.to_location_id, by_user_id=by_user.id, details=details,
                   line=line)

    return settle_line(session, line, choice=choice, reason=reason, by_user=by_user, judge=judge, apply=apply)
