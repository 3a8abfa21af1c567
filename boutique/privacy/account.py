"""A person's account and their till work: profile, tokens, failed sign-ins, receipts they rang up,
copies they printed, discounts they approved, till days they opened or closed."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from boutique.auth.models import ApiToken, LoginFailure, User
from boutique.core import clock
from boutique.places.models import Till
from boutique.privacy.work import WHEN, as_rows
from boutique.sales.day_models import TillDay, ZReport
from boutique.sales.models import ReceiptCopy, Sale, SaleLine
from boutique.web.tables import Column, Table

TILL = Column("till", _l("Till"))
RECEIPT = Column("receipt_number", _l("Receipt"), "int")


def profile(session: Session, person: User) -> dict:
    """The person's own record, every field the boutique keeps (the password and PIN only as whether
    they are set: they are stored hashed, and a hash tells nothing)."""
    supervisor = session.get(User, person.supervisor_id) if person.supervisor_id else None
    supervised = session.scalars(select(User.display_name).where(User.supervisor_id == person.id)
                                 .order_by(User.display_name)).all()
    return {"username": person.username, "display_name": person.display_name, "role": str(person.role),
            "language": person.language, "contact": person.contact,
            "supervisor": supervisor.display_name if supervisor else None, "supervises": supervised,
            "active": person.active, "has_pin": person.pin_hash is not None,
            "created_at": clock.local(person.created_at),
            "erased_at": clock.local(person.erased_at) if person.erased_at else None}


def tokens(session: Session, person: User) -> Table:
    rows = session.execute(select(ApiToken.prefix, ApiToken.created_at.label("at"), ApiToken.revoked_at)
                           .where(ApiToken.user_id == person.id).order_by(ApiToken.created_at))
    return Table("api_tokens", _l("API tokens (the start of each)"),
                 [Column("prefix", _l("Token starts")), WHEN, Column("revoked_at", _l("Revoked"), "datetime")],
                 as_rows(rows))


def failed_sign_ins(session: Session, person: User) -> Table:
    """Kept only for the lockout window (auth/throttle.py), under the username or ``pin:<id>``."""
    rows = session.execute(select(LoginFailure.at, LoginFailure.address)
                           .where(LoginFailure.username.in_([person.username, f"pin:{person.id}"]))
                           .order_by(LoginFailure.at))
    return Table("failed_sign_ins", _l("Failed sign-ins in the last 15 minutes"),
                 [WHEN, Column("address", _l("From address"))], as_rows(rows))


def receipts(session: Session, person: User) -> Table:
    rows = session.execute(select(Sale.created_at.label("at"), Till.code.label("till"), Sale.receipt_number,
                                  Sale.total_ore, Sale.is_return, Sale.training)
                           .join(Till, Till.id == Sale.till_id)
                           .where(Sale.cashier_id == person.id).order_by(Sale.created_at, Sale.id))
    return Table("receipts", _l("Receipts rung up at the till"),
                 [WHEN, TILL, RECEIPT, Column("total_ore", _l("Total"), "ore"), Column("kind", _l("Kind"))],
                 [{**row, "kind": str(_l("training") if row["training"] else _l("return") if row["is_return"]
                                      else _l("sale"))} for row in as_rows(rows)])


def till_records(session: Session, person: User) -> Table:
    """Copies printed, discounts approved, days opened and closed: the till's own records of them."""
    approved = aliased(Sale)
    sources = [
        (select(ReceiptCopy.printed_at.label("at"), Till.code.label("till"), Sale.receipt_number)
         .join(Sale, Sale.id == ReceiptCopy.sale_id).join(Till, Till.id == Sale.till_id)
         .where(ReceiptCopy.printed_by_id == person.id), _l("printed a receipt copy")),
        (select(approved.created_at.label("at"), Till.code.label("till"), approved.receipt_number)
         .join(SaleLine, SaleLine.sale_id == approved.id).join(Till, Till.id == approved.till_id)
         .where(SaleLine.discount_approved_by_id == person.id), _l("approved a discount")),
        (select(TillDay.opened_at.label("at"), Till.code.label("till"))
         .join(Till, Till.id == TillDay.till_id).where(TillDay.opened_by_id == person.id), _l("opened the day")),
        (select(ZReport.closed_at.label("at"), Till.code.label("till"), ZReport.z_number.label("receipt_number"))
         .join(Till, Till.id == ZReport.till_id).where(ZReport.closed_by_id == person.id),
         _l("closed the day (Z-report number)")),
    ]
    rows = [{"receipt_number": None, **row, "kind": str(kind)}
            for query, kind in sources for row in as_rows(session.execute(query))]
    rows.sort(key=lambda row: row["at"])
    return Table("till_records", _l("Other till records"), [WHEN, Column("kind", _l("What")), TILL, RECEIPT], rows)

