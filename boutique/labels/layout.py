"""Where each piece of a price label's text goes, and at what size: what render.py then draws.

A price, a markdown and a maker's name are never cut: the price shrinks, the markdown shrinks or wraps
(beside the price when there is room, else under it), and makers that do not fit are counted ("+2";
the item page names them all). The shop name gives way to the tag's date before it is cut; the item's
name and the detail lines may be cut with an ellipsis, and detail lines are left out when the label is
full. No Flask imports: the views, the tests and the benchmark all call this.
"""

from dataclasses import dataclass

from boutique.labels import fonts


@dataclass(frozen=True)
class Placed:
    """One line of text on the label: its role, where its pen starts on which baseline, its glyphs."""

    kind: str  # shop, tag, price, markdown, name, line, makers
    x: float
    baseline: int
    line: fonts.Line

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def right(self) -> float:
        return self.x + self.line.width


@dataclass(frozen=True)
class Layout:
    texts: tuple[Placed, ...]
    tag_box: tuple[int, int, int, int] | None  # left, top, right, bottom of the tag colour box
    barcode: tuple[int, int]  # top-left corner of the barcode block (left quiet zone included)


def wrap_whole(text: str, size: int, width: float, *, max_lines: int, min_size: int,
               bold: bool = False) -> list[fonts.Line] | None:
    """``text`` broken at spaces into at most ``max_lines`` whole lines of ``width``, at the largest size
    down to ``min_size``; None when no size does it (a word wider than the line, or too many lines)."""
    words = fonts.one_line(text).split(" ")
    while True:
        lines, current = [], ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if current and fonts.layout(candidate, size, bold=bold).width > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
        laid = [fonts.layout(line, size, bold=bold) for line in lines]
        if len(laid) <= max_lines and all(line.width <= width for line in laid):
            return laid
        if size <= min_size:
            return None
        size = max(min_size, int(size * 0.92))


def makers_lines(template: str, names: tuple[str, ...], size: int, widths: list[float],
                 min_size: int) -> list[fonts.Line] | None:
    """As many whole names as fit in the rows of ``widths`` (a name may wrap, never be cut), the rest
    counted: "Gjord av: ሰላም, Amira +2". None when not even one name fits."""
    for shown in range(len(names), 0, -1):
        rest = len(names) - shown
        text = template % {"names": ", ".join(fonts.one_line(name) for name in names[:shown])
                           + (f" +{rest}" if rest else "")}
        lines = wrap_whole(text, size, min(widths), max_lines=len(widths), min_size=min_size)
        if lines:
            return lines
    return None


def _makers(content, size: int, slots: list[tuple[int, int, int]], spare: int = 1) -> list[fonts.Line]:
    """Every maker in the ``spare`` rows no detail line needs; else as many as fit in the last row at a
    readable size, the rest counted; else in the last two; else smaller; else (a name longer than the label
    is wide) cut."""
    everyone = content.makers_format % {"names": ", ".join(fonts.one_line(name) for name in content.makers)}
    for count in range(2, min(spare, len(slots)) + 1):
        lines = wrap_whole(everyone, size, min(width for _x, _top, width in slots[-count:]), max_lines=count,
                           min_size=int(size * 0.8))
        if lines:
            return lines
    for smaller, count in ((0.8, 1), (0.8, 2), (0.6, 1), (0.6, 2)):
        if count <= len(slots):
            lines = makers_lines(content.makers_format, content.makers, size,
                                 [width for _x, _top, width in slots[-count:]], int(size * smaller))
            if lines:
                return lines
    text = content.makers_format % {"names": ", ".join(content.makers)}
    return [fonts.fit(text, size, slots[-1][2], min_size=int(size * 0.6))]


