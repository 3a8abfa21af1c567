"""Charts drawn on the server as inline SVG: no JavaScript, no CDN, readable at arm's length, on paper and
without colour.

Each chart is a <figure> with its title as a caption and an SVG that fills its column (a viewBox, width
100 %). Sizes are in viewBox units drawn for a column of at least ``WIDTH`` CSS pixels (reports.css keeps
the column that wide down to a 1024 px screen and an A4 page), so ``TEXT`` and ``SMALL_TEXT`` are never
under 12 px there. Every chart has a legend; series differ by colour (Okabe–Ito, safe for colour-blind
readers), by pattern and by position; a zero gets a visible mark, and every bar its value beside it. The
page shows the same data in a table. Colours and patterns are SVG attributes, not inline styles, which
the Content-Security-Policy forbids.
"""

from dataclasses import dataclass
from itertools import count

from flask_babel import gettext as _
from markupsafe import Markup, escape

_ids = count(1)
WIDTH = 640
TEXT = 14
SMALL_TEXT = 13
INK = "#222222"
CHAR = 0.56  # a character's mean width, in font sizes (for laying out labels and legends)


@dataclass(frozen=True)
class Look:
    """How a series is drawn: an Okabe–Ito colour and a pattern over it (``solid``, ``hatch``, ``dots``,
    ``cross``, ``lines``, or ``outline``: white with a dashed border)."""

    colour: str
    pattern: str = "solid"


MINE = Look("#0072B2")  # blue, solid
SHOP = Look("#E69F00", "hatch")  # orange, diagonal white stripes
LOOKS = {
    "mine": MINE, "shop": SHOP, "collected": Look("#444444"), "sold": Look("#0072B2"),
    "redesigned": Look("#009E73", "dots"), "recycled": Look("#56B4E9", "hatch"),
    "discarded": Look("#D55E00", "cross"), "stock": Look("#F0E442", "lines"), "unaccounted": Look("#FFFFFF", "outline"),
}


@dataclass(frozen=True)
class Series:
    label: object
    look: Look = MINE


@dataclass(frozen=True)
class Bar:
    """One value; ``text`` replaces the formatted value beside the bar, ``faint`` draws it pale (too few
    items behind it to read as a trend)."""

    value: float | None
    text: str | None = None
    faint: bool = False


def _text_width(text: str, size: int = TEXT) -> float:
    return len(text) * size * CHAR


def _wrap(text: str, width: float, size: int = TEXT, lines: int = 2) -> list[str]:
    """Words into at most ``lines`` lines that fit ``width``; only a word longer than a line is cut."""
    found: list[str] = []
    for word in str(text).split():
        if found and _text_width(f"{found[-1]} {word}", size) <= width:
            found[-1] = f"{found[-1]} {word}"
        else:
            found.append(word)
    if len(found) > lines:
        found = [*found[: lines - 1], " ".join(found[lines - 1:])]
    limit = max(4, int(width / (size * CHAR)))
    return [line if len(line) <= limit else line[: limit - 1] + "…" for line in found] or [""]


def _defs(n: int, looks: list[Look]) -> str:
    """One <pattern> per patterned look: the colour with white marks over it."""
    marks = {"hatch": '<path d="M-2 2 l4 -4 M0 8 l8 -8 M6 10 l4 -4" stroke="#fff" stroke-width="2"/>',
             "dots": '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
             "cross": '<path d="M0 0 L8 8 M8 0 L0 8" stroke="#fff" stroke-width="1.5"/>',
             "lines": '<path d="M0 4 H8" stroke="#6b6200" stroke-width="1.2"/>'}
    parts = []
    for look in looks:
        if look.pattern in marks:
            parts.append(f'<pattern id="{_pattern_id(n, look)}" width="8" height="8" patternUnits="userSpaceOnUse">'
                         f'<rect width="8" height="8" fill="{look.colour}"/>{marks[look.pattern]}</pattern>')
    return f"<defs>{''.join(parts)}</defs>" if parts else ""


def _pattern_id(n: int, look: Look) -> str:
    return f"chart-{n}-{look.pattern}-{look.colour.lstrip('#')}"


