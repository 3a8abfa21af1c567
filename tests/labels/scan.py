"""Test helpers: decode barcodes with zxing-cpp, rasterise PDFs with pdftoppm, measure bar runs."""

import io
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image


def decode(image: Image.Image) -> list[str]:
    """Every EAN-13 zxing-cpp finds in the image (greyscale, as a scanner sees it)."""
    found = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.EAN13)
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
