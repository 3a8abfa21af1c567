"""CSV for spreadsheets, safe to open in Excel.

- Separator ``;``: Swedish Excel's list separator (a comma is its decimal sign), so a double-click
  opens the file in columns. Decimals are written with a comma for the same reason.
- UTF-8 with a byte-order mark, so Excel reads å, ä and ö right; lines end with CRLF.
- Formula injection: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return
  would be run as a formula (OWASP "CSV injection"); it gets a leading ``'`` so it stays text.
  Numbers are written by us, never from user text, and are left as they are.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

BOM = "\ufeff"
SEPARATOR = ";"
DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


class Ore(int):
    """An öre amount to write as kronor with a decimal comma (``12345`` → ``123,45``)."""


def neutralise(text: str) -> str:
    """Text that a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(DANGEROUS_FIRST) else text


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Ore):
        sign = "-" if value < 0 else ""
        kronor, ore = divmod(abs(int(value)), 100)
        return f"{sign}{kronor},{ore:02d}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return format(value, "f").rstrip("0").rstrip(".").replace(".", ",") if value else "0"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return neutralise(str(value))


def to_csv(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """A CSV file as bytes: the header row, then the rows, every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(str(name)) for name in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return (BOM + buffer.getvalue()).encode("utf-8")
