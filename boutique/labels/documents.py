"""Labels on paper: A4 sheets (3 x 8 of 70 x 37 mm), single thermal labels, badge sheets, and ZPL.

Each label is its 300- or 203-dpi PNG (the very bytes the PNG route serves) placed at the size of its
dots (Medium.printed_mm), so printing at "actual size" maps every image dot to a printer dot. No Flask imports.
"""

from boutique.labels.pdf import Document
from boutique.labels.render import (
    BADGE,
    SHEET_CELL,
    BadgeContent,
    LabelContent,
    Medium,
    badge_png,
    label_png,
    monochrome,
    render_label,
)

A4_MM = (210.0, 297.0)
SHEET_COLUMNS, SHEET_ROWS = 3, 8
SHEET_CELLS = SHEET_COLUMNS * SHEET_ROWS
SHEET_TOP_MM = (A4_MM[1] - SHEET_ROWS * SHEET_CELL.height_mm) / 2  # 0.5 mm; the 3 columns fill 210 mm
BADGE_COLUMNS, BADGE_ROWS = 2, 5
BADGE_LEFT_MM = (A4_MM[0] - BADGE_COLUMNS * BADGE.width_mm) / 2
BADGE_TOP_MM = (A4_MM[1] - BADGE_ROWS * BADGE.height_mm) / 2


def _place(document: Document, png: bytes, x_mm: float, y_mm: float, medium: Medium) -> None:
    document.image(png, x_mm, y_mm, *medium.printed_mm)


def sheet_cell_position(cell: int) -> tuple[float, float]:
    """Top-left corner (mm) of cell 0-23 of the A4 sheet, filled row by row."""
    row, column = divmod(cell, SHEET_COLUMNS)
    return column * SHEET_CELL.width_mm, SHEET_TOP_MM + row * SHEET_CELL.height_mm


def sheet_pdf(contents: list[LabelContent], *, start: int = 1) -> bytes:
    """A4 sheets of 3 x 8 labels (70 x 37 mm); the first label goes to cell ``start`` (1-24)."""
    if not 1 <= start <= SHEET_CELLS:
        raise ValueError("start must be 1-24")
    document = Document("Labels")
    for index, content in enumerate(contents, start=start - 1):
        cell = index % SHEET_CELLS
        if cell == 0 or index == start - 1:
            document.add_page(*A4_MM)
        _place(document, label_png(content, SHEET_CELL), *sheet_cell_position(cell), SHEET_CELL)
    if not contents:
        document.add_page(*A4_MM)
    return document.output()


def single_pdf(content: LabelContent, medium: Medium) -> bytes:
    """One label on a page of exactly the label's size, for a thermal printer."""
    document = Document(content.code)
    document.add_page(medium.width_mm, medium.height_mm)
    _place(document, label_png(content, medium), 0, 0, medium)
    return document.output()


def badge_position(index: int) -> tuple[float, float]:
    """Top-left corner (mm) of badge 0-9 on its A4 sheet."""
    row, column = divmod(index % (BADGE_COLUMNS * BADGE_ROWS), BADGE_COLUMNS)
    return BADGE_LEFT_MM + column * BADGE.width_mm, BADGE_TOP_MM + row * BADGE.height_mm


def badge_sheet_pdf(contents: list[BadgeContent]) -> bytes:
    """A4 sheets of 2 x 5 badges (85.6 x 54 mm, the size of a card holder), with grey cutting lines."""
    document = Document("Badges")
    for index, content in enumerate(contents):
        if index % (BADGE_COLUMNS * BADGE_ROWS) == 0:
            document.add_page(*A4_MM)
        x, y = badge_position(index)
        _place(document, badge_png(content), x, y, BADGE)
        document.rectangle(x, y, BADGE.width_mm, BADGE.height_mm)
    if not contents:
        document.add_page(*A4_MM)
    return document.output()


def label_zpl(content: LabelContent, medium: Medium) -> str:
    """ZPL II for a Zebra printer: our own label as one graphic field at the printer's resolution, so
    the printer needs no fonts for Arabic or Ethiopic and the bars stay whole dots."""
    image = monochrome(render_label(content, medium)).point(lambda v: 0 if v else 255, "1")  # 1 = black dot
    width, height = image.size
    row_bytes = (width + 7) // 8
    data = image.tobytes().hex().upper()  # rows are padded to whole bytes
    total = row_bytes * height
    return (f"^XA^CI28^PW{width}^LL{height}^LH0,0\n"
            f"^FO0,0^GFA,{total},{total},{row_bytes},{data}^FS\n^XZ\n")
