"""Text on labels in any script: each run of text gets a Noto font that has its glyphs (no tofu).

Latin (with åäö), Arabic and Ethiopic (Tigrinya, Amharic) come from Debian's ``fonts-noto-core``. Arabic
needs shaping and right-to-left order: Pillow's raqm layout does both when libraqm is available; without
it, python-bidi + arabic-reshaper are used when installed, else Arabic prints unjoined (documented).
No Flask imports: this module is used by render.py and the benchmark.
"""

import os
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont, features

FONT_DIRS = [d for d in (os.environ.get("BOUTIQUE_FONT_DIR"), "/usr/share/fonts/truetype/noto",
                         "/usr/share/fonts/noto", "/usr/local/share/fonts/noto") if d]
# First font that covers a character wins; Latin first so digits and punctuation stay in it.
FAMILIES = ("NotoSans", "NotoSansArabic", "NotoSansEthiopic")
RAQM = features.check("raqm")
_RTL_BIDI = {"R", "AL"}
ELLIPSIS = "…"


class FontsMissing(RuntimeError):
    """The Noto fonts are not installed (Debian: apt-get install fonts-noto-core)."""


@cache
def font_path(family: str, bold: bool = False) -> Path:
    name = f"{family}-{'Bold' if bold else 'Regular'}.ttf"
    for directory in FONT_DIRS:
        path = Path(directory) / name
        if path.is_file():
            return path
    raise FontsMissing(f"{name} not found in {FONT_DIRS}: install fonts-noto-core or set BOUTIQUE_FONT_DIR")


@cache
def coverage(family: str, bold: bool = False) -> frozenset[int]:
    """The code points a font has glyphs for (from its cmap table)."""
    with TTFont(font_path(family, bold), lazy=True) as font:
        return frozenset(font["cmap"].getBestCmap())


# Only Arabic needs shaping; Latin and Ethiopic glyphs are drawn as they are, with the faster layout.
COMPLEX = frozenset({"NotoSansArabic"})
# Typographic characters the fonts lack, drawn as their plain look-alikes.
SUBSTITUTES = str.maketrans({"\u2212": "-", "\u2011": "-", "\u202f": "\u00a0"})


@lru_cache(maxsize=256)
def font(family: str, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if RAQM and family in COMPLEX else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(font_path(family, bold)), size, layout_engine=engine)


def _is_neutral(char: str) -> bool:
    """Spaces, digits, punctuation, marks and format characters follow the text around them."""
    return unicodedata.category(char)[0] in "ZNPSMC"


def family_for(char: str, current: str | None = None, bold: bool = False) -> str | None:
    """The font family to draw ``char`` with, or None when no font has it."""
    code = ord(char)
    if current and _is_neutral(char) and code in coverage(current, bold):
        return current
    for family in FAMILIES:
        if code in coverage(family, bold):
            return family
    return None


def missing_glyphs(text: str, bold: bool = False) -> set[str]:
    """Characters of ``text`` that no label font can draw (they would print as boxes)."""
    text = text.translate(SUBSTITUTES)
    return {c for c in set(text) if not c.isspace() and family_for(c, None, bold) is None}


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """``text`` split into (family, piece) runs in logical order, each drawable by its family."""
    result: list[tuple[str, str]] = []
    current = None
    for char in text:
        family = family_for(char, current, bold) or current or FAMILIES[0]
        if result and family == current:
            result[-1] = (family, result[-1][1] + char)
        else:
            result.append((family, char))
        current = family
    return result


def is_rtl(text: str) -> bool:
    """Like dir="auto": the first strong character decides the paragraph direction."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_BIDI:
            return True
        if kind == "L":
            return False
    return False


def _visual(piece: str) -> str:
    """Without raqm, shape and reorder right-to-left pieces ourselves when the helpers are installed."""
    if RAQM or not is_rtl(piece):
        return piece
    try:
        import arabic_reshaper
        from bidi import get_display
    except ImportError:  # documented limitation: unjoined Arabic letters
        return piece
    return get_display(arabic_reshaper.reshape(piece))


@dataclass(frozen=True)
class Glyphs:
    """A rendered piece of text: a 1-bit mask, where it sits from the pen on the baseline, its advance."""

    mask: Image.Image
    left: int
    top: int
    advance: float
    core: object  # the mask's imaging core, for fast pasting
    width: int
    height: int


@lru_cache(maxsize=8192)
def glyphs(family: str, size: int, bold: bool, piece: str) -> Glyphs:
    """Rendered once, pasted many times: a sheet repeats the same letters and digits on every label."""
    face = font(family, size, bold)
    left, top, right, bottom = face.getbbox(piece, anchor="ls")
    mask = Image.new("1", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), piece, font=face, fill=1, anchor="ls")
    return Glyphs(mask, left, top, face.getlength(piece), mask.im, mask.width, mask.height)


@dataclass(frozen=True)
class Line:
    """A line of text laid out as glyphs with their x offsets; ``width`` in pixels."""

    size: int
    glyphs: tuple[tuple[Glyphs, float], ...]
    width: float


def _pieces(family: str, text: str) -> list[str]:
    # Shaped scripts are drawn run by run (letters join); the others letter by letter from the cache
    # (Noto's kerning is in GPOS, which the basic layout does not apply either).
    return [_visual(text)] if family in COMPLEX else list(text)


@lru_cache(maxsize=4096)  # shop name, tag, prices, categories and sizes repeat from label to label
def layout(text: str, size: int, *, bold: bool = False) -> Line:
    text = text.translate(SUBSTITUTES)
    ordered = runs(text, bold)
    if is_rtl(text):
        ordered.reverse()  # runs of an RTL paragraph read right to left
    placed, x = [], 0.0
    for family, run in ordered:
        for piece in _pieces(family, run):
            rendered = glyphs(family, size, bold, piece)
            placed.append((rendered, x))
            x += rendered.advance
    return Line(size, tuple(placed), x)


def fit(text: str, size: int, max_width: float, *, bold: bool = False, min_size: int | None = None) -> Line:
    """The line at the largest size down to ``min_size`` that fits, else cut with an ellipsis."""
    text = "".join(c for c in " ".join(text.split()) if unicodedata.category(c) != "Cc")  # one line, no controls
    line = layout(text, size, bold=bold)
    while line.width > max_width and min_size and size > min_size:
        size = max(min_size, int(size * 0.92))
        line = layout(text, size, bold=bold)
    if line.width <= max_width:
        return line
    low, high = 0, len(text)  # longest prefix that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if layout(text[:middle].rstrip() + ELLIPSIS, size, bold=bold).width <= max_width:
            low = middle
        else:
            high = middle - 1
    return layout(text[:low].rstrip() + ELLIPSIS, size, bold=bold)


def draw_line(image: Image.Image, x: float, baseline: float, line: Line, ink: int,
              *, align_right: bool = False) -> None:
    """Paste the glyphs on one baseline, so Latin, Arabic and Ethiopic sit on the same line."""
    if align_right:
        x -= line.width
    # The imaging core's paste: Image.paste's checks cost more than the paste of a small glyph, and a
    # label pastes over a hundred of them. Boxes outside the image are clipped by the core.
    core, y = image.im, round(baseline)
    for rendered, offset in line.glyphs:
        left, top = round(x + offset) + rendered.left, y + rendered.top
        core.paste(ink, (left, top, left + rendered.width, top + rendered.height), rendered.core)