def _shape(n: int, look: Look, x: float, y: float, width: float, height: float, *, faint: bool = False,
           css: str = "chart-bar") -> str:
    fill = f"url(#{_pattern_id(n, look)})" if look.pattern not in ("solid", "outline") else look.colour
    stroke = ' stroke="#333333" stroke-dasharray="4 3"' if look.pattern == "outline" else ""
    pale = ' fill-opacity="0.45"' if faint else ""
    return (f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
            f'fill="{fill}"{stroke}{pale}/>')


def _text(x: float, y: float, text, *, size: int = TEXT, anchor: str = "start", css: str = "chart-label") -> str:
    return (f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{INK}" '
            f'text-anchor="{anchor}">{escape(text)}</text>')


def _legend(n: int, series: list[Series], top: float = 4) -> tuple[str, float]:
    """Swatch and name per series, left to right, wrapping; returns the markup and its height."""
    x, y, parts = 0.0, top, ['<g class="chart-legend">']
    for item in series:
        width = 18 + 6 + _text_width(str(item.label)) + 22
        if x and x + width > WIDTH:
            x, y = 0.0, y + 24
        parts.append(_shape(n, item.look, x, y + 1, 18, 16, css="chart-swatch"))
        parts.append(_text(x + 24, y + 14, str(item.label), css="chart-legend-label"))
        x += width
    parts.append("</g>")
    return "".join(parts), y - top + 28


def _figure(title, description, height: float, n: int, looks: list[Look], body: str) -> Markup:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height:.0f}" '
           f'width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="chart-{n}-t chart-{n}-d">'
           f'<title id="chart-{n}-t">{escape(title)}</title><desc id="chart-{n}-d">{escape(description)}</desc>'
           f'{_defs(n, looks)}{body}</svg>')
    return Markup(f'<figure class="chart-figure"><figcaption>{escape(title)}</figcaption>{svg}</figure>')  # noqa: S704  # nosec B704  # every text in it is escaped


def _nothing(title) -> Markup:
    """A chart with nothing to draw says so, instead of an empty frame."""
    frame = Markup('<figure class="chart-figure chart-empty"><figcaption>{}</figcaption><p class="empty-note">{}'
                   '</p></figure>')
    return frame.format(title, _("Nothing to show in this period."))  # Markup.format escapes both


def bar_chart(title, groups: list[tuple[object, list[Bar]]], *, series: list[Series], value_text=str,
              description: str = "", maximum: float | None = None) -> Markup:
    """Horizontal bars, one group per label with one bar per series (the first series on top)."""
    if not groups:
        return _nothing(title)
    n = next(_ids)
    legend, top = _legend(n, series)
    label_width, value_width, bar, gap = 210, 150, 18, 4
    values = [b.value for _, bars in groups for b in bars if b.value is not None]
    peak = maximum if maximum is not None else max(values or [0]) or 1
    span = WIDTH - label_width - 8 - value_width
    x0 = label_width + 8
    parts, y = [legend], top + 6
    for label, bars in groups:
        lines = _wrap(str(label), label_width - 8)
        block = max(len(bars) * (bar + gap) - gap, len(lines) * (TEXT + 2) + 2)
        first = y + block / 2 - (len(lines) - 1) * (TEXT + 2) / 2 + TEXT * 0.35
        for index, line in enumerate(lines):
            parts.append(_text(label_width, first + index * (TEXT + 2), line, anchor="end"))
        for index, (item, look) in enumerate(zip(bars, [s.look for s in series], strict=False)):
            top_of_bar = y + index * (bar + gap)
            parts.append(_bar(n, look, item, x0, top_of_bar, span, peak, bar, value_text, f"chart-series-{index}"))
        y += block + (12 if len(series) > 1 else 8)
    parts.append(f'<line class="chart-axis" x1="{x0}" y1="{top}" x2="{x0}" y2="{y - 4:.0f}" stroke="{INK}" '
                 'stroke-width="1.5"/>')
    return _figure(title, description or title, y, n, [s.look for s in series], "".join(parts))


