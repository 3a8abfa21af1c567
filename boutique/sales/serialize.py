"""The JSON shapes of receipts and X/Z reports (API answers and idempotent replays)."""

from dataclasses import dataclass
from datetime import date, datetime

from boutique.core import clock
from boutique.sales.day_models import TillDay, ZReport
from boutique.sales.figures import DayFigures
from boutique.sales.models import PaymentMethod, Sale
from boutique.vouchers.services import VoucherUse, receipt_uses

_REPORT_FIELDS = (
    "receipts_count", "sales_ore", "returns_count", "returns_ore", "net_ore", "vat_ore", "discounts_count",
    "discounts_ore", "rounding_ore", "copies_count", "copies_ore", "unfinished_count", "unfinished_ore",
    "training_count", "training_ore", "vouchers_sold_count", "vouchers_sold_ore", "vouchers_redeemed_count",
    "vouchers_redeemed_ore", "opening_float_ore",
    "expected_cash_ore", "grand_total_sales_ore", "grand_total_returns_ore", "grand_total_net_ore",
)


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    code: str | None
    description: str
    category: str | None  # None on a gift voucher's line
    vat_rate_percent: int
    asking_ore: int
    markdown_percent: int
    price_ore: int
    discount_ore: int
    discount_reason: str | None
    amount_ore: int
    voucher_code: str | None = None  # the gift voucher this line sold


@dataclass(frozen=True, slots=True)
class ReceiptPayment:
    method: PaymentMethod
    amount_ore: int
    tendered_ore: int | None
    change_ore: int
    reference: str | None = None  # a Swish payment's message (the QR code's reference); a voucher's code


@dataclass(frozen=True, slots=True)
class ReceiptVat:
    rate_percent: int
    gross_ore: int
    vat_ore: int


@dataclass(frozen=True)
class Receipt:
    """What a receipt says, as plain values: a checkout answers with one without loading its sale back."""

    sale_id: int
    till: str
    receipt_number: int
    is_return: bool
    training: bool
    created_at: datetime
    sales_day: date
    cashier: str
    total_ore: int
    rounding_ore: int
    change_ore: int
    discount_ore: int
    original: tuple[str, int] | None  # (till, receipt number) of the sale a return refunds
    lines: list[ReceiptLine]
    payments: list[ReceiptPayment]
    vat: list[ReceiptVat]
    vouchers: tuple[VoucherUse, ...] = ()  # gift vouchers issued or spent: amount, balance after, validity


def receipt_of(sale: Sale) -> Receipt:
    return Receipt(
        sale_id=sale.id, till=sale.till.code, receipt_number=sale.receipt_number, is_return=sale.is_return,
        training=sale.training, created_at=sale.created_at, sales_day=sale.sales_day,
        cashier=sale.cashier.display_name, total_ore=sale.total_ore, rounding_ore=sale.rounding_ore,
        change_ore=sale.change_ore, discount_ore=sale.discount_ore,
        original=(sale.original.till.code, sale.original.receipt_number) if sale.original is not None else None,
        lines=[ReceiptLine(code=line.item.code if line.item is not None else None, description=line.description,
                           category=line.category.code if line.category is not None else None,
                           vat_rate_percent=line.vat_rate_percent,
                           asking_ore=line.asking_ore, markdown_percent=line.markdown_percent,
                           price_ore=line.price_ore, discount_ore=line.discount_ore,
                           discount_reason=line.discount_reason, amount_ore=line.amount_ore,
                           voucher_code=line.voucher.code if line.voucher is not None else None)
               for line in sale.lines],
        payments=[ReceiptPayment(p.method, p.amount_ore, p.tendered_ore, p.change_ore, p.reference)
                  for p in sale.payments],
        vat=[ReceiptVat(row.rate_percent, row.gross_ore, row.vat_ore) for row in sale.vat_rows],
        vouchers=tuple(receipt_uses(sale.voucher_events)))


def receipt_json(receipt: Receipt) -> dict:
    return {
        "till": receipt.till,
        "receipt_number": receipt.receipt_number,
        "kind": "return" if receipt.is_return else "sale",
        "training": receipt.training,
        "created_at": clock.local(receipt.created_at).isoformat(),
        "sales_day": receipt.sales_day.isoformat(),
        "cashier": receipt.cashier,
        "total_ore": receipt.total_ore,
        "rounding_ore": receipt.rounding_ore,
        "change_ore": receipt.change_ore,
        "discount_ore": receipt.discount_ore,
        "original": ({"till": receipt.original[0], "receipt_number": receipt.original[1]}
                     if receipt.original is not None else None),
        "lines": [{
            "code": line.code,
            "description": line.description,
            "category": line.category,
            "vat_rate_percent": line.vat_rate_percent,
            "asking_ore": line.asking_ore,
            "markdown_percent": line.markdown_percent,
            "price_ore": line.price_ore,
            "discount_ore": line.discount_ore,
            "discount_reason": line.discount_reason,
            "amount_ore": line.amount_ore,
            "voucher_code": line.voucher_code,
        } for line in receipt.lines],
        "payments": [{"method": p.method.value, "amount_ore": p.amount_ore, "tendered_ore": p.tendered_ore,
                      "change_ore": p.change_ore, "reference": p.reference} for p in receipt.payments],
        "vat": [{"rate_percent": row.rate_percent, "gross_ore": row.gross_ore, "vat_ore": row.vat_ore}
                for row in receipt.vat],
        "vouchers": [{"code": use.code, "kind": use.kind.value, "amount_ore": use.amount_ore,
                      "balance_ore": use.balance_ore, "valid_until": use.valid_until.isoformat()}
                     for use in receipt.vouchers],
    }


def sale_json(sale: Sale) -> dict:
    return receipt_json(receipt_of(sale))


def _report_common(source, day: TillDay, vat_rows, method_rows) -> dict:
    body = {name: getattr(source, name) for name in _REPORT_FIELDS}
    by_method = {row.method: row for row in method_rows}
    body.update({
        "till": day.till.code,
        "business_date": day.business_date.isoformat(),
        "opened_at": clock.local(day.opened_at).isoformat(),
        "payments": {m.value: (by_method[m].net_ore if m in by_method else 0) for m in PaymentMethod},
        "payment_rows": [{"method": row.method.value, "sales_ore": row.sales_ore, "returns_ore": row.returns_ore,
                          "net_ore": row.net_ore} for row in method_rows],
        "vat": [{"rate_percent": row.rate_percent, "sales_ore": row.sales_ore, "returns_ore": row.returns_ore,
                 "gross_ore": row.gross_ore, "vat_ore": row.vat_ore, "net_ex_vat_ore": row.net_ex_vat_ore}
                for row in vat_rows],
    })
    return body


def x_report_json(figures: DayFigures) -> dict:
    body = _report_common(figures, figures.till_day, figures.vat, list(figures.methods.values()))
    body.update({"report": "x", "status": figures.till_day.status.value,
                 "printed_at": clock.local(figures.taken_at).isoformat()})
    return body


def z_report_json(report: ZReport) -> dict:
    body = _report_common(report, report.till_day, report.vat_rows, report.payment_rows)
    body.update({
        "report": "z", "status": "closed", "z_number": report.z_number,
        "closed_at": clock.local(report.closed_at).isoformat(),
        "counted_cash_ore": report.counted_cash_ore, "variance_ore": report.variance_ore,
        "note": report.variance_note,
    })
    return body
