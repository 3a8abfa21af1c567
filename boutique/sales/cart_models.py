"""The carts of open tills, kept on the server so a reload (or another browser) keeps them."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, UTCDateTime, intpk, utcnow

if TYPE_CHECKING:
    from boutique.auth.models import User
    from boutique.catalog.models import Category
    from boutique.items.models import Item
    from boutique.places.models import Till


class Cart(Base):
    """An open till's cart, kept on the server so a reload (or another browser) keeps it."""

    __tablename__ = "carts"

    id: Mapped[intpk]
    till_id: Mapped[int] = mapped_column(ForeignKey("tills.id"), unique=True)
    cashier_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    training: Mapped[bool] = mapped_column(default=False)
    # The idempotency key the page sends with "pay"; a new one after every sale.
    checkout_key: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    till: Mapped["Till"] = relationship()
    cashier: Mapped["User | None"] = relationship()
    lines: Mapped[list["CartLine"]] = relationship(back_populates="cart", order_by="CartLine.id",
                                                   cascade="all, delete-orphan")


class CartLine(Base):
    """An item scanned into a cart (an item is in one cart at a time), a manual line or a gift voucher."""

    __tablename__ = "cart_lines"
    __table_args__ = (
        CheckConstraint("price_ore IS NULL OR price_ore > 0", name="price_positive"),
    )

    id: Mapped[intpk]
    cart_id: Mapped[int] = mapped_column(ForeignKey("carts.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), unique=True)
    description: Mapped[str | None] = mapped_column(String(300))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    price_ore: Mapped[int | None]
    is_voucher: Mapped[bool] = mapped_column(default=False, server_default=false())  # a gift voucher for price_ore
    discount_kind: Mapped[str | None] = mapped_column(String(10))  # "amount" | "percent"
    discount_value: Mapped[int | None]
    discount_reason: Mapped[str | None] = mapped_column(String(200))
    discount_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    cart: Mapped[Cart] = relationship(back_populates="lines")
    item: Mapped["Item | None"] = relationship()
    category: Mapped["Category | None"] = relationship()
