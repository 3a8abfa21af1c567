"""Price labels and badges as images: python-barcode for the EAN-13, Pillow for the bars and text.

Bars are drawn from python-barcode's module string, each module a whole number of printer dots (4 at
300 dpi, 3 at 203 dpi), with quiet zones of 11 modules left and 7 right. Everything is drawn at the
printer's own resolution and placed at its exact size in millimetres, so "actual size" printing puts
every bar edge on a dot (documents.py places them on PDF pages and in ZPL). No Flask imports: the views,
the tests and the benchmark all call this.
"""

import io
from dataclasses import dataclass
from functools import lru_cache

import barcode
from PIL import Image, ImageColor, ImageDraw

from boutique.core.ean13 import is_valid_ean13
from boutique.labels import fonts, layout

QUIET_LEFT, QUIET_RIGHT, SYMBOL_MODULES = 11, 7, 95
GUARDS = frozenset([0, 1, 2, 45, 46, 47, 48, 49, 92, 93, 94])  # modules of the start, middle, end guards
MM_PER_INCH = 25.4
# Labels are four-colour palette images (2-bit PNGs): crisp unsmoothed text and bars, which is what a
# printer makes of them anyway, and the one colour a label needs, its tag colour.
WHITE, BLACK, TAG, GREY = 0, 1, 2, 3


class BadCode(ValueError):
    """Not a valid EAN-13 (python-barcode would silently "fix" its check digit; we refuse)."""


@dataclass(frozen=True)
class Medium:
    """A label size at a printer resolution, with the sizes (mm) its layout uses."""

    key: str
    width_mm: float
    height_mm: float
    dpi: int
    dots_per_module: int
    margin_mm: float = 2.0
    bars_mm: float = 10.0
    small_mm: float = 2.4  # font sizes are the em size in millimetres
    price_mm: float = 8.5
    name_mm: float = 3.4
    text_mm: float = 2.6

    def px(self, mm: float) -> int:
        return round(mm / MM_PER_INCH * self.dpi)

    @property
    def size(self) -> tuple[int, int]:
        return self.px(self.width_mm), self.px(self.height_mm)

    @property
    def printed_mm(self) -> tuple[float, float]:
        """The size to place the image at on paper: its own dots at its dpi, so that printing at actual
        size maps one dot to one printer dot. Placed at the nominal size instead (70 mm is 826.8 dots,
        drawn as 827) it is resampled by that hair, and a bar four dots wide comes out as four here, five
        there, with grey edges: enough for a scanner to misread a digit. A hundredth of a dot less,
        because poppler (CUPS, pdftoppm) covers up to floor(right edge) + 1 and would stretch an image
        ending exactly on a dot boundary by one dot; renderers that sample dot centres are unaffected."""
        width, height = self.size
        return (width - 0.01) * MM_PER_INCH / self.dpi, (height - 0.01) * MM_PER_INCH / self.dpi


SHEET_CELL = Medium("sheet", 70, 37, 300, 4)  # one cell of an A4 sheet, 3 x 8
QL62 = Medium("ql62", 62, 29, 300, 4, margin_mm=1.5, bars_mm=7.0, small_mm=2.2, price_mm=6.5, name_mm=3.0,
              text_mm=2.5)
ZEBRA50 = Medium("zebra50", 50, 30, 203, 3, margin_mm=1.5, bars_mm=7.0, small_mm=2.2, price_mm=6.0, name_mm=3.0,
                 text_mm=2.5)
BADGE = Medium("badge", 85.6, 54, 300, 4, margin_mm=4.0, bars_mm=12.0, small_mm=3.0, name_mm=8.0, text_mm=2.8)


@dataclass(frozen=True)
class LabelContent:
    """What a price label says, already translated and formatted by the caller."""

    code: str
    name: str
    shop: str
    price: str | None = None
    tag_hex: str | None = None  # the tag colour of the item's pricing period
    tag_text: str | None = None
    markdown: str | None = None  # today's price after a markdown: never cut
    # Category and size, the redesign lot: shown in order above the makers; when the label is full the
    # first are left out first.
    lines: tuple[str, ...] = ()
    makers: tuple[str, ...] = ()  # display names, never cut: those that do not fit are counted ("+2")
    makers_format: str = "%(names)s"  # the translated "Made by: %(names)s"


@dataclass(frozen=True)
class BadgeContent:
    code: str
    name: str
    shop: str
    hint: str = ""


@lru_cache(maxsize=4096)
def modules(code: str) -> str:
    """The 95 modules ('1' = bar) of a valid EAN-13 code."""
    if not isinstance(code, str) or not is_valid_ean13(code):
        raise BadCode(code)
    symbol = barcode.get("ean13", code[:12])
    if symbol.get_fullcode() != code:  # never print a code other than the one asked for
        raise BadCode(code)
    return symbol.build()[0]


