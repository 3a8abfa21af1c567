"""Rendering without the app: bars on whole printer dots, quiet zones, a font for every script, and
images that a real decoder reads back."""

import barcode
import pytest
import zxingcpp
from PIL import Image

from boutique.auth.badges import badge_code
from boutique.items.codes import item_code
from boutique.labels import fonts, layout, render
from tests.labels.scan import decode, open_png, runs, scanline

CODE = item_code(1234)
MEDIA = [render.SHEET_CELL, render.QL62, render.ZEBRA50]
SWEDISH = "Blommig sommarklänning – Åsa Öberg, Ärla Ek, é"
ARABIC = "فستان صيفي مطرز · أمل حسن"
TIGRINYA = "ቀሚስ ብጥልፍ · ሰላም ተስፋይ"


def content(**fields) -> render.LabelContent:
    defaults = {"code": CODE, "name": "Blommig klänning", "shop": "Röda Korset · Ny Form", "price": "149,00\u00a0kr",
                "tag_hex": "#f2c500", "tag_text": "gul · 2026-01-05",
                "lines": ("Klänningar · Strl M", "Redesign: Tilet", "Gjord av: Amira", "I dag: 111,75 kr (-25 %)")}
    return render.LabelContent(**{**defaults, **fields})


def _bars_row(image: Image.Image, code: str) -> list[bool]:
    """A scanline through the bars, where the decoder found them."""
    found = zxingcpp.read_barcodes(image.convert("L"))
    assert [result.text for result in found] == [code]
    position = found[0].position
    return scanline(image, (position.top_left.y + position.bottom_left.y) // 2)


def _assert_whole_modules(image: Image.Image, code: str, dots: int) -> None:
    row = _bars_row(image, code)
    first = row.index(True)  # the start guard: nothing else is drawn left of it on this line
    end = first + render.SYMBOL_MODULES * dots
    assert first >= render.QUIET_LEFT * dots
    assert not any(row[first - render.QUIET_LEFT * dots:first]), "left quiet zone is not clear"
    assert not any(row[end:end + render.QUIET_RIGHT * dots]), "right quiet zone is not clear"
    symbol = runs(row[first:end])
    assert all(length % dots == 0 for _dark, length in symbol), symbol
    drawn = "".join(("1" if dark else "0") * (length // dots) for dark, length in symbol)
    assert drawn == barcode.get("ean13", code[:12]).build()[0]


@pytest.mark.parametrize("medium", MEDIA, ids=lambda m: m.key)
def test_every_bar_and_space_is_an_exact_multiple_of_the_dots_per_module(medium):
    image = open_png(render.label_png(content(), medium))
    _assert_whole_modules(image, CODE, medium.dots_per_module)


def test_badge_bars_are_whole_modules_too():
    code = badge_code(42)
    image = open_png(render.badge_png(render.BadgeContent(code=code, name="Amira", shop="Ny Form")))
    _assert_whole_modules(image, code, render.BADGE.dots_per_module)


@pytest.mark.parametrize("medium", MEDIA, ids=lambda m: m.key)
def test_png_has_the_label_size_in_dots_and_its_dpi(medium):
    image = open_png(render.label_png(content(), medium))
    assert image.size == (round(medium.width_mm / 25.4 * medium.dpi), round(medium.height_mm / 25.4 * medium.dpi))
    assert tuple(round(value) for value in image.info["dpi"]) == (medium.dpi, medium.dpi)
    assert render.SHEET_CELL.dots_per_module == 4 and render.ZEBRA50.dots_per_module == 3


def test_a_wrong_check_digit_is_refused_where_python_barcode_would_fix_it():
    wrong = CODE[:12] + str((int(CODE[12]) + 1) % 10)
    assert barcode.get("ean13", wrong).get_fullcode() == CODE  # python-barcode's silent "fix"
    with pytest.raises(render.BadCode):
        render.label_png(content(code=wrong))
    with pytest.raises(render.BadCode):
        render.modules("29000000000")


@pytest.mark.parametrize("text", [SWEDISH, ARABIC, TIGRINYA], ids=["swedish", "arabic", "tigrinya"])
@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_the_chosen_font_has_a_glyph_for_every_character(text, bold):
    assert fonts.missing_glyphs(text, bold) == set()
    for family, piece in fonts.runs(text, bold):
        assert all(ord(char) in fonts.coverage(family, bold) for char in piece), (family, piece)


def test_each_script_gets_its_own_noto_font():
    families = {family for family, _piece in fonts.runs(f"Gjord av: {ARABIC.split(' · ')[1]}, ሰላም")}
    assert families == {"NotoSans", "NotoSansArabic", "NotoSansEthiopic"}


def test_missing_glyph_check_is_not_vacuous():
    assert fonts.missing_glyphs("Kofta \U0001f9e5") == {"\U0001f9e5"}


@pytest.mark.skipif(not fonts.RAQM, reason="Arabic shaping needs Pillow with libraqm")
def test_arabic_letters_are_joined_not_drawn_in_isolated_forms():
    word = "سلام"
    joined = fonts.layout(word, 60).width
    isolated = sum(fonts.layout(letter, 60).width for letter in word)
    assert joined < isolated


def test_label_with_arabic_tigrinya_and_swedish_text_renders_and_scans():
    label = content(name=ARABIC, lines=(TIGRINYA, SWEDISH, f"Gjord av: {ARABIC}, {TIGRINYA}"))
    for medium in MEDIA:
        assert decode(open_png(render.label_png(label, medium))) == [CODE]


def test_badge_with_a_name_in_any_script_scans():
    for name in (SWEDISH, ARABIC, TIGRINYA):
        image = open_png(render.badge_png(render.BadgeContent(code=badge_code(7), name=name, shop="Ny Form")))
        assert decode(image) == [badge_code(7)]


def test_a_blank_image_or_a_label_without_its_bars_decodes_to_nothing():
    assert decode(Image.new("L", render.SHEET_CELL.size, 255)) == []
    image = open_png(render.label_png(content())).convert("L")
    width, height = render.barcode_size(render.SHEET_CELL)
    margin = render.SHEET_CELL.px(render.SHEET_CELL.margin_mm)
    image.paste(255, (0, image.height - margin - height, margin + width, image.height))
    assert decode(image) == []


def test_label_without_price_or_tag_still_renders():
    assert decode(open_png(render.label_png(content(price=None, tag_hex=None, tag_text=None, lines=())))) == [CODE]


def test_odd_text_never_breaks_a_label():
    odd = content(name="Tab\there\x07 \U0001f9e5 " + "Långt namn " * 40, shop="\n", lines=("\x00", "‮reversed"))
    for medium in MEDIA:
        assert decode(open_png(render.label_png(odd, medium))) == [CODE]


# Long names in three scripts, as the demo's makers and a real lot's team have them.
MAKERS = ("ሰላም ተስፋይ ገብረመድህን", "Amira Abdullahi Mohamed", "زهرا محمدی حسینی", "Elsa Berg-Lindqvist",
          "Fatima al-Hassan")


def _long_label(**fields) -> render.LabelContent:
    return content(**{"name": "Kuddfodral av gamla skjortor", "price": "1\u00a0219,00\u00a0kr",
                      "markdown": "I dag: 609,50\u00a0kr (-50\u00a0%)", "tag_text": "grön · 2026-09-29",
                      "lines": ("Inredning · Storlek 50 × 50", "Redesign: Folkmönster från Eritrea och Dalarna"),
                      "makers": MAKERS, "makers_format": "Gjord av: %(names)s", **fields})


@pytest.mark.parametrize("medium", MEDIA, ids=lambda m: m.key)
def test_price_markdown_and_every_shown_maker_are_drawn_whole_inside_the_label(medium):
    label = _long_label()
    placed = layout.price_label(label, medium, render.barcode_size(medium))
    by_kind = {kind: [text for text in placed.texts if text.kind == kind] for kind in
               ("shop", "price", "markdown", "makers")}
    assert [text.text for text in by_kind["price"]] == [label.price]
    assert " ".join(text.text for text in by_kind["markdown"]) == label.markdown  # wrapped at most, never cut
    assert by_kind["shop"][0].text == "Röda Korset · Ny Form"  # the tag's date gives way first
    makers = " ".join(text.text for text in by_kind["makers"])  # one row, or two with a name wrapped
    assert fonts.ELLIPSIS not in makers
    names, _sep, rest = makers.removeprefix("Gjord av: ").partition(" +")
    shown = names.split(", ")
    assert tuple(shown) == MAKERS[:len(shown)]  # whole names, in order
    assert int(rest or 0) == len(MAKERS) - len(shown)  # the others counted
    width, height = medium.size
    for text in placed.texts:
        assert text.x >= 0 and text.right <= width and text.baseline <= height, (text.kind, text.text)
    assert decode(open_png(render.label_png(label, medium))) == [CODE]


@pytest.mark.parametrize("medium", MEDIA, ids=lambda m: m.key)
def test_makers_that_fit_are_all_named(medium):
    placed = layout.price_label(_long_label(makers=("ሰላም", "Amira")), medium, render.barcode_size(medium))
    assert [text.text for text in placed.texts if text.kind == "makers"] == ["Gjord av: ሰላም, Amira"]


def test_a_markdown_with_no_room_beside_a_wide_price_goes_whole_under_it():
    label = _long_label(price="12\u00a0345\u00a0678,00\u00a0kr")
    placed = layout.price_label(label, render.ZEBRA50, render.barcode_size(render.ZEBRA50))
    [price] = [text for text in placed.texts if text.kind == "price"]
    markdown = [text for text in placed.texts if text.kind == "markdown"]
    assert price.text == label.price and " ".join(text.text for text in markdown) == label.markdown
    assert all(text.baseline > price.baseline for text in markdown)


def test_a_comma_after_an_arabic_name_stays_between_the_names():
    ordered = fonts.runs("Gjord av: زهرا, Elsa")
    assert ordered == [("NotoSans", "Gjord av: "), ("NotoSansArabic", "زهرا"), ("NotoSans", ", Elsa")]


def test_no_break_spaces_in_a_price_are_kept_so_it_never_wraps_inside():
    assert fonts.one_line("I dag:\t109,00\u00a0kr  (-50\u00a0%)\n") == "I dag: 109,00\u00a0kr (-50\u00a0%)"
