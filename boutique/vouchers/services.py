"""The vouchers' verbs: issue one (sold, or a refund), check and redeem one as a payment, look one up.

Redeeming is one conditional UPDATE per voucher (``balance_ore >= amount`` and still valid), in
ascending id order, inside the sale's transaction: of two tills spending the last kronor at the same
instant, the second finds the row changed and the whole sale rolls back. The table's CHECK
(``balance_ore >= 0``) is the backstop.
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from boutique.core import clock
from boutique.core.errors import Conflict, InvalidInput, NotFound
from boutique.core.limits import is_whole
from boutique.core.money import MAX_ORE, format_ore
from boutique.vouchers.codes import new_code, parse_voucher_code
from boutique.vouchers.models import GiftVoucher, VoucherEvent, VoucherEventKind, VoucherOrigin
from boutique.vouchers.settings import add_months, validity_months

_VOUCHERS, _EVENTS = GiftVoucher.__table__, VoucherEvent.__table__


@dataclass(frozen=True, slots=True)
class VoucherUse:
    """What a receipt says about a voucher: issued or redeemed, how much, what is left, until when."""

    code: str
    kind: VoucherEventKind
    amount_ore: int
    balance_ore: int
    valid_until: date


def get_voucher(session: Session, code: str) -> GiftVoucher:
    """A voucher by its scanned or typed code: 422 malformed, 404 never issued."""
    code = parse_voucher_code(code)
    voucher = session.scalar(select(GiftVoucher).where(GiftVoucher.code == code))
    if voucher is None:
        raise NotFound(_l("No gift voucher has the code %(code)s.", code=code), code="voucher_not_found",
                       details={"voucher": code})
    return voucher


def is_expired(voucher: GiftVoucher, at: datetime | None = None) -> bool:
    """Whether the Stockholm day of ``at`` (now) is past the voucher's last valid day."""
    return clock.sales_day(at or clock.now()) > voucher.valid_until


def expired(voucher: GiftVoucher) -> Conflict:
    """409 voucher_expired, naming the last day it could be used."""
    return Conflict(_l("Gift voucher %(code)s was valid until %(day)s and can no longer be used.",
                       code=voucher.code, day=voucher.valid_until.isoformat()),
                    code="voucher_expired",
                    details={"voucher": voucher.code, "valid_until": voucher.valid_until.isoformat()})


def _short(voucher: GiftVoucher, balance_ore: int, asked_ore: int) -> Conflict:
    return Conflict(_l("Gift voucher %(code)s has %(left)s left; %(asked)s cannot be paid with it.",
                       code=voucher.code, left=format_ore(balance_ore), asked=format_ore(asked_ore)),
                    code="voucher_balance_too_low", details={"voucher": voucher.code, "balance_ore": balance_ore})


def check_redemptions(session: Session, payments: list[tuple[str, int]], *, at: datetime) -> dict[str, int]:
    """The voucher payments of a sale as ``{code: amount}`` (the same voucher twice is summed), every
    voucher checked before anything is written: known, still valid, enough left."""
    wanted: dict[str, int] = {}
    for text, amount in payments:
        if not is_whole(amount, low=1, high=MAX_ORE):
            raise InvalidInput(_l("A gift voucher pays an amount of more than 0 kr."), code="invalid_payment")
        code = parse_voucher_code(text or "")
        wanted[code] = wanted.get(code, 0) + amount
    for code, amount in wanted.items():
        voucher = get_voucher(session, code)
        if is_expired(voucher, at):
            raise expired(voucher)
        if voucher.balance_ore < amount:
            raise _short(voucher, voucher.balance_ore, amount)
    return wanted


def redeem(session: Session, *, wanted: dict[str, int], sale_id: int, by_user_id: int | None,
           at: datetime) -> list[VoucherUse]:
    """Spend ``wanted`` (checked by check_redemptions) on the sale ``sale_id``: 409 when another till spent
    the balance or the day passed the validity meanwhile; the caller then rolls the sale back."""
    today = clock.sales_day(at)
    vouchers = session.scalars(select(GiftVoucher).where(GiftVoucher.code.in_(wanted))
                               .order_by(GiftVoucher.id)).all()
    uses = []
    for voucher in vouchers:
        amount = wanted[voucher.code]
        left = session.execute(
            update(_VOUCHERS).where(_VOUCHERS.c.id == voucher.id, _VOUCHERS.c.balance_ore >= amount,
                                    _VOUCHERS.c.valid_until >= today)
            .values(balance_ore=_VOUCHERS.c.balance_ore - amount).returning(_VOUCHERS.c.balance_ore)).scalar()
        session.expire(voucher, ["balance_ore"])
        if left is None:
            now_left = session.scalar(select(_VOUCHERS.c.balance_ore).where(_VOUCHERS.c.id == voucher.id))
            raise _short(voucher, now_left, amount)
        session.execute(insert(_EVENTS).values(voucher_id=voucher.id, sale_id=sale_id,
                                               kind=VoucherEventKind.redeemed, amount_ore=-amount,
                                               balance_after_ore=left, at=at, by_user_id=by_user_id))
        uses.append(VoucherUse(voucher.code, VoucherEventKind.redeemed, amount, left, voucher.valid_until))
    return uses


def issue(session: Session, *, amount_ore: int, sale_id: int, origin: VoucherOrigin, by_user_id: int | None,
          at: datetime) -> tuple[int, VoucherUse]:
    """A new voucher for ``amount_ore``, valid for the shop's validity from today; answers its id and
    what the receipt says about it."""
    if not is_whole(amount_ore, low=1, high=MAX_ORE):
        raise InvalidInput(_l("A gift voucher is for an amount of more than 0 kr."), code="invalid_price")
    valid_until = add_months(clock.sales_day(at), validity_months(session))
    code = new_code()
    # Ten random digits: a clash is a one-in-billions event, but a fresh code costs one select.
    while session.scalar(select(_VOUCHERS.c.id).where(_VOUCHERS.c.code == code)) is not None:
        code = new_code()
    voucher_id = session.execute(insert(_VOUCHERS).values(
        code=code, origin=origin, amount_ore=amount_ore, balance_ore=amount_ore, issued_at=at,
        valid_until=valid_until, sale_id=sale_id, issued_by_id=by_user_id).returning(_VOUCHERS.c.id)).scalar_one()
    session.execute(insert(_EVENTS).values(voucher_id=voucher_id, sale_id=sale_id, kind=VoucherEventKind.issued,
                                           amount_ore=amount_ore, balance_after_ore=amount_ore, at=at,
                                           by_user_id=by_user_id))
    return voucher_id, VoucherUse(code, VoucherEventKind.issued, amount_ore, amount_ore, valid_until)


def receipt_uses(events: list[VoucherEvent]) -> list[VoucherUse]:
    """What a stored receipt says about its vouchers (its voucher events), as it said it then."""
    return [VoucherUse(event.voucher.code, event.kind, abs(event.amount_ore), event.balance_after_ore,
                       event.voucher.valid_until) for event in events]
