"""VAT per rate, computed once here from VAT-inclusive amounts (money.vat_part does the rounding).

A rate of 0 means outside VAT: the non-profit's sale of donated goods (DOMAIN.md). Receipts show a
VAT specification only when some line is VAT-liable.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from boutique.core.money import vat_part


@dataclass(frozen=True)
class VatRow:
    rate_percent: int
    gross_ore: int  # including VAT
    vat_ore: int

    @property
    def net_ore(self) -> int:
        return self.gross_ore - self.vat_ore


def vat_rows(lines: Iterable[tuple[int, int]]) -> list[VatRow]:
    """``(rate_percent, amount_ore)`` per line → one row per rate, VAT computed on each rate's sum."""
    sums: dict[int, int] = {}
    for rate, amount in lines:
        sums[rate] = sums.get(rate, 0) + amount
    return [VatRow(rate, gross, vat_part(gross, rate)) for rate, gross in sorted(sums.items())]


def is_vat_liable(rows: Iterable[VatRow]) -> bool:
    return any(row.rate_percent > 0 for row in rows)
