"""What counts and transfers share: a numbered list of expected items, scanned, its differences settled
line by line (found by number, a step allowed only in some states, a line settled under a lock)."""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core import clock
from boutique.core.errors import Conflict, InvalidInput, NotFound
from boutique.core.limits import may_be_row_id
from boutique.items.models import Item
from boutique.stock.findings import Finding, Settled, checked_choice, checked_reason
from boutique.stock.models import Settlement, StocktakeLine, TransferLine
from boutique.stock.moves import locked_item

Line = StocktakeLine | TransferLine


def numbered(session: Session, model, number: int, missing: NotFound):
    """The count or transfer with this number (``missing`` when there is none)."""
    found = session.get(model, number) if may_be_row_id(number) else None
    if found is None:
        raise missing
    return found


def require(stock_list, allowed: tuple, refusals: dict, kind: str) -> None:
    """Refuse a step the list's state does not allow, saying why (``refusals``: state -> message with %(id)s)."""
    if stock_list.status in allowed:
        return
    raise Conflict(refusals[stock_list.status] % {"id": stock_list.id}, code=f"{kind}_{stock_list.status.value}")


@dataclass
class Scanned:
    """One scan as the scanning screen confirms it."""

    item: Item
    line: Line
    finding: Finding
    again: bool  # scanned before (by this or another scanner): nothing new recorded


def own_line(session: Session, model, line_id: int, *, belongs: Callable[[Line], bool], missing: str) -> Line:
    """One line of the list (404 ``line_not_found`` for a line of another list, or none)."""
    line = session.get(model, line_id) if may_be_row_id(line_id) else None
    if line is None or not belongs(line):
        raise NotFound(missing, code="line_not_found")
    return line


def settle_line(session: Session, line: Line, *, choice: Settlement | str, reason: str, by_user: User,
                judge: Callable[[Item], tuple[Finding, tuple[Settlement, ...]]],
                apply: Callable[[Item, Settlement, str], None]) -> Settled:
    """Settle one difference: the item and the line are read again under a lock, ``judge`` says what the
    line found now and the choices that fit (none: nothing left to decide, sold or settled meanwhile),
    ``apply`` does to the item what the choice says."""
    choice, reason = checked_choice(choice), checked_reason(reason)
    item = locked_item(session, line.item_id)
    session.refresh(line, with_for_update=True)
    finding, choices = judge(item)
    if line.settlement is not None or not choices:
        return Settled(line=line, finding=finding, settled=False)
    if choice not in choices:
        raise InvalidInput(_l("That choice does not fit this difference."), code="invalid_choice",
                           details={"choices": [c.value for c in choices]})
    apply(item, choice, reason)
    line.settlement, line.reason, line.settled_at, line.settled_by_id = choice, reason, clock.now(), by_user.id
    session.flush()
    return Settled(line=line, finding=finding, settled=True)

