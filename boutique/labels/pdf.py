"""Just enough PDF to print labels: pages of PNG images placed at exact millimetre sizes.

Each PNG goes in unchanged: PDF's Flate filter with the PNG predictor decodes a PNG's image data
natively, so the label's dots reach the printer exactly as the PNG route serves them, and a sheet costs
no more than its PNGs (a general PDF library decodes and compresses every image again, which made a
sheet several times slower than the labels on it). No Flask imports.
"""

import struct
import zlib

PT_PER_MM = 72 / 25.4
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOURS = {0: ("/DeviceGray", 1), 2: ("/DeviceRGB", 3), 3: (None, 1)}  # PNG colour type -> space, samples


def _png_xobject(png: bytes) -> bytes:
    """An image XObject holding the PNG's own compressed data (greyscale, RGB or palette; no alpha)."""
    if not png.startswith(_SIGNATURE):
        raise ValueError("not a PNG")
    position, header, palette, data = len(_SIGNATURE), b"", b"", []
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        body = png[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"PLTE":
            palette = body
        elif kind == b"IDAT":
            data.append(body)
        elif kind == b"tRNS":
            raise ValueError("transparent PNGs are not supported")
    width, height, depth, colour_type, _compression, _filter, interlace = struct.unpack(">IIBBBBB", header)
    if colour_type not in _COLOURS or interlace:
        raise ValueError("PNG must be greyscale, RGB or palette, not interlaced")
    space, samples = _COLOURS[colour_type]
    if space is None:
        space = f"[/Indexed /DeviceRGB {len(palette) // 3 - 1} <{palette.hex()}>]"
    stream = b"".join(data)
    head = (f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {space} "
            f"/BitsPerComponent {depth} /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors {samples} "
            f"/BitsPerComponent {depth} /Columns {width} >> /Length {len(stream)} >>")
    return head.encode() + b"\nstream\n" + stream + b"\nendstream"


def _text(value: str) -> str:
    """A PDF literal string (ASCII; anything else is replaced)."""
    safe = value.encode("ascii", "replace").decode().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({safe})"


class Document:
    """Pages of placed PNG images and rectangles; ``output()`` gives the PDF bytes."""

    def __init__(self, title: str):
        self.title = title
        self._objects: list[bytes] = []
        self._pages: list[int] = []
        self._images: dict[bytes, int] = {}  # the same PNG twice on a sheet is stored once
        self._page: tuple[float, float] | None = None
        self._drawing: list[str] = []
        self._used: dict[int, None] = {}

    def _add(self, body: bytes) -> int:
        self._objects.append(body)
        return len(self._objects) + 2  # objects 1-2 are the catalog and the page tree

    def add_page(self, width_mm: float, height_mm: float) -> None:
        self._finish_page()
        self._page = (width_mm, height_mm)

    def image(self, png: bytes, x_mm: float, y_mm: float, width_mm: float, height_mm: float) -> None:
        """Place ``png`` with its top-left corner at (x, y) mm from the page's top-left corner."""
        number = self._images.get(png)
        if number is None:
            number = self._images[png] = self._add(_png_xobject(png))
        self._used[number] = None
        bottom = self._page[1] - y_mm - height_mm
        self._drawing.append(f"q {width_mm * PT_PER_MM:.4f} 0 0 {height_mm * PT_PER_MM:.4f} "
                             f"{x_mm * PT_PER_MM:.4f} {bottom * PT_PER_MM:.4f} cm /I{number} Do Q")

    def rectangle(self, x_mm: float, y_mm: float, width_mm: float, height_mm: float, *, grey: float = 0.67,
                  line_mm: float = 0.2) -> None:
        """A thin grey outline (a cutting guide)."""
        bottom = self._page[1] - y_mm - height_mm
        self._drawing.append(f"q {grey:.2f} G {line_mm * PT_PER_MM:.3f} w {x_mm * PT_PER_MM:.4f} "
                             f"{bottom * PT_PER_MM:.4f} {width_mm * PT_PER_MM:.4f} {height_mm * PT_PER_MM:.4f} re S Q")

    def _finish_page(self) -> None:
        if self._page is None:
            return
        content = zlib.compress("\n".join(self._drawing).encode())
        contents = self._add(f"<< /Filter /FlateDecode /Length {len(content)} >>\nstream\n".encode() + content
                             + b"\nendstream")
        images = " ".join(f"/I{number} {number} 0 R" for number in self._used)
        width, height = (value * PT_PER_MM for value in self._page)
        self._pages.append(self._add(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:.4f} {height:.4f}] "
            f"/Resources << /XObject << {images} >> >> /Contents {contents} 0 R >>".encode()))
        self._page, self._drawing, self._used = None, [], {}

    def output(self) -> bytes:
        self._finish_page()
        info = self._add(f"<< /Title {_text(self.title)} /Creator (Ny Form boutique) >>".encode())
        kids = " ".join(f"{page} 0 R" for page in self._pages)
        # "Actual size" by default in the print dialog: scaling would put bar edges between dots.
        catalog = b"<< /Type /Catalog /Pages 2 0 R /ViewerPreferences << /PrintScaling /None >> >>"
        tree = f"<< /Type /Pages /Kids [{kids}] /Count {len(self._pages)} >>".encode()
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate([catalog, tree, *self._objects], start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
        out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
        out += (f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R /Info {info} 0 R >>\n"
                f"startxref\n{xref}\n%%EOF\n").encode()
        return bytes(out)
