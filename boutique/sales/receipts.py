"""Receipts (SKVFS 2014:9 7 kap. 1 §): what a receipt shows, its one copy (KOPIA), and the Swish QR."""

import hashlib
import io
from dataclasses import dataclass, field
from urllib.parse import quote

import segno
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from boutique.auth.models import User
from boutique.core.errors import Conflict, InvalidInput, NotFound
from boutique.core.money import MoneyError, check_ore, format_input
from boutique.places.models import Till
from boutique.places.settings import get_setting
from boutique.sales.models import PaymentMethod, ReceiptCopy, Sale, SaleLine
from boutique.sales.services.days import open_day
from boutique.sales.till_settings import receipt_header_lines, swish_payee
from boutique.sales.vat import VatRow, is_vat_liable
from boutique.vouchers.services import VoucherUse, receipt_uses


@dataclass
class PrintedReceipt:
    """What the paper receipt shows: the sale with the shop's name, address and texts, its VAT and vouchers."""

    sale: Sale
    org_name: str
    org_number: str
    location_name: str
    address: str
    header_lines: list[str]
    footer: str
    vat: list[VatRow] = field(default_factory=list)
    is_copy: bool = False
    vouchers: list[VoucherUse] = field(default_factory=list)  # issued or spent, with balance and validity

    @property
    def show_vat(self) -> bool:
        return is_vat_liable(self.vat)

    @property
    def sells_goods(self) -> bool:
        """Whether any line is goods (not only gift vouchers, which have a VAT note of their own)."""
        return any(line.voucher_id is None for line in self.sale.lines)

    @property
    def paid_ore(self) -> int:
        return self.sale.total_ore + self.sale.rounding_ore


def get_sale(session: Session, till: Till, receipt_number: int, *, training: bool = False) -> Sale:
    """A receipt by till and number; 404 when the till has no such receipt."""
    sale = session.scalar(
        select(Sale).where(Sale.till_id == till.id, Sale.receipt_number == receipt_number,
                           Sale.training.is_(training))
        .options(selectinload(Sale.lines).selectinload(SaleLine.item), selectinload(Sale.payments),
                 selectinload(Sale.vat_rows)))
    if sale is None:
        raise NotFound(_l("Till %(till)s has no receipt number %(number)d.", till=till.code, number=receipt_number),
                       code="receipt_not_found")
    return sale


def paid_back(sale: Sale) -> list[tuple[PaymentMethod, int]]:
    """What a return pays the customer back, per method, as positive amounts (none for a sale)."""
    if not sale.is_return:
        return []
    return [(PaymentMethod(p.method), -p.amount_ore) for p in sale.payments if p.amount_ore]


def build_receipt(session: Session, sale: Sale, *, is_copy: bool = False) -> PrintedReceipt:
    location = sale.till.location
    return PrintedReceipt(sale=sale, org_name=get_setting(session, "org_name"),
                          org_number=get_setting(session, "org_number"),
                          location_name=location.name, address=location.address or "",
                          header_lines=receipt_header_lines(session), footer=get_setting(session, "receipt_footer"),
                          vat=[VatRow(row.rate_percent, row.gross_ore, row.vat_ore) for row in sale.vat_rows],
                          is_copy=is_copy, vouchers=receipt_uses(sale.voucher_events))


def print_copy(session: Session, sale: Sale, *, user: User) -> ReceiptCopy:
    """Record the receipt's one copy; 409 copy_exists for a second one."""
    if sale.training:
        raise Conflict(_l("Training receipts have no copies."), code="copy_not_allowed")
    day = open_day(session, sale.till)
    copy = ReceiptCopy(sale_id=sale.id, till_day_id=day.id if day else None, printed_by_id=user.id)
    try:
        with session.begin_nested():
            session.add(copy)
    except IntegrityError:
        raise Conflict(_l("A copy of receipt %(number)d has already been printed; there can only be one.",
                          number=sale.receipt_number), code="copy_exists") from None
    return copy


SWISH_MESSAGE_MAX = 50  # characters Swish shows and keeps of a payment's message


def swish_reference(till_code: str, checkout_key: str) -> str:
    """What a Swish payment's message says, and its payment row keeps: the till and a digest of the
    cart's checkout key (new for every sale), so a payment on the bank statement finds its receipt
    although the receipt number is only taken once the sale is made."""
    return f"{till_code} {hashlib.sha256(checkout_key.encode()).hexdigest()[:8].upper()}"


def swish_payload(payee: str, amount_ore: int, message: str) -> str:
    """Swish's "prefilled" C2B QR payload: ``C<payee>;<amount>;<message>;<lock mask>``: the amount in kronor
    with a decimal comma, the message URL-encoded, and mask 0 (payee, amount and message fixed), e.g.
    ``C1231181189;149,50;SKH-1%207F3A9C01;0``. 422 for an amount that is not 0,01 kr to the öre limit."""
    try:
        amount_ore = check_ore(amount_ore, allow_zero=False)
    except MoneyError:
        raise InvalidInput(_l("A Swish amount is more than 0 and at most 21 474 836,47 kr."),
                           code="invalid_amount") from None
    text = "".join(ch for ch in message if ch.isprintable())[:SWISH_MESSAGE_MAX]
    return f"C{payee};{format_input(amount_ore)};{quote(text, safe='')};0"


def swish_qr_svg(session: Session, *, amount_ore: int, message: str) -> bytes:
    qr = segno.make(swish_payload(swish_payee(session), amount_ore, message), error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=8, border=4, xmldecl=True, title="Swish")
    return buffer.getvalue()
