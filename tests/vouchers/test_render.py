"""The printable voucher card: a PDF of exactly A6 whose barcode prints dot for dot and scans as its code."""

from boutique.vouchers.render import VoucherCard, card_pdf, render_card
from tests.labels.scan import bar_rows, bars_printed_otherwise, decode, rasterise


def test_the_card_prints_its_bars_dot_for_dot_and_scans_as_only_its_code(tmp_path):
    # This code once decoded as itself and as 1738023842831 too: the card was stretched by one dot.
    card = VoucherCard(code="2738893842831", shop="Ny Form Skärholmen", title="PRESENTKORT", amount="500,00 kr",
                       validity="Giltigt t.o.m. 2027-12-03", lines=("Gäller i Skärholmen och Husby",))
    [page] = rasterise(card_pdf(card), 300, tmp_path)
    drawn = render_card(card)
    assert len(bar_rows(drawn)) > 100
    assert bars_printed_otherwise(page, drawn) == []
    assert decode(page) == [card.code]
