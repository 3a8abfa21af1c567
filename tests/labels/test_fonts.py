"""The label fonts come with the project: labels draw Latin, Arabic and Ethiopic text with nothing but the
repository's static/fonts, and without any font the label files answer a clear 503, never a 500."""

import logging

import pytest

from boutique import create_app
from boutique.labels import fonts, layout, render
from tests.labels.scan import decode, open_png

NAMES = ("ሰላም ተስፋይ", "زهرا محمدی", "Åsa Öberg")
FILES = [f"{family}-{weight}.ttf" for family in fonts.FAMILIES for weight in ("Regular", "Bold")]


def _forget_fonts() -> None:
    for cached in (fonts.font_path, fonts.coverage, fonts.font, fonts.glyphs, fonts.layout):
        cached.cache_clear()


@pytest.fixture
def fonts_only_in(monkeypatch):
    """Point the font lookup at these folders alone (no BOUTIQUE_FONT_DIR, no system folders)."""

    def only(*folders) -> None:
        monkeypatch.setattr(fonts, "FONT_DIRS", [str(folder) for folder in folders])
        _forget_fonts()

    yield only
    _forget_fonts()  # the next test finds the real lookup again


def test_the_fonts_and_their_licence_are_in_the_repository():
    assert all((fonts.BUNDLED / name).is_file() for name in FILES)
    assert "SIL Open Font License" in (fonts.BUNDLED / "OFL.txt").read_text()
    assert "fonts-noto-core" in (fonts.BUNDLED / "README.md").read_text()  # where they came from


def test_labels_draw_every_script_with_only_the_projects_fonts(fonts_only_in):
    fonts_only_in(fonts.BUNDLED)
    assert fonts.missing_fonts() == []
    assert {fonts.font_path(family, bold).parent for family in fonts.FAMILIES for bold in (False, True)} == {
        fonts.BUNDLED}
    for name in NAMES:
        assert fonts.missing_glyphs(name) == set() and fonts.missing_glyphs(name, bold=True) == set()
    content = render.LabelContent(code="2900000012349", name="Kofta", shop="Röda Korset · Ny Form",
                                  price="149,00\u00a0kr", makers=NAMES, makers_format="Gjord av: %(names)s")
    for medium in (render.SHEET_CELL, render.QL62, render.ZEBRA50):
        placed = layout.price_label(content, medium, render.barcode_size(medium))
        drawn = " ".join(text.text for text in placed.texts if text.kind == "makers")
        assert drawn.startswith("Gjord av: ሰላም") and fonts.ELLIPSIS not in drawn
        assert decode(open_png(render.label_png(content, medium))) == ["2900000012349"]


def test_without_fonts_a_label_is_a_clear_503_and_the_pages_say_so(fonts_only_in, tmp_path, client, login_as,
                                                                    make_item):
    fonts_only_in(tmp_path)  # an empty folder: nothing to draw with
    assert fonts.missing_fonts() == FILES
    login_as("supervisor")
    item = make_item()
    for url in (f"/labels/items/{item.code}.png", f"/labels/items/{item.code}.pdf", f"/labels/items/{item.code}.zpl",
                f"/labels/sheet.pdf?codes={item.code}", "/labels/badges/1.png"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response.json["error"]["code"] == "fonts_missing"
        assert "typsnitt" in response.json["error"]["message"]
    for url in ("/labels/queue", "/labels/badges"):
        page = client.get(url)
        assert page.status_code == 200 and "static/fonts/README.md" in page.get_data(as_text=True)


def test_a_server_without_fonts_warns_at_start_up(fonts_only_in, tmp_path, caplog):
    fonts_only_in(tmp_path)
    with caplog.at_level(logging.WARNING):
        create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "SECRET_KEY": "x"})
    assert any("Labels cannot be drawn" in record.getMessage() and "NotoSans-Regular.ttf" in record.getMessage()
               for record in caplog.records)
