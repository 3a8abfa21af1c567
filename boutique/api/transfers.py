"""Transfers over the API: start a list, scan out (in transit), send, scan in, finish, settle."""

from flask_login import current_user
from pydantic import Field

from boutique.api import bp
from boutique.api.common import Body, parse_body
from boutique.api.docs import api_doc
from boutique.api.stock_shapes import SettleOut, StockScanOut, TransferOut, transfer_json
from boutique.api.stock_steps import TAG, ScanIn, SettleIn, answer, scan, settle, step
from boutique.extensions import db
from boutique.stock import transfers
from boutique.stock.models import TransferStatus
from boutique.stock.queries import transfer_review
from boutique.web.access import EVERYONE, STAFF, allow
from boutique.web.view_transactions import reads_only


class TransferIn(Body):
    from_location: str = Field(alias="from", max_length=16)
    to_location: str = Field(alias="to", max_length=16)
    note: str | None = Field(default=None, max_length=300)


def _answer(transfer, status: int = 200):
    return answer(transfer_json(transfer, transfer_review(db.session, transfer)), status)


@bp.post("/transfers")
@allow(STAFF)
@api_doc(summary="Start a transfer list from one place to another", tag=TAG, body=TransferIn,
         responses={201: TransferOut}, errors={401, 403, 404, 422})
def start_transfer():
    body = parse_body(TransferIn)
    transfer = transfers.create_transfer(db.session, from_code=body.from_location, to_code=body.to_location,
                                         by_user=current_user, note=body.note)
    db.session.commit()
    return _answer(transfer, 201)


@bp.get("/transfers/<int:transfer_id>")
@allow(EVERYONE)
@reads_only
@api_doc(summary="A transfer with its lines and differences", tag=TAG, responses={200: TransferOut},
         errors={401, 403, 404, 422})
def get_transfer(transfer_id: int):
    return _answer(transfers.get_transfer(db.session, transfer_id))


def _tally(transfer) -> int:
    """Scanning out: the items on the list; scanning in: those arrived."""
    packing = transfer.status == TransferStatus.packing
    return sum(1 for line in transfer.lines if (line.sent_at if packing else line.received_at) is not None)


def _scan(transfer_id: int, service):
    return scan(lambda: transfers.get_transfer(db.session, transfer_id),
                lambda transfer, code, user: service(db.session, transfer=transfer, code=code, by_user=user), _tally)


@bp.post("/transfers/<int:transfer_id>/scan-out")
@allow(STAFF)
@api_doc(summary="Scan an item out onto the list: it is in transit and cannot be sold", tag=TAG, body=ScanIn,
         responses={200: StockScanOut}, errors={401, 403, 404, 409, 422})
def transfer_scan_out(transfer_id: int):
    return _scan(transfer_id, transfers.scan_out)


@bp.post("/transfers/<int:transfer_id>/scan-in")
@allow(STAFF)
@api_doc(summary="Scan an item in at the receiving place: back at its step, on the shelf there", tag=TAG,
         body=ScanIn, responses={200: StockScanOut}, errors={401, 403, 404, 409, 422})
def transfer_scan_in(transfer_id: int):
    return _scan(transfer_id, transfers.scan_in)


def _step(transfer_id: int, service):
    transfer = transfers.get_transfer(db.session, transfer_id)
    return step(transfer, lambda: service(db.session, transfer=transfer), _answer)


@bp.post("/transfers/<int:transfer_id>/send")
@allow(STAFF)
@api_doc(summary="Send the list: the receiving place may scan in", tag=TAG, responses={200: TransferOut},
         errors={401, 403, 404, 409, 422})
def send_transfer(transfer_id: int):
    return _step(transfer_id, transfers.send_transfer)


@bp.post("/transfers/<int:transfer_id>/finish")
@allow(STAFF)
@api_doc(summary="Scanning in is over: what did not arrive is listed to settle", tag=TAG,
         responses={200: TransferOut}, errors={401, 403, 404, 409, 422})
def finish_transfer(transfer_id: int):
    return _step(transfer_id, transfers.finish_transfer)


@bp.post("/transfers/<int:transfer_id>/lines/<int:line_id>/settle")
@allow(STAFF)
@api_doc(summary="Settle one difference of a received transfer with a choice and a reason", tag=TAG,
         body=SettleIn, responses={200: SettleOut}, errors={401, 403, 404, 409, 422})
def settle_transfer(transfer_id: int, line_id: int):
    return settle(lambda: transfers.get_transfer(db.session, transfer_id),
                  lambda transfer, choice, reason, user: transfers.settle_transfer_line(
                      db.session, transfer=transfer, line_id=line_id, choice=choice, reason=reason, by_user=user))