def _header(medium, content, width: int, margin: int) -> tuple[list[Placed], tuple | None]:
    """Shop name on the left; on the right the tag colour's name (its date dropped first) and its box."""
    size = medium.px(medium.small_mm)
    baseline = margin + round(size * 0.85)
    inner = width - 2 * margin
    if not content.tag_hex:
        return [Placed("shop", margin, baseline, fonts.fit(content.shop, size, inner, min_size=int(size * 0.75)))], None
    box_height = round(size * 1.05)
    box_width, right = 2 * box_height, width - margin
    top = baseline - round(size * 0.85)
    box = (right - box_width, top, right - 1, top + box_height - 1)
    tag_right = right - box_width - size // 3
    full_tag = content.tag_text or ""
    # The shop name at its size with the whole tag; else without the tag's date; else smaller; else cut.
    for tag_text, smallest in ((full_tag, size), (full_tag.split(" · ")[0], size),
                               (full_tag.split(" · ")[0], int(size * 0.75))):
        tag = fonts.fit(tag_text, size, inner // 2)
        room = max(tag_right - round(tag.width) - size - margin, size)
        shop = fonts.fit_whole(content.shop, size, room, min_size=smallest)
        if shop is not None:
            break
    else:
        shop = fonts.fit(content.shop, size, room, min_size=int(size * 0.75))
    return [Placed("shop", margin, baseline, shop), Placed("tag", tag_right - tag.width, baseline, tag)], box


def _price(medium, content, top: int, width: int, margin: int) -> tuple[list[Placed], int]:
    """The price, big; the markdown beside it when it fits whole there, else under it."""
    inner = width - 2 * margin
    size = medium.px(medium.price_mm)
    price = fonts.fit(content.price, size, inner, bold=True, min_size=int(size * 0.5))
    baseline = top + round(price.size * 0.8)
    placed = [Placed("price", margin, baseline, price)]
    y = top + price.size
    if not content.markdown:
        return placed, y
    text_size = medium.px(medium.text_mm)
    step = round(text_size * 1.22)
    gap = medium.px(2)
    # Beside the price, which may give up to a quarter of its size for it; else under the price.
    for smaller in (1.0, 0.9, 0.8, 0.75):
        shrunk = fonts.layout(price.text, int(price.size * smaller), bold=True) if smaller < 1 else price
        beside_x = margin + shrunk.width + gap
        beside = wrap_whole(content.markdown, text_size, width - margin - beside_x,
                            max_lines=max(1, (shrunk.size + step // 3) // step), min_size=int(text_size * 0.8))
        if beside:
            placed = [Placed("price", margin, baseline, shrunk)]
            for index, line in enumerate(beside):
                placed.append(Placed("markdown", beside_x, baseline - (len(beside) - 1 - index) * step, line))
            return placed, y
    under = wrap_whole(content.markdown, text_size, inner, max_lines=2, min_size=int(text_size * 0.6)) or [
        fonts.fit(content.markdown, text_size, inner, min_size=int(text_size * 0.6))]
    for line in under:
        placed.append(Placed("markdown", margin, y + round(line.size * 0.8), line))
        y += round(line.size * 1.22)
    return placed, y


def price_label(content, medium, barcode_size: tuple[int, int]) -> Layout:
    """The whole label's text, placed: header, price and markdown, name, then detail lines and makers in
    the rows left above the barcode and in the column beside it."""
    width, height = medium.size
    margin = medium.px(medium.margin_mm)
    inner = width - 2 * margin
    texts, tag_box = _header(medium, content, width, margin)
    y = margin + round(medium.px(medium.small_mm) * 1.35)
    if content.price:
        placed, y = _price(medium, content, y, width, margin)
        texts += placed
    name_size = medium.px(medium.name_mm)
    name = fonts.fit(content.name, name_size, inner, bold=True, min_size=int(name_size * 0.8))
    texts.append(Placed("name", margin, y + round(name.size * 0.8), name))
    y += round(name.size * 1.22)
    code_width, code_height = barcode_size
    code_top = height - margin - code_height
    size = medium.px(medium.text_mm)
    row = round(size * 1.22)
    slots = [(margin, top, inner) for top in range(y, code_top - row + 1, row)]
    side_x, side_width = margin + code_width, inner - code_width
    if side_width >= medium.px(15):  # a column beside the barcode (after its right quiet zone)
        slots += [(side_x, top, side_width) for top in range(max(y, code_top), height - margin - row + 1, row)]
    # The makers need the last rows (one, or two when a name wraps); the detail lines get what is left, the
    # first left out first; then all of them follow on from the name, the makers last.
    spare = len(slots) - len(content.lines)
    needed = len(_makers(content, size, slots, spare)) if content.makers and slots else 0
    kept = content.lines[max(0, len(content.lines) - (len(slots) - needed)):]
    for (x, top, slot_width), text in zip(slots, kept, strict=False):
        texts.append(Placed("line", x, top + round(size * 0.8), fonts.fit(text, size, slot_width)))
    if needed:
        rows = slots[len(kept):len(kept) + needed]  # as wide as the last rows, or wider
        for (x, top, _width), line in zip(rows, _makers(content, size, rows, len(rows)), strict=False):
            texts.append(Placed("makers", x, top + round(size * 0.8), line))
    return Layout(tuple(texts), tag_box, (margin, code_top))
