"""Locations (meeting places, shops), tills and stored shop settings."""

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, intpk, name_str


class Location(Base):
    __tablename__ = "locations"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[name_str]
    address: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(default=True)

    tills: Mapped[list["Till"]] = relationship(back_populates="location", order_by="Till.code")


class Till(Base):
    __tablename__ = "tills"

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(16), unique=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)

    location: Mapped[Location] = relationship(back_populates="tills")


class Setting(Base):
    """One shop setting; the known keys, their defaults and labels live in ``places.settings``."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
