"""What is waiting, per role: counts of items at each stage."""

from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boutique.access import policy_for
from boutique.auth.models import Role
from boutique.items.models import Item, ItemStatus


@dataclass(frozen=True)
class Waiting:
    label: object
    status: ItemStatus
    endpoint: str  # the work queue page, when that capability exists


WAITING = [
    Waiting(_l("To wash"), ItemStatus.received, "pipeline.queue_wash"),
    Waiting(_l("To sort"), ItemStatus.washed, "pipeline.queue_sort"),
    Waiting(_l("To value"), ItemStatus.sorted, "pipeline.queue_value"),
    Waiting(_l("To price"), ItemStatus.valued, "pipeline.queue_price"),
    Waiting(_l("For sale"), ItemStatus.for_sale, "items.search"),
]


def waiting_for(session: Session, role: Role) -> list[dict]:
    """Cards for the home page: students see no pipeline work."""
    if role == Role.student:
        return []
    counts = dict(session.execute(
        select(Item.status, func.count(Item.id)).group_by(Item.status)
    ).all())
    cards = []
    for waiting in WAITING:
        url = None
        if waiting.endpoint in current_app.view_functions and role in (
                policy_for(current_app, waiting.endpoint) or ()):
            url = url_for(waiting.endpoint)
        cards.append({"label": waiting.label, "count": counts.get(waiting.status, 0), "url": url})
    return cards
