"""A review sheet for volunteer reviewers (native speakers), and their corrections back into the catalogs.

``review-export LOCALE SHEET.csv`` writes one row per message (per plural form) of that language: the
English, the Swedish, the translation, whether a native speaker has checked it, where it appears and the
language tour's screenshot that shows it, and two empty columns for the reviewer: ``correction`` (the
better translation) and ``ok`` (anything, e.g. "x", when the translation is right as it is). The file is
UTF-8 CSV with a byte order mark, which LibreOffice, Excel and Google Sheets open as it is.

``review-import LOCALE SHEET.csv`` writes each correction into every catalog holding that message with
that translation, and marks a message reviewed (the ``unreviewed`` flag cleared) once each of its rows
is corrected or ok'd. A correction that loses a placeholder is refused and reported.
"""

import csv
from pathlib import Path

from i18n import UNREVIEWED, _complete, _key, catalogs, read_catalog, shown, write_catalog
from i18n_checks import message_problems
from i18n_screens import screen_names, screen_of, shot_path

COLUMNS = ["language", "context", "english", "english_plural", "plural_form", "swedish", "translation",
           "status", "where", "screenshot", "correction", "ok", "reviewer_note"]


def _forms(value) -> list[str]:
    return list(value) if isinstance(value, (list, tuple)) else [value or ""]


def _swedish() -> dict[str, object]:
    found = {}
    for _area, _locale, path in catalogs(["sv"]):
        for message in read_catalog(path, "sv"):
            if message.id:
                found.setdefault(_key(message), message.string)
    return found


def export_sheet(locale: str, sheet: Path) -> int:
    """Write the review sheet of ``locale``; the number of rows."""
    rows: dict[tuple, dict] = {}
    swedish = _swedish()
    for _area, _locale, path in catalogs([locale]):
        for message in read_catalog(path, locale):
            if not message.id:
                continue
            paths = [where for where, _ in message.locations]
            status = "missing" if not _complete(message) else (
                "unreviewed" if UNREVIEWED in message.flags else "reviewed")
            plural = isinstance(message.id, (list, tuple))
            english = _forms(message.id)
            shots = [shot_path(screen_of(p), locale) for p in paths]
            for index, form in enumerate(_forms(message.string)):
                key = (_key(message), index, form)
                row = rows.setdefault(key, {
                    "language": locale, "context": message.context or "", "english": english[0],
                    "english_plural": english[1] if plural else "", "plural_form": index if plural else "",
                    "swedish": " | ".join(_forms(swedish.get(_key(message)))), "translation": form,
                    "status": status, "where": [], "screenshot": [], "correction": "", "ok": "",
                    "reviewer_note": ""})
                row["where"] += screen_names(paths)
                row["screenshot"] += [shot for shot in shots if shot]
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        order = ("unreviewed", "missing", "reviewed")
        for row in sorted(rows.values(), key=lambda r: (order.index(r["status"]), r["english"].casefold())):
            writer.writerow({**row, "where": "; ".join(dict.fromkeys(row["where"])),
                             "screenshot": " ".join(dict.fromkeys(row["screenshot"]))})
    return len(rows)


def import_sheet(locale: str, sheet: Path) -> dict[str, int]:
    """Corrections and approvals from a filled-in sheet into every catalog of ``locale``."""
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row.get("language", locale) == locale]
    answered = {}
    for row in rows:
        key = f"{row['context']}\u0004{row['english']}" if row["context"] else row["english"]
        form = int(row["plural_form"]) if row["plural_form"].strip() else 0
        answered[key, form, row["translation"]] = ((row.get("correction") or "").strip(),
                                                   bool((row.get("ok") or "").strip()))
    counts = {"corrected": 0, "approved": 0, "refused": 0}
    for _area, _locale, path in catalogs([locale]):
        catalog = read_catalog(path, locale)
        for message in catalog:
            if message.id:
                _review(message, answered, catalog.num_plurals, counts, path)
        write_catalog(path, catalog)
    return counts


def _review(message, answered: dict, num_plurals: int, counts: dict, path: Path) -> None:
    forms = _forms(message.string)
    answers = [answered.get((_key(message), index, form)) for index, form in enumerate(forms)]
    if not any(answers):
        return
    corrected = [answer[0] if answer and answer[0] else form for form, answer in zip(forms, answers, strict=True)]
    new = tuple(corrected) if isinstance(message.id, (list, tuple)) else corrected[0]
    if new != message.string:
        candidate = type(message)(message.id, new, flags=message.flags, context=message.context)
        refused = message_problems(candidate, num_plurals)
        if refused:
            counts["refused"] += 1
            print(f"{shown(path)}: {_key(message)!r}: correction not taken: {'; '.join(refused)}")
            return
        message.string = new
        counts["corrected"] += 1
    elif all(answer and answer[1] for answer in answers):
        counts["approved"] += 1
    if all(answer and (answer[0] or answer[1]) for answer in answers):
        message.flags.discard(UNREVIEWED)
