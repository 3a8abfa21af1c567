"""Test helpers: decode barcodes with zxing-cpp, rasterise PDFs with pdftoppm, measure bar runs."""

import io
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image


def decode(image: Image.Image) -> list[str]:
    """Every EAN-13 zxing-cpp finds in the image, in greyscale at the image's own resolution, as a scanner
    reads its own dots. zxing's extra pass over a half-size copy (try_downscale) smears four-dot modules
    and now and then decodes a second, wrong code beside the right one: 1 random voucher code in 400."""
    found = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.EAN13, try_downscale=False)
    return [result.text for result in found]


def open_png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def rasterise(pdf: bytes, dpi: int, folder: Path) -> list[Image.Image]:
    """The PDF's pages as greyscale images at ``dpi``, as a printer driver would render them."""
    source = folder / f"doc-{dpi}.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(source), str(folder / f"page-{dpi}")],
                          check=True, timeout=60, capture_output=True, text=True)
    assert done.stderr == "", done.stderr  # poppler reports any PDF syntax error here
    pages = sorted(folder.glob(f"page-{dpi}-*.pgm"))
    return [Image.open(page) for page in pages]


def crop_mm(page: Image.Image, dpi: int, x_mm: float, y_mm: float, w_mm: float, h_mm: float) -> Image.Image:
    px = dpi / 25.4
    return page.crop((round(x_mm * px), round(y_mm * px), round((x_mm + w_mm) * px), round((y_mm + h_mm) * px)))


def runs(row: list[bool]) -> list[tuple[bool, int]]:
    """(dark, length) runs of a scanline."""
    result: list[tuple[bool, int]] = []
    for dark in row:
        if result and result[-1][0] == dark:
            result[-1] = (dark, result[-1][1] + 1)
        else:
            result.append((dark, 1))
    return result


def scanline(image: Image.Image, y: int) -> list[bool]:
    grey = image.convert("L")
    return [grey.getpixel((x, y)) < 128 for x in range(grey.width)]


def bar_rows(image: Image.Image) -> list[tuple[int, int, int]]:
    """(row, first bar's x, last bar's end) of the rows that cross an EAN-13's 30 bars inside their
    length (the rows above and below alike), where a print must match the drawing dot for dot."""
    grey = image.convert("L")
    width, data = grey.width, grey.tobytes()
    lines = [data[y * width:(y + 1) * width] for y in range(grey.height)]
    found = []
    for y in range(1, grey.height - 1):
        if lines[y - 1] == lines[y] == lines[y + 1]:
            dark = [value < 128 for value in lines[y]]
            if sum(is_dark for is_dark, _ in runs(dark)) >= 30:
                found.append((y, dark.index(True), width - dark[::-1].index(True)))
    return found


def bars_printed_otherwise(page: Image.Image, drawn: Image.Image) -> list[int]:
    """The rows across the drawn barcode's bars where the printed page is not the drawing dot for dot
    (a grey edge, or a dot black on one and white on the other); the drawing at the page's top left."""
    printed, wanted = page.convert("L"), drawn.convert("L")
    return [y for y, left, right in bar_rows(drawn)
            if printed.crop((left, y, right, y + 1)).tobytes() != wanted.crop((left, y, right, y + 1)).tobytes()]
