"""The printable gift voucher: an A6 card (105 x 148 mm) with its amount, validity and EAN-13 barcode.

Drawn like the price labels (labels.render): at 300 dpi with bars a whole number of dots wide, placed on
a PDF page of exactly A6, "actual size". Its text comes already in Swedish from the caller (the voucher,
like the receipt, is in Swedish whoever sells it). No Flask imports.
"""

from dataclasses import dataclass

from PIL import Image, ImageDraw

from boutique.labels import fonts
from boutique.labels.pdf import Document
from boutique.labels.render import Medium, barcode_size, draw_barcode, png_bytes

A6 = Medium("a6", 105, 148, 300, 4, margin_mm=9.0, bars_mm=16.0)
WHITE, BLACK, GREY = 0, 1, 2


@dataclass(frozen=True)
class VoucherCard:
    """What the card says, formatted by the caller."""

    code: str
    shop: str
    title: str  # "PRESENTKORT"
    amount: str  # "500,00 kr"
    validity: str  # "Giltigt t.o.m. 2036-12-03"
    lines: tuple[str, ...] = ()  # where and how it is used, the issuing receipt


def _row(image: Image.Image, top: int, text: str, size_mm: float, *, bold: bool = False, step: float = 1.35) -> int:
    """One centred line of text; answers the top of the next."""
    width = image.width - 2 * A6.px(A6.margin_mm)
    line = fonts.fit(text, A6.px(size_mm), width, bold=bold, min_size=A6.px(size_mm * 0.6))
    fonts.draw_line(image, (image.width - line.width) / 2, top + round(line.size * 0.8), line, BLACK)
    return top + round(line.size * step)


def render_card(card: VoucherCard) -> Image.Image:
    """The card at 300 dpi: shop, title, amount, validity, how it is used, and the barcode at the foot."""
    image = Image.new("P", A6.size, WHITE)
    image.putpalette(bytes([255, 255, 255, 0, 0, 0, 150, 150, 150]))
    width, height = A6.size
    margin = A6.px(A6.margin_mm)
    # A thin frame: where to cut when it is printed on a bigger sheet.
    ImageDraw.Draw(image).rectangle((0, 0, width - 1, height - 1), outline=GREY, width=3)
    top = _row(image, margin, card.shop, 3.6, step=2.2)
    top = _row(image, top, card.title, 9.0, bold=True, step=1.6)
    top = _row(image, top, card.amount, 13.0, bold=True, step=1.5)
    top = _row(image, top, card.validity, 4.6, bold=True, step=2.0)
    for text in card.lines:
        top = _row(image, top, text, 3.4, step=1.5)
    code_width, code_height = barcode_size(A6)
    draw_barcode(image, (width - code_width) // 2, height - margin - code_height, card.code, A6)
    return image


def card_png(card: VoucherCard) -> bytes:
    """The card as a 300 dpi PNG (two-bit palette, as the labels are)."""
    return png_bytes(render_card(card), A6)


def card_pdf(card: VoucherCard) -> bytes:
    """One A6 page holding the card at its exact size."""
    document = Document(f"Presentkort {card.code}")
    document.add_page(A6.width_mm, A6.height_mm)
    document.image(card_png(card), 0, 0, *A6.printed_mm)
    return document.output()
