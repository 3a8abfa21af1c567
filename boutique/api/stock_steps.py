"""What the API's counts and transfers share: the scan and settle bodies, and the scan, step and settle
calls (the route finds the list and says what differs)."""

from collections.abc import Callable

from flask import jsonify
from flask_login import current_user
from pydantic import Field

from boutique.api.common import Body, created, parse_body
from boutique.api.stock_shapes import line_json
from boutique.extensions import db
from boutique.stock.findings import MAX_REASON
from boutique.stock.queries import Row

TAG = "stock"


class ScanIn(Body):
    code: str = Field(max_length=40)


class SettleIn(Body):
    choice: str = Field(max_length=20, description="lost, found, moved_here, back_to_step (a transfer: also returned)")
    reason: str = Field(max_length=MAX_REASON)


def answer(payload: dict, status: int = 200):
    """A count or transfer as JSON: 201 for one just started."""
    return created(payload) if status == 201 else jsonify(payload)


def scan(find: Callable, service: Callable, tally: Callable):
    """One scan into the list ``find`` gives: ``service(list, code, user)``, committed; ``tally(list)``: how
    many the screen counts now."""
    body = parse_body(ScanIn)
    stock_list = find()
    scanned = service(stock_list, body.code, current_user)
    db.session.commit()
    return jsonify({"item": scanned.item.code, "finding": scanned.finding.value, "again": scanned.again,
                    "status": scanned.item.status.value, "location": scanned.item.location.code,
                    "tally": tally(stock_list)})


def step(stock_list, service: Callable[[], None], answer_of: Callable):
    """Move a list on (pause, resume, send, finish), committed, and answer it as it is now."""
    service()
    db.session.commit()
    return answer_of(stock_list)


def settled_json(settled) -> dict:
    """A settled line: once settled (or found to need nothing), it has no choices left."""
    line = settled.line
    return {"line": line_json(Row(line, line.item, settled.finding, ())), "settled": settled.settled}


def settle(find: Callable, service: Callable):
    """Settle one line of the list ``find`` gives: ``service(list, choice, reason, user)``, committed."""
    body = parse_body(SettleIn)
    stock_list = find()
    settled = service(stock_list, body.choice, body.reason, current_user)
    db.session.commit()
    return jsonify(settled_json(settled))
