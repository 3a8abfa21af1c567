"""Charts drawn on the server as inline SVG: no JavaScript, no CDN, readable without colour.

Each chart has ``role="img"`` with a <title> and <desc>, labels in the page's language, numbers
in Swedish format; the page shows the same data as a table beside it. Styling is by class
(static/css/reports.css): the CSP forbids inline style attributes.
"""

from itertools import count

from markupsafe import Markup, escape

_ids = count(1)
WIDTH = 640
LABEL_WIDTH = 190
VALUE_WIDTH = 90
ROW = 26
BAR = 18


def _open(title, description, width: int, height: int) -> tuple[str, str]:
    n = next(_ids)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
            f'width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="chart-{n}-t chart-{n}-d">'
            f'<title id="chart-{n}-t">{escape(title)}</title><desc id="chart-{n}-d">{escape(description)}</desc>')
    return head, "</svg>"


def _short(text, limit: int = 28) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(title, rows: list[tuple[object, float]], *, value_text=str, description="",
              maximum: float | None = None) -> Markup:
    """Horizontal bars, one per (label, value): categories, groups, buckets."""
    height = max(1, len(rows)) * ROW + 8
    head, tail = _open(title, description or title, WIDTH, height)
    top = maximum if maximum is not None else max([value for _, value in rows if value is not None] or [0])
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = [head]
    for index, (label, value) in enumerate(rows):
        y = 4 + index * ROW
        length = 0 if not top or not value else max(1, round(span * float(value) / float(top)))
        parts.append(f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{y + BAR - 4}" text-anchor="end">'
                     f'{escape(_short(label))}</text>')
        parts.append(f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR}"/>')
        parts.append(f'<text class="chart-value" x="{LABEL_WIDTH + length + 6}" y="{y + BAR - 4}">'
                     f'{escape(value_text(value))}</text>')
    parts.append(tail)
    return Markup("".join(parts))  # noqa: S704  # nosec B704  # all text in it is escaped first


def column_chart(title, rows: list[tuple[object, float]], *, value_text=str, description="") -> Markup:
    """Vertical columns over time (weeks), labelled below, values above each column."""
    height, bottom, top_space = 240, 40, 24
    n = max(1, len(rows))
    slot = (WIDTH - 20) / n
    width = max(4, min(48, slot * 0.7))
    top = max([value for _, value in rows if value is not None] or [0])
    plot = height - bottom - top_space
    head, tail = _open(title, description or title, WIDTH, height)
    parts = [head, f'<line class="chart-axis" x1="10" y1="{height - bottom}" x2="{WIDTH - 10}" '
                   f'y2="{height - bottom}"/>']
    every = max(1, n // 12)  # at most a dozen labels under the axis
    for index, (label, value) in enumerate(rows):
        x = 10 + index * slot + (slot - width) / 2
        size = 0 if not top or not value else max(1, round(plot * float(value) / float(top)))
        y = height - bottom - size
        parts.append(f'<rect class="chart-bar" x="{x:.1f}" y="{y}" width="{width:.1f}" height="{size}"/>')
        if n <= 16:
            parts.append(f'<text class="chart-value" x="{x + width / 2:.1f}" y="{y - 4}" text-anchor="middle">'
                         f'{escape(value_text(value))}</text>')
        if index % every == 0:
            parts.append(f'<text class="chart-label" x="{x + width / 2:.1f}" y="{height - bottom + 16}" '
                         f'text-anchor="middle">{escape(_short(label, 12))}</text>')
    parts.append(tail)
    return Markup("".join(parts))  # noqa: S704  # nosec B704  # all text in it is escaped first
