"""Demo label prints: most items on the shelf have their label; some wait in the labels-to-print queue,
a few of them re-priced so their old label is out of date."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core import clock
from boutique.core.roles import Role
from boutique.items.models import Item, ItemStatus
from boutique.labels.models import LabelPrint


def load(session: Session, context) -> None:
    printer = session.scalar(select(User.id).where(User.role == Role.participant).order_by(User.id).limit(1))
    items = session.scalars(select(Item).where(Item.status == ItemStatus.for_sale, Item.price_ore.is_not(None))
                            .order_by(Item.id)).all()
    now = clock.now()
    for index, item in enumerate(items):
        priced_at = item.priced_at or now
        if index % 6 == 0:
            continue  # newly priced: waiting for its first label
        if index % 6 == 1:
            # Printed at an earlier price, then re-priced: the label on the shelf is out of date.
            session.add(LabelPrint(item_id=item.id, price_ore=item.price_ore + 2000, by_user_id=printer,
                                   printed_at=priced_at - timedelta(days=2)))
            continue
        session.add(LabelPrint(item_id=item.id, price_ore=item.price_ore, by_user_id=printer,
                               printed_at=min(priced_at + timedelta(hours=1), now)))
    session.flush()
