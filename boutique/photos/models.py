"""A photo of a lot, an item or an instruction step: before/after/step, stored as files."""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from boutique.core.db import Base, UTCDateTime, intpk, str_enum, utcnow


class PhotoKind(enum.StrEnum):
    before = "before"
    after = "after"
    step = "step"


class Photo(Base):
    """Only generated file names are stored; the uploaded name and EXIF never reach the disk."""

    __tablename__ = "photos"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN lot_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN item_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN step_id IS NULL THEN 0 ELSE 1 END) = 1", name="one_owner"),
    )

    id: Mapped[intpk]
    kind: Mapped[PhotoKind] = mapped_column(str_enum(PhotoKind))
    lot_id: Mapped[int | None] = mapped_column(
        ForeignKey("production_lots.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[int | None] = mapped_column(
        ForeignKey("lot_instruction_steps.id", ondelete="CASCADE"), index=True)
    # Generated names under UPLOAD_FOLDER/photos, e.g. "3f2a….jpg" and "3f2a….thumb.jpg".
    filename: Mapped[str] = mapped_column(String(80), unique=True)
    thumb_filename: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    width: Mapped[int]
    height: Mapped[int]
    size_bytes: Mapped[int]
    caption: Mapped[str | None] = mapped_column(String(300))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
