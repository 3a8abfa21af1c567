"""Translation catalogs: one per area that has ``boutique/<area>/translations``, plus the core one, each in
Swedish (sv) and in Arabic, Persian, Somali and Tigrinya (ar, fa, so, ti). English is the source text.

    python scripts/i18n.py update    # extract messages, update every catalog (keeps translations)
    python scripts/i18n.py compile   # write the .mo files the app loads
    python scripts/i18n.py check     # what is missing or broken, exactly (exit 1 if anything)
    python scripts/i18n.py glossary  # where a translation words a glossary term otherwise (to review)
    python scripts/i18n.py fill PO T.py   # write translations from a file holding a dict T
    python scripts/i18n.py import T.json LOCALE [--replace-reviewed]   # a translator's file into LOCALE
    python scripts/i18n.py taxonomy NAMES.json   # the standard categories' names: {code: {language: name}}
    python scripts/i18n.py review-export LOCALE SHEET.csv|.xlsx   # a sheet for volunteer reviewers
    python scripts/i18n.py review-import LOCALE SHEET.csv|.xlsx   # their corrections and approvals back

Messages are written in English; Swedish is the shop's language and every message has it. A message of
a participant's screen (scripts/i18n_screens.py) must be in every language; on supervisors' pages a
missing one shows in Swedish. Imported translations are flagged ``unreviewed`` (a flag of our own, not
``fuzzy``: fuzzy messages are left out when compiling) until a native speaker has checked them.

An area's catalog holds the messages of ``boutique/<area>/**/*.py`` and ``templates/<area>/**``; the core
catalog holds everything else. Each message's automatic comment (``#.``) names the screen it is on and
the language tour's screenshot that shows it.
"""

import json
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "boutique"
TEMPLATES = ROOT / "templates"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
LOCALES = ("sv", "ar", "fa", "so", "ti")
VOLUNTEER_LOCALES = ("ar", "fa", "so", "ti")  # translated by volunteers, reviewed by native speakers
UNREVIEWED = "unreviewed"

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from i18n_checks import message_problems  # noqa: E402
from i18n_screens import is_participant_message, screen_names, where_comment  # noqa: E402

from boutique.web.i18n import translation_directories  # noqa: E402


def areas() -> list[str]:
    return [p.parent.name for p in translation_directories(PACKAGE)[1:]]


def catalog_dir(area: str | None) -> Path:
    return (PACKAGE / area / "translations") if area else (PACKAGE / "translations")


def sources(area: str | None) -> list[tuple[str, Path]]:
    owned = areas()
    if area:
        py = sorted((PACKAGE / area).rglob("*.py"))
        html = sorted((TEMPLATES / area).rglob("*.html")) if (TEMPLATES / area).is_dir() else []
    else:
        py = sorted(p for p in PACKAGE.rglob("*.py")
                    if p.relative_to(PACKAGE).parts[0] not in owned)
        html = sorted(p for p in TEMPLATES.rglob("*.html")
                      if len(p.relative_to(TEMPLATES).parts) == 1 or p.relative_to(TEMPLATES).parts[0] not in owned)
    return [("python", p) for p in py] + [("jinja2.ext:babel_extract", p) for p in html]


def extract(area: str | None) -> Catalog:
    """The area's messages, each with the screens it appears on as automatic comments."""
    template = Catalog(project="boutique", fuzzy=False)
    for method, path in sources(area):
        options = {"extensions": "jinja2.ext.do", "trimmed": "true"} if method.startswith("jinja2") else {}
        for lineno, message, comments, context in extract_from_file(
                method, str(path), keywords=KEYWORDS, options=options):
            template.add(message, None, [(str(path.relative_to(ROOT)), lineno)],
                         auto_comments=comments, context=context)
    for message in template:
        if message.id:
            written = [c for c in dict.fromkeys(message.auto_comments) if not c.startswith(("Screen", "test-"))]
            message.auto_comments = written + where_comment([path for path, _ in message.locations])
    return template


def po_path(area: str | None, locale: str) -> Path:
    return catalog_dir(area) / locale / "LC_MESSAGES" / "messages.po"


def read_catalog(path: Path, locale: str) -> Catalog:
    if not path.exists():
        return Catalog(locale=locale, project="boutique", fuzzy=False)
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def write_catalog(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True)


def shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def catalogs(locales=LOCALES):
    """Every (area, locale, path) there is or should be."""
    for area in [None, *areas()]:
        for locale in locales:
            yield area, locale, po_path(area, locale)


def update() -> None:
    templates = {area: extract(area) for area in [None, *areas()]}
    for area, locale, path in catalogs():
        catalog = read_catalog(path, locale)
        catalog.update(templates[area], no_fuzzy_matching=True)
        catalog.obsolete.clear()
        for message in catalog:
            message.auto_comments = [c.replace("{lang}", locale) for c in message.auto_comments]
        write_catalog(path, catalog)
        print(f"{shown(path)}: {len(catalog)} messages")


def compile_all() -> None:
    for _area, locale, path in catalogs():
        if not path.exists():
            continue
        catalog = read_catalog(path, locale)
        # Babel would fill a plural's missing forms with the English: leave it out, so Swedish shows instead.
        for message in list(catalog)[1:]:
            if message.pluralizable and not all(message.string):
                catalog.delete(message.id, context=message.context)
        buffer = BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        path.with_suffix(".mo").write_bytes(buffer.getvalue())


