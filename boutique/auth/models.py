"""People who use the boutique, their API tokens and failed sign-ins."""

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, UTCDateTime, intpk, name_str, utcnow
from boutique.core.roles import Role


def role_enum() -> Enum:
    return Enum(Role, native_enum=False, length=20, validate_strings=True,
                values_callable=lambda e: [m.value for m in e])


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[intpk]
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[name_str]
    role: Mapped[Role] = mapped_column(role_enum())
    password_hash: Mapped[str] = mapped_column(String(256))
    # A short PIN (4–6 digits) that, with a scanned badge, switches the cashier at a till; hashed.
    pin_hash: Mapped[str | None] = mapped_column(String(256))
    language: Mapped[str] = mapped_column(String(8), default="sv")
    # Contact is optional and shown to supervisors only: participants' data is kept minimal.
    contact: Mapped[str | None] = mapped_column(String(200))
    # The supervisor (handledare) who follows a participant's record; they see only their own people's.
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # The meeting place a person works at (Skärholmen, Husby): what their forms start with.
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # Rotated on sign-out, password change and deactivation; part of the session's user id, so
    # every cookie issued before the rotation stops working.
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_urlsafe(24))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when the person's data was erased (boutique/privacy/erasure.py): the row stays, so sales,
    # histories and the books keep their links, but holds nothing that names the person.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active

    def has_role(self, *roles: Role | str) -> bool:
        return self.role in roles

    @property
    def is_manager(self) -> bool:
        return self.role in (Role.supervisor, Role.admin)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the token: tokens are long random strings, so a fast hash is enough.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="tokens")


class LoginFailure(Base):
    """One failed sign-in; counted per account and per address across every worker."""

    __tablename__ = "login_failures"
    __table_args__ = (
        Index("ix_login_failures_username_at", "username", "at"),
        Index("ix_login_failures_address_at", "address", "at"),
    )

    id: Mapped[intpk]
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