def _bar(n: int, look: Look, item: Bar, x0: float, y: float, span: float, peak: float, height: float,
         value_text, series: str) -> str:
    text = item.text if item.text is not None else ("–" if item.value is None else value_text(item.value))
    if item.value is None:
        return _text(x0 + 6, y + height - 4, text, size=SMALL_TEXT, css="chart-value")
    length = max(0.0, min(span, span * float(item.value) / float(peak))) if peak else 0.0
    # Zero (or too small to see) still gets a mark: a short dark stub on the axis.
    mark = (_shape(n, look, x0, y, length, height, faint=item.faint, css=f"chart-bar {series}") if length >= 3 else
            f'<rect class="chart-zero {series}" x="{x0:.1f}" y="{y:.1f}" width="3" height="{height}" fill="{INK}"/>')
    return mark + _text(x0 + max(length, 3) + 6, y + height - 4, text, size=SMALL_TEXT, css="chart-value")


def column_chart(title, rows: list[tuple[object, float]], *, series: Series, value_text=str,
                 description: str = "") -> Markup:
    """Vertical columns over time (weeks), labelled below, each value above its column."""
    if not rows:
        return _nothing(title)
    n = next(_ids)
    legend, top = _legend(n, [series])
    plot_top, plot, bottom = top + TEXT + 10, 190.0, 44
    height = plot_top + plot + bottom
    base = plot_top + plot
    count_ = max(1, len(rows))
    slot = (WIDTH - 20) / count_
    width = max(6.0, min(48.0, slot * 0.7))
    peak = max([value for _, value in rows if value is not None] or [0]) or 1
    every = max(1, -(-count_ // 10))  # at most ten labels under the axis
    parts = [legend, f'<line class="chart-axis" x1="10" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="{INK}" '
                     'stroke-width="1.5"/>']
    for index, (label, value) in enumerate(rows):
        x = 10 + index * slot + (slot - width) / 2
        size = plot * float(value or 0) / float(peak)
        if size >= 2:
            parts.append(_shape(n, series.look, x, base - size, width, size))
        else:
            parts.append(f'<rect class="chart-zero" x="{x:.1f}" y="{base - 3}" width="{width:.1f}" height="3" '
                         f'fill="{INK}"/>')
        if count_ <= 12 or index % every == 0:
            parts.append(_text(x + width / 2, base - max(size, 3) - 5, value_text(value or 0), size=SMALL_TEXT,
                               anchor="middle", css="chart-value"))
        if index % every == 0:
            parts.append(_text(x + width / 2, base + TEXT + 6, str(label), anchor="middle"))
    return _figure(title, description or title, height, n, [series.look], "".join(parts))


def flow_chart(title, inflows: list[tuple[str, object, int]], outflows: list[tuple[str, object, int]], *,
               value_text=str, description: str = "") -> Markup:
    """Where the kilos went: each row one part of the same total, placed where the part before it ended,
    first what came in, then where it went. Rows are (look key, label, grams)."""
    rows = [(key, label, grams) for key, label, grams in [*inflows, *outflows] if grams > 0]
    if not rows:
        return _nothing(title)
    n = next(_ids)
    looks = [LOOKS[key] for key, _, _ in rows]
    # The legend in the order of LOOKS (what came in, then the fates, stock and the gap last), once per look.
    order = list(LOOKS)
    named = {key: label for key, label, _ in sorted(rows, key=lambda row: order.index(row[0]), reverse=True)}
    legend, top = _legend(n, [Series(named[key], LOOKS[key]) for key in order if key in named])
    total = max(1, sum(grams for _, _, grams in inflows if grams > 0))
    label_width, value_width, bar, row_gap = 170, 140, 22, 10
    span = WIDTH - label_width - value_width - 8
    x0 = label_width + 8
    parts, y = [legend], top + 6
    for side in (inflows, outflows):
        offset = 0
        for key, label, grams in side:
            if grams <= 0:
                continue
            start = x0 + span * offset / total
            length = max(3.0, span * grams / total)
            parts.append(_text(label_width, y + bar - 6, _wrap(str(label), label_width - 8, lines=1)[0],
                               anchor="end"))
            parts.append(_shape(n, LOOKS[key], start, y, length, bar))
            words = f"{value_text(grams)} · {round(100 * grams / total)} %"
            parts.append(_text(start + length + 6, y + bar - 6, words, size=SMALL_TEXT, css="chart-value"))
            offset += grams
            y += bar + row_gap
        y += 10
    parts.append(f'<line class="chart-axis" x1="{x0}" y1="{top}" x2="{x0}" y2="{y - 16:.0f}" stroke="{INK}" '
                 'stroke-width="1.5"/>')
    return _figure(title, description or title, y, n, looks, "".join(parts))
