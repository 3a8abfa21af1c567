"""Read-side selects for vouchers: a voucher's history with the receipts that changed it."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from boutique.core import clock
from boutique.vouchers.models import GiftVoucher, VoucherEvent


def voucher_history(session: Session, voucher: GiftVoucher) -> list[dict]:
    """Each balance change, oldest first: kind, amount (− when spent), balance after, when, till and receipt."""
    events = session.scalars(select(VoucherEvent).where(VoucherEvent.voucher_id == voucher.id)
                             .options(selectinload(VoucherEvent.sale)).order_by(VoucherEvent.id))
    return [{"kind": event.kind.value, "amount_ore": event.amount_ore, "balance_after_ore": event.balance_after_ore,
             "at": clock.local(event.at).isoformat(), "till": event.sale.till.code,
             "receipt_number": event.sale.receipt_number} for event in events]
