"""The till over the API: sales (idempotent), returns, receipts and scans. Till days: api/tilldays.py."""

from typing import Literal

from flask import jsonify, request
from flask_login import current_user
from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator
from sqlalchemy.exc import IntegrityError

from boutique.api import bp
from boutique.api.common import Body, Ore, PositiveOre, created, parse_body
from boutique.api.docs import api_doc
from boutique.core.errors import DomainError
from boutique.extensions import db
from boutique.items.models import ItemStatus
from boutique.places.services import get_till
from boutique.sales.models import PaymentMethod
from boutique.sales.queries import scan_lookup
from boutique.sales.receipts import get_sale
from boutique.sales.serialize import ReceiptLine, ReceiptPayment, ReceiptVat, receipt_json, sale_json
from boutique.sales.services import idempotency
from boutique.sales.services.idempotency import SaleKey
from boutique.sales.services.lines import LineRequest
from boutique.sales.services.returns import lines_for_codes, return_lines
from boutique.sales.services.selling import PaymentRequest, lost_race, sell
from boutique.vouchers.codes import looks_like_voucher, not_an_item
from boutique.vouchers.services import VoucherUse
from boutique.web.access import STAFF, allow
from boutique.web.view_transactions import lock_at_first_write, reads_in_autocommit, reads_only

TAG = "sales"
IDEMPOTENCY_HEADER = {"Idempotency-Key": {
    "required": False, "schema": {"type": "string", "pattern": "^[!-~]{1,200}$"},
    "description": "A unique key per sale (e.g. a UUID). The same key with the same body returns the first "
                   "response again and sells nothing new; the same key with another body is refused with "
                   "422 idempotency_mismatch."}}


def _null(*names: str) -> dict:
    return {name: {"type": "null"} for name in names}


class DiscountIn(Body):
    # The validator below, in the document: exactly one of amount_ore and percent.
    model_config = ConfigDict(json_schema_extra={"oneOf": [
        {"required": ["amount_ore"], "properties": _null("percent")},
        {"required": ["percent"], "properties": _null("amount_ore")}]})

    amount_ore: PositiveOre | None = None
    percent: StrictInt | None = Field(default=None, ge=1, le=100)
    reason: str = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def one_kind(self):
        if (self.amount_ore is None) == (self.percent is None):
            raise ValueError("give either amount_ore or percent")
        return self


class LineIn(Body):
    # The validator below, in the document: an item line {code}, a manual line {description, category,
    # price_ore} or a gift voucher sold {voucher_ore}, never two of them.
    model_config = ConfigDict(json_schema_extra={"oneOf": [
        {"required": ["code"], "properties": {"code": {"type": "string"}, **_null("description", "category",
                                                                                   "price_ore", "voucher_ore")}},
        {"required": ["description", "category", "price_ore"],
         "properties": {"code": {"type": "null"}, "description": {"type": "string"},
                        "category": {"type": "string"}, "price_ore": {"type": "integer"},
                        "voucher_ore": {"type": "null"}}},
        {"required": ["voucher_ore"], "properties": {"voucher_ore": {"type": "integer"},
                                                     **_null("code", "description", "category", "price_ore")}}]})

    code: str | None = Field(default=None, max_length=40)
    description: str | None = Field(default=None, min_length=1, max_length=300)
    category: str | None = Field(default=None, max_length=40)
    price_ore: PositiveOre | None = None
    voucher_ore: PositiveOre | None = Field(default=None, description="Sell a gift voucher for this amount.")
    discount: DiscountIn | None = None

    @model_validator(mode="after")
    def item_or_manual(self):
        manual = (self.description, self.category, self.price_ore)
        if self.voucher_ore is not None and (self.code is not None or any(v is not None for v in manual)
                                             or self.discount is not None):
            raise ValueError("a gift voucher line is {voucher_ore} alone, without a discount")
        if self.code is not None and any(v is not None for v in manual):
            raise ValueError("a line is either {code} or {description, category, price_ore}")
        if self.code is None and self.voucher_ore is None and any(v is None for v in manual):
            raise ValueError("a manual line needs description, category and price_ore")
        return self


