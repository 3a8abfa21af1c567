"""A report table once, shown as HTML and downloaded as CSV with the same columns and rows."""

from dataclasses import dataclass, field

from flask import Response

from boutique.exports.csv import Ore, to_csv
from boutique.headers import content_disposition

# How a column's values are shown: money in öre, ratios 0..1 as percent, grams as kg, days, dates.
KINDS = ("text", "int", "ore", "ratio", "days", "grams", "date", "percent")


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    kind: str = "text"


@dataclass
class Table:
    key: str
    title: object
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    note: object = ""

    def csv_rows(self):
        for row in self.rows:
            yield [_csv_value(row.get(column.key), column.kind) for column in self.columns]

    def csv_response(self, name: str) -> Response:
        body = to_csv([str(column.label) for column in self.columns], self.csv_rows())
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
