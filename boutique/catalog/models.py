"""Categories: a two-level taxonomy (clothing by garment type, accessories, textiles, interior)."""

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boutique.core.db import Base, intpk, name_str

VAT_RATES = (0, 6, 12, 25)


class Category(Base):
    __tablename__ = "categories"
    __table_args__ = (CheckConstraint("vat_rate_percent IN (0, 6, 12, 25)", name="vat_rate"),)

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[name_str]
    name_en: Mapped[name_str]
    # The name in the languages beyond Swedish and English, {"ar": …, "fa": …, "so": …, "ti": …}; a language
    # missing here shows the Swedish name. No default: migration 0002 inserts rows before this column exists.
    names: Mapped[dict | None] = mapped_column(JSON)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    # 0 means outside VAT: a non-profit's sale of donated goods (DOMAIN.md); bought-in goods 25/12/6.
    vat_rate_percent: Mapped[int] = mapped_column(default=0)
    # Supervisors' guide price for valuation when there are too few sold comparables.
    guide_price_ore: Mapped[int | None]
    # Markdown ladder as [[after_days, percent], ...]; NULL: the shop default (pricing/markdown.py).
    markdown_ladder: Mapped[list | None] = mapped_column(JSON)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    parent: Mapped["Category | None"] = relationship(remote_side="Category.id", back_populates="children")
    children: Mapped[list["Category"]] = relationship(back_populates="parent", order_by="Category.sort_order")

    def label(self, language: str = "sv") -> str:
        if language == "en":
            return self.name_en
        return (self.names or {}).get(language) or self.name
