"""Demo stock: a finished count of Husby's shelf with its differences settled, a transfer from Husby to
Skärholmen received with one item missing, and one still on its way."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.items.models import Item, ItemStatus
from boutique.stock import counts, transfers
from boutique.stock.queries import count_review, transfer_review


def _shelf(session: Session, location_id: int, limit: int) -> list[Item]:
    return list(session.scalars(select(Item).where(Item.location_id == location_id,
                                                   Item.status == ItemStatus.for_sale)
                                .order_by(Item.id).limit(limit)))


def _count(session: Session, context) -> None:
    husby, counter = context.locations["HUS"], context.users["deltagare4"]
    count = counts.start_count(session, location_code="HUS", by_user=counter, zone="Hela butiken")
    expected = [line.item for line in count.lines]
    stray = _shelf(session, context.locations["SKH"].id, 1)
    for item in expected[2:] + stray:  # two items are not found; one from Skärholmen is
        counts.scan_into_count(session, count=count, code=item.code, by_user=counter)
    counts.finish_count(session, count=count)
    review = count_review(session, count)
    settle = context.users["handledare2"]
    for row, choice, reason in zip(review.missing, ("lost", "found"),
                                   ("Inte på stången eller i lagret", "Låg i provrummet"), strict=False):
        counts.settle_count_line(session, count=count, line_id=row.line.id, choice=choice, reason=reason,
                                 by_user=settle)
    for row in review.unexpected:
        counts.settle_count_line(session, count=count, line_id=row.line.id, choice=row.choices[0],
                                 reason="Kom med förra leveransen", by_user=settle)
    context.extra["demo_count"] = (count.id, husby.id)


def _transfers(session: Session, context) -> None:
    mover, receiver = context.users["handledare2"], context.users["deltagare"]
    shelf = _shelf(session, context.locations["HUS"].id, 5)
    received = transfers.create_transfer(session, from_code="HUS", to_code="SKH", by_user=mover,
                                         note="Vinterjackor till Skärholmen")
    for item in shelf[:3]:
        transfers.scan_out(session, transfer=received, code=item.code, by_user=mover)
    transfers.send_transfer(session, transfer=received)
    for item in shelf[:2]:  # the third never arrives
        transfers.scan_in(session, transfer=received, code=item.code, by_user=receiver)
    transfers.finish_transfer(session, transfer=received)
    missing = transfer_review(session, received).missing[0]
    transfers.settle_transfer_line(session, transfer=received, line_id=missing.line.id, choice="lost",
                                   reason="Fanns inte i påsen", by_user=receiver)
    on_its_way = transfers.create_transfer(session, from_code="HUS", to_code="SKH", by_user=mover)
    for item in shelf[3:5]:
        transfers.scan_out(session, transfer=on_its_way, code=item.code, by_user=mover)
    transfers.send_transfer(session, transfer=on_its_way)


def load(session: Session, context) -> None:
    _count(session, context)
    _transfers(session, context)