def problems() -> list[str]:
    """Every message missing from a catalog or a language it must be in, and every translation that is
    broken (a placeholder lost or invented, a stray %, the wrong number of plural forms), one line each
    saying where. Glossary differences are not here: ``glossary`` lists them for a reviewer to judge
    (an article or an inflection is often right where the glossary's bare word is not)."""
    found = []
    for area in [None, *areas()]:
        template = extract(area)
        for locale in LOCALES:
            path = po_path(area, locale)
            if not path.exists():
                found.append(f"{shown(path)} is missing (run scripts/i18n.py update)")
                continue
            catalog = read_catalog(path, locale)
            found += _catalog_problems(template, catalog, locale, shown(path))
    return found


def _catalog_problems(template: Catalog, catalog: Catalog, locale: str, where: Path) -> list[str]:
    found = []
    for message in template:
        if not message.id:
            continue
        translated = catalog.get(message.id, context=message.context)
        name = f"{where}: {_key(message)!r}"
        if translated is None:
            found.append(f"{name} is not in the catalog (run scripts/i18n.py update)")
            continue
        paths = [path for path, _ in message.locations]
        needed = locale == "sv" or is_participant_message(paths)
        if translated.fuzzy or not _complete(translated):
            if needed:
                found.append(f"{name} has no {locale} translation (on: {'; '.join(screen_names(paths))})")
            continue
        found += [f"{name}: {problem}" for problem in message_problems(translated, catalog.num_plurals)]
    return found


def _complete(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings)


def _key(message: Message) -> str:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return f"{message.context}\u0004{msgid}" if message.context else msgid


def fill(po_path: Path, translations: dict[str, str]) -> int:
    """Write Swedish translations into a catalog (used when adding many messages at once)."""
    catalog = read_catalog(po_path, po_path.parents[1].name)
    filled = 0
    for message in catalog:
        if message.id and message.id in translations:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
            filled += 1
    write_catalog(po_path, catalog)
    return filled


def import_translations(translations: dict, locale: str, *, replace_reviewed: bool = False) -> dict[str, int]:
    """A translator's file ({English message or context\\x04message: translation or plural forms}) into
    every catalog of ``locale``; what is imported is marked unreviewed. Safe to run again: a reviewed
    translation stays unless ``replace_reviewed``, and a translation that loses a placeholder is refused."""
    counts = {"imported": 0, "unchanged": 0, "kept reviewed": 0, "refused": 0, "not in the file": 0}
    for _area, _locale, path in catalogs([locale]):
        catalog = read_catalog(path, locale)
        for message in catalog:
            if not message.id:
                continue
            new = translations.get(_key(message))
            if new is None:
                counts["not in the file"] += not _complete(message)
                continue
            new = tuple(new) if isinstance(message.id, (list, tuple)) else (new[0] if isinstance(new, list) else new)
            if new == message.string:
                counts["unchanged"] += 1
                continue
            if _complete(message) and UNREVIEWED not in message.flags and not replace_reviewed:
                counts["kept reviewed"] += 1
                continue
            candidate = Message(message.id, new, flags=message.flags, context=message.context)
            refused = message_problems(candidate, catalog.num_plurals)
            if refused:
                counts["refused"] += 1
                print(f"{shown(path)}: {_key(message)!r} not imported: {'; '.join(refused)}")
                continue
            message.string = new
            message.flags.discard("fuzzy")
            message.flags.add(UNREVIEWED)
            counts["imported"] += 1
        write_catalog(path, catalog)
    return counts


def import_taxonomy(names: dict) -> int:
    """The standard categories' names in ar/fa/so/ti into boutique/catalog/taxonomy_names.json (migration
    0007 and ``seed_standard_taxonomy`` read it); a code not in the taxonomy or another language is refused."""
    from boutique.catalog.taxonomy import NAMES_FILE, STANDARD_TAXONOMY

    codes = {code for code, *_ in STANDARD_TAXONOMY}
    unknown = sorted(set(names) - codes)
    languages = {language for row in names.values() for language in row} - set(VOLUNTEER_LOCALES)
    if unknown or languages:
        raise SystemExit(f"not in the standard taxonomy: {unknown}; not a volunteer language: {sorted(languages)}")
    kept = {code: {language: name.strip() for language, name in sorted(names[code].items()) if name.strip()}
            for code in sorted(names)}
    NAMES_FILE.write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(kept)


def _main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "fill":
        # scripts/i18n.py fill path/to/sv/messages.po translations.py  (a dict named T)
        namespace: dict = {}
        exec(Path(argv[2]).read_text(encoding="utf-8"), namespace)  # noqa: S102  (developer tool)
        print(f"filled {fill(Path(argv[1]), namespace['T'])}")
    elif command == "import":
        translations = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        counts = import_translations(translations, argv[2], replace_reviewed="--replace-reviewed" in argv)
        print(", ".join(f"{n} {what}" for what, n in counts.items()))
    elif command == "taxonomy":
        print(f"{import_taxonomy(json.loads(Path(argv[1]).read_text(encoding='utf-8')))} categories named")
    elif command in ("review-export", "review-import"):
        from i18n_review import export_sheet, import_sheet

        if command == "review-export":
            print(f"{export_sheet(argv[1], Path(argv[2]))} messages written to {argv[2]}")
        else:
            print(", ".join(f"{n} {what}" for what, n in import_sheet(argv[1], Path(argv[2])).items()))
    elif command == "glossary":
        from i18n_glossary import glossary_problems

        for _area, locale, path in catalogs():
            for line in glossary_problems(read_catalog(path, locale), locale, shown(path)):
                print(line)
    elif command == "check":
        issues = problems()
        print("\n".join(issues) or "All messages are translated.")
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