class PaymentIn(Body):
    method: PaymentMethod
    amount_ore: Ore
    code: str | None = Field(default=None, max_length=40,
                             description="The gift voucher's code (EAN-13, prefix 27): required with method "
                                         "`voucher`, not allowed with another method.")

    @model_validator(mode="after")
    def voucher_has_code(self):
        if (self.method == PaymentMethod.voucher) != (self.code is not None):
            raise ValueError("a voucher payment names the voucher's code; other payments have no code")
        return self


class SaleIn(Body):
    till: str = Field(min_length=1, max_length=16)
    lines: list[LineIn] = Field(min_length=1, max_length=200)
    payments: list[PaymentIn] = Field(default_factory=list, max_length=10)
    training: bool = False


class ReceiptRef(BaseModel):
    till: str = Field(min_length=1, max_length=16)
    receipt_number: StrictInt = Field(ge=1)


class SaleOut(BaseModel):
    till: str
    receipt_number: int
    kind: Literal["sale", "return"]
    training: bool
    created_at: str
    sales_day: str
    cashier: str
    total_ore: int
    rounding_ore: int
    change_ore: int
    discount_ore: int
    original: ReceiptRef | None
    lines: list[ReceiptLine]  # the receipt's own dataclasses: one definition of each shape
    payments: list[ReceiptPayment]
    vat: list[ReceiptVat]
    vouchers: list[VoucherUse]


class OriginalIn(Body):
    till: str = Field(min_length=1, max_length=16)
    receipt_number: StrictInt = Field(ge=1)


class ReturnIn(Body):
    till: str = Field(min_length=1, max_length=16)
    original: OriginalIn
    codes: list[str] = Field(min_length=1, max_length=200)
    refund_method: PaymentMethod
    restock: dict[str, Literal["for_sale", "sorted", "received"]] | None = Field(
        default=None, description="Per item code: back on sale (default) or to re-processing.")


class ScanOut(BaseModel):
    code: str
    description: str
    status: ItemStatus
    available: bool
    asking_ore: int | None
    price_ore: int | None
    markdown_percent: int
    in_cart_of: str | None


def _line_request(line: LineIn) -> LineRequest:
    discount = {}
    if line.discount is not None:
        kind = "amount" if line.discount.amount_ore is not None else "percent"
        discount = {"discount_kind": kind, "discount_reason": line.discount.reason,
                    "discount_value": line.discount.amount_ore if kind == "amount" else line.discount.percent}
    if line.code is not None:
        return LineRequest(code=line.code, **discount)
    if line.voucher_ore is not None:
        return LineRequest(voucher_ore=line.voucher_ore)
    return LineRequest(description=line.description, category=line.category, price_ore=line.price_ore, **discount)


def _replay(record):
    response = jsonify(record.response)
    response.status_code = record.status_code or 201
    response.headers["Idempotent-Replayed"] = "true"
    return response


@bp.post("/sales")
@allow(STAFF)
@lock_at_first_write
@api_doc(summary="Sell: claim the items, take the payments, number the receipt", tag=TAG, body=SaleIn,
         description="Card and Swish pay exact amounts (together at most the total); what they leave is paid in "
                     "cash, and only that cash part is rounded to whole kronor. So a sale with anything left for "
                     "cash needs a `cash` payment, even when that part rounds to 0 kr (`amount_ore: 0`), else 422 "
                     "`payment_short`. A cash `amount_ore` is the cash handed over: whole kronor (else 422 "
                     "`cash_not_whole_kronor`), and `change_ore` is what is handed back. An item re-priced while "
                     "the sale was under way is not sold at its old price: 409 `price_changed`. A line "
                     "`{voucher_ore}` sells a gift voucher (no VAT; its code and validity are in `vouchers`); a "
                     "payment `{method: voucher, code, amount_ore}` spends one, exactly like card (no change): 404 "
                     "`voucher_not_found`, 409 `voucher_expired` or `voucher_balance_too_low` (also for the loser "
                     "when two tills spend the same balance at once), 422 `invalid_voucher_code`.",
         responses={201: SaleOut}, errors={404, 409}, headers=IDEMPOTENCY_HEADER)
