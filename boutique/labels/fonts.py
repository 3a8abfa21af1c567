"""Text on labels in any script: each run of text gets a Noto font that has its glyphs (no tofu).

Latin (with åäö), Arabic and Ethiopic (Tigrinya, Amharic) come with the project (``static/fonts``: Noto Sans,
Noto Sans Arabic and Noto Sans Ethiopic under the OFL), so a label needs no system package. Arabic
needs shaping and right-to-left order: Pillow's raqm layout does both when libraqm is available; without
it, python-bidi + arabic-reshaper are used when installed, else Arabic prints unjoined (documented).
No Flask imports: this module is used by render.py and the benchmark.
"""

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont, features

from boutique.core.resources import folder

# The project's own copies (static/fonts, beside the templates); then the system's Noto folders, which
# hold the same files where Debian's fonts-noto-core is installed.
BUNDLED = folder("static") / "fonts"
FONT_DIRS = [str(d) for d in (os.environ.get("BOUTIQUE_FONT_DIR"), BUNDLED, "/usr/share/fonts/truetype/noto",
                              "/usr/share/fonts/noto", "/usr/local/share/fonts/noto") if d]
# First font that covers a character wins; Latin first so digits and punctuation stay in it.
FAMILIES = ("NotoSans", "NotoSansArabic", "NotoSansEthiopic")
RAQM = features.check("raqm")
_RTL_BIDI = {"R", "AL"}
ELLIPSIS = "…"


class FontsMissing(RuntimeError):
    """A label font is in none of FONT_DIRS (the project's static/fonts is missing or incomplete)."""


@cache
def font_path(family: str, bold: bool = False) -> Path:
    name = f"{family}-{'Bold' if bold else 'Regular'}.ttf"
    for directory in FONT_DIRS:
        path = Path(directory) / name
        if path.is_file():
            return path
    raise FontsMissing(f"{name} not found in {', '.join(FONT_DIRS)}: restore static/fonts from the project, "
                       "or set BOUTIQUE_FONT_DIR to a folder that has it")


def missing_fonts() -> list[str]:
    """The label font files found nowhere (empty when labels can be drawn)."""
    missing = []
    for family in FAMILIES:
        for bold in (False, True):
            try:
                font_path(family, bold)
            except FontsMissing:
                missing.append(f"{family}-{'Bold' if bold else 'Regular'}.ttf")
    return missing


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
    return result if is_rtl(text) else _neutrals_after_rtl(result, bold)


def _neutrals_after_rtl(ordered: list[tuple[str, str]], bold: bool) -> list[tuple[str, str]]:
    """In a left-to-right line, the ", " after an Arabic name belongs to the line, not to the name: left
    in the name's run, the right-to-left layout would draw it on the name's left ("زهرا, Elsa" read
    ",زهرا Elsa")."""
    result: list[tuple[str, str]] = []
    for family, piece in ordered:
        kept = piece.rstrip("".join(c for c in piece if _is_neutral(c))) if is_rtl(piece) else piece
        tail = piece[len(kept):]
        result.append((family, kept))
        if tail and all(ord(c) in coverage(FAMILIES[0], bold) for c in tail):
            result.append((FAMILIES[0], tail))
        elif tail:
            result[-1] = (family, piece)
    merged: list[tuple[str, str]] = []
    for family, piece in result:
        if merged and merged[-1][0] == family:
            merged[-1] = (family, merged[-1][1] + piece)
        elif piece:
            merged.append((family, piece))
    return merged


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
    text: str = ""  # what is drawn (an ellipsis at its end when it was cut)


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
    return Line(size, tuple(placed), x, text)


# White space that may break a line; no-break spaces (inside "109,00 kr", "-50 %") stay as they are.
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def one_line(text: str) -> str:
    """The text on one line: runs of breaking white space become one space, control characters go."""
    text = _BREAKING_SPACE.sub(" ", text).strip(" ")
    return "".join(c for c in text if unicodedata.category(c) != "Cc")


def fit_whole(text: str, size: int, max_width: float, *, bold: bool = False,
              min_size: int | None = None) -> Line | None:
    """The whole line at the largest size down to ``min_size`` that fits; None when none does."""
    text = one_line(text)
    line = layout(text, size, bold=bold)
    while line.width > max_width and min_size and size > min_size:
        size = max(min_size, int(size * 0.92))
        line = layout(text, size, bold=bold)
    return line if line.width <= max_width else None


def fit(text: str, size: int, max_width: float, *, bold: bool = False, min_size: int | None = None) -> Line:
    """The line at the largest size down to ``min_size`` that fits, else cut with an ellipsis."""
    text = one_line(text)
    whole = fit_whole(text, size, max_width, bold=bold, min_size=min_size)
    if whole is not None:
        return whole
    size = min_size or size
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
