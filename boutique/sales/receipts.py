"""Receipts (SKVFS 2014:9 7 kap. 1 §): what a receipt shows, its one copy (KOPIA), and the Swish QR."""

import io
from dataclasses import dataclass, field

import segno
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from boutique.auth.models import User
from boutique.errors import Conflict, NotFound
from boutique.money import MAX_ORE, format_input
from boutique.places.models import Till
from boutique.places.settings import get_setting
from boutique.sales.models import PaymentMethod, ReceiptCopy, Sale, SaleLine
from boutique.sales.settings import receipt_header_lines, swish_payee
from boutique.sales.tillday import open_day
from boutique.sales.vat import VatRow, is_vat_liable

METHOD_LABELS = {
    PaymentMethod.cash: _l("Cash"),
    PaymentMethod.card: _l("Card"),
    PaymentMethod.swish: _l("Swish"),
}


def method_label(method: PaymentMethod | str) -> str:
    return str(METHOD_LABELS[PaymentMethod(method)])


@dataclass
class Receipt:
    sale: Sale
    org_name: str
    org_number: str
    location_name: str
    address: str
    header_lines: list[str]
    footer: str
    vat: list[VatRow] = field(default_factory=list)
    is_copy: bool = False

    @property
    def show_vat(self) -> bool:
        return is_vat_liable(self.vat)

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


def build_receipt(session: Session, sale: Sale, *, is_copy: bool = False) -> Receipt:
    location = sale.till.location
    return Receipt(sale=sale, org_name=get_setting(session, "org_name"), org_number=get_setting(session, "org_number"),
                   location_name=location.name, address=location.address or "",
                   header_lines=receipt_header_lines(session), footer=get_setting(session, "receipt_footer"),
                   vat=[VatRow(row.rate_percent, row.gross_ore, row.vat_ore) for row in sale.vat_rows],
                   is_copy=is_copy)


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


def swish_payload(payee: str, amount_ore: int, message: str) -> str:
    """The Swish QR "prefilled" payload: ``C<payee>;<amount>;<message>;<editable mask>`` (0: nothing
    editable), e.g. ``C1231181189;149,50;Kvitto 17;0``."""
    clean = "".join(ch for ch in message if ch not in ";\r\n")[:50]
    return f"C{payee};{format_input(max(0, min(amount_ore, MAX_ORE)))};{clean};0"


def swish_qr_svg(session: Session, *, amount_ore: int, message: str) -> bytes:
    qr = segno.make(swish_payload(swish_payee(session), amount_ore, message), error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=8, border=4, xmldecl=True, title="Swish")
    return buffer.getvalue()
