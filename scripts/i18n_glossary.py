"""The glossary of the boutique's words (boutique/translations/glossary.csv: term_en, sv, ar, fa, so, ti,
note): a message that is exactly a glossary term must be translated as the glossary says, so a button,
a heading and a column name call the same thing by the same word in every language. The glossary may give
alternatives ("parti / serie") and notes in brackets. Swedish, the shop's own catalog, inflects its words
as each screen needs (Tvätt, tvätta): the check holds the volunteer-translated languages to the glossary."""

import csv
import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog

GLOSSARY = Path(__file__).resolve().parent.parent / "boutique" / "translations" / "glossary.csv"
CHECKED = ("ar", "fa", "so", "ti")
_NOTE = re.compile(r"\s*\([^)]*\)")


@cache
def glossary() -> dict[str, dict[str, str]]:
    """{term (case-folded): {language: the glossary's word}}."""
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return {row["term_en"].strip().casefold(): row for row in csv.DictReader(handle)}


def accepted(entry: str) -> set[str]:
    """The words a glossary cell allows: ``"parti / serie (rapporter)"`` -> {"parti", "serie"}."""
    return {word.strip().casefold() for word in _NOTE.sub("", entry).split("/") if word.strip()}


def glossary_problems(catalog: Catalog, locale: str, where: Path) -> list[str]:
    if locale not in CHECKED:
        return []
    terms = glossary()
    found = []
    for message in catalog:
        if not message.id or isinstance(message.id, (list, tuple)) or not message.string:
            continue
        row = terms.get(message.id.strip().casefold())
        wanted = (row or {}).get(locale, "").strip()
        if wanted and message.string.strip().casefold() not in accepted(wanted):
            found.append(f"{where}: {message.id!r} is {message.string!r}, the glossary says {wanted!r}")
    return found
