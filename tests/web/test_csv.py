"""CSV for spreadsheets: formula injection neutralised, Swedish Excel conventions."""

from datetime import date

import pytest

from boutique.web.csv import Ore, cell, neutralise, to_csv


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd",
                                  "\rcmd", "=1;=2"])
def test_cells_that_a_spreadsheet_would_run_get_a_leading_quote(text):
    assert neutralise(text) == "'" + text
    assert to_csv(["x"], [[text]]).decode("utf-8-sig").split("\r\n")[1].lstrip('"').startswith("'")


@pytest.mark.parametrize("text", ["Klänning", "1-2", "a=b", "Ünal @home", "", "'already quoted"])
def test_ordinary_text_is_left_alone(text):
    assert neutralise(text) == text


def test_numbers_we_write_are_not_neutralised():
    assert cell(-5) == "-5"
    assert cell(Ore(-12345)) == "-123,45"
    assert cell(Ore(5)) == "0,05"
    assert cell(0.6667) == "0,6667"
    assert cell(0.0) == "0"
    assert cell(date(2026, 3, 2)) == "2026-03-02"
    assert cell(None) == ""


def test_file_is_utf8_with_bom_semicolons_and_crlf():
    body = to_csv(["Kategori", "Intäkt (kr)"], [["Klänningar; röda", Ore(41500)], ["=cmd|' /C calc'!A0", Ore(0)]])
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text == 'Kategori;Intäkt (kr)\r\n"Klänningar; röda";415,00\r\n\'=cmd|\' /C calc\'!A0;0,00\r\n'

