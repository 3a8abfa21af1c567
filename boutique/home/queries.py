"""What is waiting, per role: the pipeline's work queues and what is on the shelf."""

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boutique.core.roles import Role
from boutique.items.models import Item, ItemStatus
from boutique.pipeline.queries import QUEUES, queue_counts
from boutique.web.access import policy_for


def _url(endpoint: str, role: Role) -> str | None:
    """A link only where the person may go (the card still shows the count)."""
    if endpoint in current_app.view_functions and role in (policy_for(current_app, endpoint) or ()):
        return url_for(endpoint)
    return None


def waiting_for(session: Session, role: Role) -> list[dict]:
    """Cards for the home page, counted exactly as the queues count; students see no pipeline work."""
    if role == Role.student:
        return []
    counts = queue_counts(session)
    cards = [{"label": queue.title, "count": counts[key], "url": _url(queue.endpoint, role), "step": key}
             for key, queue in QUEUES.items()]
    for_sale = session.scalar(select(func.count(Item.id)).where(Item.status == ItemStatus.for_sale)) or 0
    cards.append({"label": _l("For sale"), "count": for_sale, "url": _url("items.search", role), "step": "for_sale"})
    return cards
