"""A report table once, shown as HTML and downloaded as CSV with the same rows.

The page shows the columns that fit a 1366 px screen and an A4 page; the CSV keeps every column. A column
with ``csv=False`` is for the page only (two figures in one cell, "3 of 5"), one with ``show=False`` for
the CSV only."""

from dataclasses import dataclass, field

from flask import Response

from boutique.web.csv import Ore, to_csv
from boutique.web.headers import content_disposition

# How a column's values are shown: money in öre, ratios 0..1 as percent, grams as kg, days, dates, and
# ``lines``: a few texts in one cell, one per line (a product's name over its code).
KINDS = ("text", "int", "ore", "ratio", "days", "grams", "date", "percent", "lines")


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    kind: str = "text"
    show: bool = True
    csv: bool = True


@dataclass
class Table:
    key: str
    title: object
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    note: object = ""

    @property
    def shown(self) -> list[Column]:
        return [column for column in self.columns if column.show]

    def csv_rows(self):
        columns = [column for column in self.columns if column.csv]
        for row in self.rows:
            yield [_csv_value(row.get(column.key), column.kind) for column in columns]

    def csv_response(self, name: str) -> Response:
        body = to_csv([str(column.label) for column in self.columns if column.csv], self.csv_rows())
        response = Response(body, content_type="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = content_disposition("attachment", f"{name}-{self.key}.csv")
        return response


def _csv_value(value, kind: str):
    if value is None:
        return None
    if kind == "ore":
        return Ore(value)
    if kind == "grams":
        return round(value / 1000, 3)
    return value if kind != "text" else str(value)
