"""Translation catalogs: one per area that has ``boutique/<area>/translations``, plus the core one.

    python scripts/i18n.py update    # extract messages, update each sv catalog (keeps translations)
    python scripts/i18n.py compile   # write the .mo files the app loads
    python scripts/i18n.py check     # fail if any message lacks a Swedish translation
    python scripts/i18n.py fill PO T.py   # write translations from a file holding a dict T

Messages are written in English; Swedish is the translation. An area's catalog holds the messages
of ``boutique/<area>/**/*.py`` and ``templates/<area>/**``; the core catalog holds everything else.
"""

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.checkers import python_format
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "boutique"
TEMPLATES = ROOT / "templates"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
LOCALES = ("sv",)


sys.path.insert(0, str(ROOT))
from boutique.i18n import translation_directories  # noqa: E402


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
    template = Catalog(project="boutique", fuzzy=False)
    for method, path in sources(area):
        options = {"extensions": "jinja2.ext.do", "trimmed": "true"} if method.startswith("jinja2") else {}
        for lineno, message, comments, context in extract_from_file(
                method, str(path), keywords=KEYWORDS, options=options):
            template.add(message, None, [(str(path.relative_to(ROOT)), lineno)],
                         auto_comments=comments, context=context)
    return template


def _po_path(area: str | None, locale: str) -> Path:
    return catalog_dir(area) / locale / "LC_MESSAGES" / "messages.po"


def update() -> None:
    for area in [None, *areas()]:
        template = extract(area)
        for locale in LOCALES:
            path = _po_path(area, locale)
            if path.exists():
                with path.open("rb") as handle:
                    catalog = read_po(handle, locale=locale)
            else:
                catalog = Catalog(locale=locale, project="boutique")
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(handle, catalog, width=100, omit_header=False, sort_output=True)
            print(f"{path.relative_to(ROOT)}: {len(catalog)} messages")


def compile_all() -> None:
    for area in [None, *areas()]:
        for locale in LOCALES:
            path = _po_path(area, locale)
            if not path.exists():
                continue
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=locale)
            buffer = BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            path.with_suffix(".mo").write_bytes(buffer.getvalue())


def problems() -> list[str]:
    """Untranslated, fuzzy or placeholder-mismatched messages, and messages missing from catalogs."""
    found = []
    for area in [None, *areas()]:
        template = extract(area)
        for locale in LOCALES:
            path = _po_path(area, locale)
            if not path.exists():
                found.append(f"{path.relative_to(ROOT)} is missing")
                continue
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=locale)
            for message in template:
                if not message.id:
                    continue
                translated = catalog.get(message.id, context=message.context)
                where = f"{path.relative_to(ROOT)}: {message.id!r}"
                if translated is None:
                    found.append(f"{where} is not in the catalog (run scripts/i18n.py update)")
                elif translated.fuzzy or not translated.string or (
                        isinstance(translated.string, tuple) and not all(translated.string)):
                    found.append(f"{where} has no Swedish translation")
                else:
                    try:
                        python_format(catalog, translated)
                    except Exception as error:
                        found.append(f"{where}: {error}")
    return found


def fill(po_path: Path, translations: dict[str, str]) -> int:
    """Write Swedish translations into a catalog (used when adding many messages at once)."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale="sv")
    filled = 0
    for message in catalog:
        if message.id and message.id in translations:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
            filled += 1
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True)
    return filled


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "fill":
        # scripts/i18n.py fill path/to/sv/messages.po translations.py  (a dict named T)
        namespace: dict = {}
        exec(Path(sys.argv[3]).read_text(encoding="utf-8"), namespace)  # noqa: S102  (developer tool)
        print(f"filled {fill(Path(sys.argv[2]), namespace['T'])}")
    elif command == "check":
        issues = problems()
        print("\n".join(issues) or "All messages are translated.")
        sys.exit(1 if issues else 0)
    else:
        sys.exit(__doc__)

