"""PDFs and ZPL: valid documents of the right page size that carry the label PNGs unchanged."""

import io
import re
import subprocess
import zlib

import pytest
from PIL import Image

from boutique.items.codes import item_code
from boutique.labels import documents, pdf, render
from tests.labels.scan import bar_rows, bars_printed_otherwise, decode, rasterise


def _content(serial: int = 1) -> render.LabelContent:
    return render.LabelContent(code=item_code(serial), name="Kofta", shop="Ny Form", price="99,00\u00a0kr",
                               tag_hex="#1f6fd1", tag_text="blå · 2026-02-02", lines=("Tröjor · Strl S",))


def _pdfinfo(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=30)
    assert done.stderr == ""
    return done.stdout


def test_sheet_is_a4_with_a_page_per_24_labels(tmp_path):
    info = _pdfinfo(documents.sheet_pdf([_content(n) for n in range(1, 27)], start=1), tmp_path)
    assert re.search(r"Pages:\s+2\n", info) and "(A4)" in info


def test_thermal_pdfs_are_exactly_the_label_size(tmp_path):
    for medium in (render.QL62, render.ZEBRA50):
        info = _pdfinfo(documents.single_pdf(_content(), medium), tmp_path)
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
        assert (round(width / 72 * 25.4, 2), round(height / 72 * 25.4, 2)) == (medium.width_mm, medium.height_mm)


@pytest.mark.parametrize("medium", [render.QL62, render.ZEBRA50], ids=lambda medium: medium.key)
def test_a_thermal_pdf_rasterised_at_its_dpi_has_the_bars_of_its_image_dot_for_dot(tmp_path, medium):
    # Placed at the nominal size, the image was stretched by a fraction of a dot: grey bar edges, and a
    # bar a dot wider here and there, which made a voucher's barcode misread now and then.
    content = _content()
    [page] = rasterise(documents.single_pdf(content, medium), medium.dpi, tmp_path)
    drawn = render.render_label(content, medium)
    assert len(bar_rows(drawn)) > medium.px(medium.bars_mm) // 2
    assert bars_printed_otherwise(page, drawn) == []


def test_sheet_carries_the_label_png_data_unchanged():
    content = _content()
    png = render.label_png(content)
    idat = png[png.index(b"IDAT") + 4:png.index(b"IEND") - 8]  # one IDAT chunk: its data, before the CRC
    sheet = documents.sheet_pdf([content, content])
    assert sheet.count(idat) == 1  # the same label twice is stored once
    assert len(zlib.decompress(idat)) > 0


def test_start_outside_the_sheet_is_refused():
    for start in (0, 25):
        with pytest.raises(ValueError):
            documents.sheet_pdf([_content()], start=start)


def test_pdf_writer_refuses_what_it_cannot_embed_faithfully():
    with pytest.raises(ValueError):
        pdf.Document("x").image(b"GIF89a", 0, 0, 1, 1)
    transparent = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    buffer = io.BytesIO()
    transparent.convert("P").save(buffer, "PNG", transparency=0)
    document = pdf.Document("x")
    document.add_page(10, 10)
    with pytest.raises(ValueError):
        document.image(buffer.getvalue(), 0, 0, 1, 1)


def test_zpl_label_decodes_after_a_round_trip_through_its_graphic_field():
    zpl = documents.label_zpl(_content(), render.ZEBRA50)
    match = re.search(r"\^GFA,(\d+),\d+,(\d+),([0-9A-F]+)\^FS", zpl)
    total, row_bytes, data = int(match[1]), int(match[2]), bytes.fromhex(match[3])
    image = Image.frombytes("1", (row_bytes * 8, total // row_bytes), data).point(lambda v: 0 if v else 255, "L")
    assert zpl.startswith("^XA") and zpl.rstrip().endswith("^XZ")
    assert image.height == render.ZEBRA50.size[1] and row_bytes == (render.ZEBRA50.size[0] + 7) // 8
    assert decode(image) == [item_code(1)]
