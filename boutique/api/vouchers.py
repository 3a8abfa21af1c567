"""Gift vouchers over the API: a voucher's balance, validity and history, looked up by its code."""

from datetime import date
from typing import Literal

from flask import jsonify
from pydantic import BaseModel

from boutique.api import bp
from boutique.api.docs import api_doc
from boutique.extensions import db
from boutique.vouchers.queries import voucher_history
from boutique.vouchers.services import get_voucher, is_expired
from boutique.web.access import STAFF, allow
from boutique.web.view_transactions import reads_in_autocommit


class VoucherEventOut(BaseModel):
    kind: Literal["issued", "redeemed"]
    amount_ore: int
    balance_after_ore: int
    at: str
    till: str
    receipt_number: int


class VoucherOut(BaseModel):
    code: str
    origin: Literal["sold", "refund"]
    amount_ore: int
    balance_ore: int
    issued_at: str
    valid_until: date
    expired: bool
    history: list[VoucherEventOut]


@bp.get("/vouchers/<code>")
@allow(STAFF)
@reads_in_autocommit
@api_doc(summary="A gift voucher: what is left, until when, and every receipt that changed it", tag="sales",
         description="`valid_until` is the last day it can be used (a shop setting, ten years unless the shop says "
                     "otherwise). A malformed code or a wrong check digit: 422 `invalid_voucher_code`; a code never "
                     "issued: 404 `voucher_not_found`.",
         responses={200: VoucherOut}, errors={404, 422})
def voucher(code):
    found = get_voucher(db.session, code)
    return jsonify(VoucherOut(
        code=found.code, origin=found.origin.value, amount_ore=found.amount_ore, balance_ore=found.balance_ore,
        issued_at=found.issued_at.isoformat(), valid_until=found.valid_until, expired=is_expired(found),
        history=voucher_history(db.session, found)).model_dump(mode="json"))