def barcode_size(medium: Medium) -> tuple[int, int]:
    """Width (quiet zones included) and height (digits included) of the barcode block, in dots."""
    dpm = medium.dots_per_module
    cap = -fonts.glyphs("NotoSans", 9 * dpm, False, "0").top
    return (QUIET_LEFT + SYMBOL_MODULES + QUIET_RIGHT) * dpm, medium.px(medium.bars_mm) + cap + 2 * dpm


def draw_barcode(image: Image.Image, x: int, y: int, code: str, medium: Medium) -> None:
    """The EAN-13 block with its top-left corner (left quiet zone included) at ``x``, ``y``."""
    draw = ImageDraw.Draw(image)
    dpm = medium.dots_per_module
    bars = modules(code)
    bar_height = medium.px(medium.bars_mm)
    block_height = barcode_size(medium)[1]
    start = x + QUIET_LEFT * dpm
    index = 0
    while index < len(bars):
        if bars[index] == "1":
            end = index
            while end < len(bars) and bars[end] == "1":
                end += 1
            bottom = y + (block_height - dpm if index in GUARDS else bar_height)
            draw.rectangle((start + index * dpm, y, start + end * dpm - 1, bottom - 1), fill=BLACK)
            index = end
        else:
            index += 1
    size = 9 * dpm
    baseline = y + block_height - dpm
    fonts.draw_line(image, start - dpm, baseline, fonts.layout(code[0], size), BLACK, align_right=True)
    for group, first_module in ((code[1:7], 3), (code[7:13], 50)):
        for position, digit in enumerate(group):
            line = fonts.layout(digit, size)
            centre = start + (first_module + 7 * position + 3.5) * dpm
            fonts.draw_line(image, centre - line.width / 2, baseline, line, BLACK)


def _canvas(medium: Medium, tag_hex: str | None = None) -> Image.Image:
    image = Image.new("P", medium.size, WHITE)
    tag = ImageColor.getrgb(tag_hex) if tag_hex else (255, 255, 255)
    image.putpalette(bytes([255, 255, 255, 0, 0, 0, *tag[:3], 170, 170, 170]))
    return image


def _text_row(image: Image.Image, medium: Medium, x: int, top: int, width: int, text: str, size_mm: float, *,
              bold: bool = False, shrink: bool = False, centre: bool = False, step: float = 1.22) -> int:
    """Draw one line of text in the box; return the top of the next row."""
    size = medium.px(size_mm)
    line = fonts.fit(text, size, width, bold=bold, min_size=int(size * 0.6) if shrink else None)
    if centre:
        x += (width - line.width) / 2
    fonts.draw_line(image, x, top + round(line.size * 0.8), line, BLACK)
    return top + round(line.size * step)


def render_label(content: LabelContent, medium: Medium = SHEET_CELL) -> Image.Image:
    """One price label at ``medium``'s size and resolution, as ``layout.price_label`` places it."""
    image = _canvas(medium, content.tag_hex)
    placed = layout.price_label(content, medium, barcode_size(medium))
    if placed.tag_box:
        ImageDraw.Draw(image).rectangle(placed.tag_box, fill=TAG, outline=BLACK,
                                        width=max(1, medium.dots_per_module // 2))
    for text in placed.texts:
        fonts.draw_line(image, text.x, text.baseline, text.line, BLACK)
    draw_barcode(image, *placed.barcode, content.code, medium)
    return image


def render_badge(content: BadgeContent, medium: Medium = BADGE) -> Image.Image:
    """A personal badge: the person's display name, big, and their badge barcode."""
    width, height = medium.size
    image = _canvas(medium)
    ImageDraw.Draw(image).rectangle((0, 0, width - 1, height - 1), outline=GREY, width=2)  # cutting guide
    margin = medium.px(medium.margin_mm)
    inner = width - 2 * margin
    y = _text_row(image, medium, margin, margin, inner, content.shop, medium.small_mm, step=2.2)
    y = _text_row(image, medium, margin, y, inner, content.name, medium.name_mm, bold=True, shrink=True,
                  centre=True, step=1.4)  # centred: the name may be in a right-to-left script
    if content.hint:
        _text_row(image, medium, margin, y, inner, content.hint, medium.text_mm, centre=True)
    code_width, code_height = barcode_size(medium)
    draw_barcode(image, (width - code_width) // 2, height - margin - code_height, content.code, medium)
    return image


def monochrome(image: Image.Image) -> Image.Image:
    """The label as 1-bit dots for a monochrome printer language (ZPL): black stays black, every other
    colour turns white, so a tag colour box prints as its black outline."""
    mono = image.copy()
    mono.putpalette(bytes([255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255, 255]))
    return mono.convert("1", dither=Image.Dither.NONE)


def png_bytes(image: Image.Image, medium: Medium) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(medium.dpi, medium.dpi), compress_level=1)
    return buffer.getvalue()


def label_png(content: LabelContent, medium: Medium = SHEET_CELL) -> bytes:
    return png_bytes(render_label(content, medium), medium)


def badge_png(content: BadgeContent) -> bytes:
    return png_bytes(render_badge(content), BADGE)