def create_sale():
    body = parse_body(SaleIn)
    raw_key = idempotency.check_key(request.headers.get("Idempotency-Key"))
    key = SaleKey(f"user:{current_user.id}", raw_key, idempotency.request_hash(body.model_dump(mode="json")),
                  answer=receipt_json) if raw_key else None
    # A repeat (double click, retry) is found by what it runs into: its items are sold already, or its
    # key is taken (a sale of manual lines only); either way the first answer is given again below.
    try:
        sold = sell(db.session, till_code=body.till, cashier=current_user,
                    lines=[_line_request(x) for x in body.lines],
                    payments=[PaymentRequest(p.method, p.amount_ore, p.code) for p in body.payments],
                    training=body.training, key=key)
        payload = sold.answer or receipt_json(sold.receipt)  # kept with the key already, when one was sent
        db.session.commit()
    except (IntegrityError, DomainError) as failed:
        db.session.rollback()  # nothing is kept: a failed sale can be retried with its key
        if earlier := idempotency.earlier_sale(db.session, key):
            return _replay(earlier)  # the twin that won the race
        if isinstance(failed, IntegrityError):
            raise lost_race(db.session, [line.code for line in body.lines if line.code]) from None
        raise
    return created(payload)


@bp.post("/returns")
@allow(STAFF)
@api_doc(summary="Return items of an earlier sale: a return receipt in the same series", tag=TAG, body=ReturnIn,
         description="`refund_method: voucher` refunds to a new gift voucher (in `vouchers`). What was paid with a "
                     "gift voucher is refunded to one: another method for that part is 422 `refund_to_voucher`.",
         responses={201: SaleOut}, errors={404, 409})
def create_return():
    body = parse_body(ReturnIn)
    till = get_till(db.session, body.till)
    original = get_sale(db.session, get_till(db.session, body.original.till), body.original.receipt_number)
    restock = {code.strip(): ItemStatus(target) for code, target in (body.restock or {}).items()}
    sale = return_lines(db.session, till=till, cashier=current_user, original=original,
                        lines=lines_for_codes(original, body.codes), refund_method=body.refund_method,
                        restock=restock)
    payload = sale_json(sale)
    db.session.commit()
    return created(payload)


@bp.get("/tills/<till>/receipts/<int:number>")
@allow(STAFF)
@reads_only
@api_doc(summary="A receipt of a till by its number", tag=TAG, responses={200: SaleOut}, errors={404})
def receipt(till, number):
    return jsonify(sale_json(get_sale(db.session, get_till(db.session, till), number)))


@bp.get("/tills/<till>/scan/<code>")
@allow(STAFF)
@reads_in_autocommit
@api_doc(summary="What a scanned code is at the till: name, shelf price, whether it can be sold", tag=TAG,
         description="A gift voucher's code (prefix 27) is no item: 422 `voucher_not_item` (see "
                     "`GET /vouchers/{code}`).",
         responses={200: ScanOut}, errors={404, 422})
def scan(till, code):
    if looks_like_voucher(code):
        raise not_an_item(code)
    found = scan_lookup(db.session, till_code=till, code_text=code)
    shelf = found.shelf
    return jsonify(ScanOut(
        code=found.code, description=found.label, status=found.status, available=found.available,
        asking_ore=shelf.asking_ore if shelf else None, price_ore=shelf.price_ore if shelf else None,
        markdown_percent=shelf.percent if shelf else 0, in_cart_of=found.in_cart_of).model_dump(mode="json"))
