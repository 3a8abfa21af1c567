"""The gift voucher to print (A6 PDF with its barcode), from the receipt that sold it."""

from flask import Response

from boutique.core import clock
from boutique.core.money import format_ore
from boutique.extensions import db
from boutique.places.settings import get_setting
from boutique.vouchers import bp
from boutique.vouchers.render import VoucherCard, card_pdf
from boutique.vouchers.services import get_voucher
from boutique.web.access import STAFF, allow
from boutique.web.headers import content_disposition


def card_for(voucher) -> VoucherCard:
    """The card's text, in Swedish like the receipt; the validity as the buyer must be told it."""
    place = voucher.sale.till.location
    return VoucherCard(
        code=voucher.code, shop=get_setting(db.session, "org_name"), title="PRESENTKORT",
        amount=format_ore(voucher.amount_ore), validity=f"Giltigt t.o.m. {voucher.valid_until.isoformat()}",
        lines=("Betala med kortet i alla Ny Form-butiker,", "helt eller delvis: saldot står på kvittot.",
               f"Utfärdat {clock.sales_day(voucher.issued_at).isoformat()}, {place.name}, "
               f"kvitto {voucher.sale.receipt_number} ({voucher.sale.till.code})"))


@bp.get("/<code>.pdf")
@allow(STAFF)
def pdf(code):
    voucher = get_voucher(db.session, code)
    response = Response(card_pdf(card_for(voucher)), mimetype="application/pdf")
    response.headers["Content-Disposition"] = content_disposition("inline", f"presentkort-{voucher.code}.pdf")
    return response
