"""The catalogs in six languages: the check that `make lint` runs, the translators' import, and the review
sheet for native speakers, exercised on copies of the catalogs (scripts/i18n.py and its helpers)."""

import csv
import importlib
import re
import shutil
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Message

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
i18n = importlib.import_module("i18n")
checks = importlib.import_module("i18n_checks")
review = importlib.import_module("i18n_review")


def test_every_message_of_a_participant_screen_is_in_all_six_languages_and_keeps_its_placeholders():
    found = i18n.problems()
    assert not found, f"{len(found)} problems (scripts/i18n.py check):\n" + "\n".join(found[:40])


@pytest.fixture
def catalogs(tmp_path, monkeypatch):
    """The repository's catalogs copied aside; scripts/i18n.py works on the copies."""
    for area in [None, *i18n.areas()]:
        shutil.copytree(i18n.catalog_dir(area), tmp_path / (area or "core"), ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "catalog_dir", lambda area: tmp_path / (area or "core"))
    return tmp_path


def _message(locale: str, msgid: str, area: str | None = None) -> Message:
    return i18n.read_catalog(i18n.po_path(area, locale), locale).get(msgid)


def _set(locale: str, msgid: str, string, *, area: str | None = None, reviewed: bool = True) -> None:
    path = i18n.po_path(area, locale)
    catalog = i18n.read_catalog(path, locale)
    message = catalog.get(msgid)
    message.string = string
    (message.flags.discard if reviewed else message.flags.add)(i18n.UNREVIEWED)
    i18n.write_catalog(path, catalog)


@pytest.mark.parametrize(("msgid", "string", "problem"), [
    ("Till %(till)s", "Kassa", "loses %(till)s"),
    ("Till %(till)s", "Kassa %(kassa)s", "has %(kassa)s, which the English has not"),
    ("Till %(till)s", "Kassa %(till)d", "loses %(till)s"),
    ("Till %(till)s", "100% kassa %(till)s", "lone %"),
])
def test_a_translation_that_breaks_a_placeholder_is_named(msgid, string, problem):
    found = checks.message_problems(Message(msgid, string, flags={"python-format"}), 2)
    assert any(problem in line for line in found), found


def test_plural_forms_are_counted_and_only_the_count_may_be_left_out():
    english = ("%(num)d item in %(place)s", "%(num)d items in %(place)s")
    fine = ("لا قطع في %(place)s", "قطعة في %(place)s", "قطعتان في %(place)s", "%(num)d قطع في %(place)s",
            "%(num)d قطعة في %(place)s", "%(num)d قطعة في %(place)s")
    assert checks.message_problems(Message(english, fine), 6) == []
    assert "has 2 plural forms, the language has 6" in checks.message_problems(Message(english, fine[:2]), 6)
    lost_place = (*fine[:5], "%(num)d قطعة")
    assert checks.message_problems(Message(english, lost_place), 6) == ["plural form 5 loses %(place)s"]
    lost_count = (*fine[:5], "قطعة في %(place)s")
    assert checks.message_problems(Message(english, lost_count), 6) == ["plural form 5 loses %(num)d"]


def test_the_check_names_a_missing_participant_message_and_a_lost_placeholder(catalogs):
    _set("ti", "Till %(till)s", "", area="sales")
    _set("so", "Till %(till)s", "Khasnad", area="sales")
    found = "\n".join(i18n.problems())
    assert "ti/LC_MESSAGES/messages.po: 'Till %(till)s' has no ti translation (on: Till:" in found
    assert "so/LC_MESSAGES/messages.po: 'Till %(till)s': the translation loses %(till)s" in found


def test_a_supervisor_page_message_may_fall_back_to_swedish(catalogs):
    _set("fa", "Add a person", "", area=None)
    assert not [line for line in i18n.problems() if "'Add a person'" in line]
    _set("sv", "Add a person", "", area=None)
    found = [line for line in i18n.problems() if "'Add a person'" in line]
    assert found and found[0].endswith("'Add a person' has no sv translation (on: People (supervisors))"), found


def test_import_marks_unreviewed_keeps_reviewed_refuses_broken_and_runs_again(catalogs):
    _set("ar", "Save", "حفظ", reviewed=True)
    translations = {"Save": "احفظ", "Cancel": "إلغاء الأمر", "Till %(till)s": "الصندوق",
                    "Pay": "ادفع"}
    _set("ar", "Cancel", "", area=None)
    _set("ar", "Pay", "قديم", area="sales", reviewed=False)
    counts = i18n.import_translations(translations, "ar")
    assert counts["refused"] >= 1  # the till's name would be lost
    assert _message("ar", "Save").string == "حفظ"  # a native speaker's word stays
    assert _message("ar", "Cancel").string == "إلغاء الأمر" and i18n.UNREVIEWED in _message("ar", "Cancel").flags
    assert _message("ar", "Pay", "sales").string == "ادفع"  # an unreviewed one is replaced
    assert _message("ar", "Till %(till)s", "sales").string != "الصندوق"
    again = i18n.import_translations(translations, "ar")
    assert again["imported"] == 0 and again["unchanged"] >= 2
    i18n.import_translations(translations, "ar", replace_reviewed=True)
    assert _message("ar", "Save").string == "احفظ"


def test_review_sheet_goes_out_and_corrections_come_back(catalogs, tmp_path):
    _set("so", "Cancel", "Jooji", area=None, reviewed=False)
    _set("so", "Pay", "Bixi", area="sales", reviewed=False)
    _set("so", "Till %(till)s", "Khasnadda %(till)s", area="sales", reviewed=False)
    sheet = tmp_path / "so.csv"
    assert review.export_sheet("so", sheet) > 100
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cancel = next(row for row in rows if row["english"] == "Cancel")
    assert cancel["status"] == "unreviewed" and cancel["swedish"] == "Avbryt" and cancel["translation"] == "Jooji"
    pay = next(row for row in rows if row["english"] == "Pay")
    assert "Till" in pay["where"] and pay["screenshot"].endswith("-till-so.png")
    cancel["ok"] = "x"
    pay["correction"] = "Lacag bixi"
    next(row for row in rows if row["english"] == "Till %(till)s")["correction"] = "Khasnadda"  # loses the till
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, review.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    counts = review.import_sheet("so", sheet)
    assert counts["corrected"] >= 1 and counts["approved"] >= 1 and counts["refused"] >= 1
    assert i18n.UNREVIEWED not in _message("so", "Cancel").flags and _message("so", "Cancel").string == "Jooji"
    pay = _message("so", "Pay", "sales")
    assert pay.string == "Lacag bixi" and i18n.UNREVIEWED not in pay.flags
    till = _message("so", "Till %(till)s", "sales")
    assert till.string == "Khasnadda %(till)s" and i18n.UNREVIEWED in till.flags


def test_every_message_says_on_which_screen_it_appears(catalogs):
    message = _message("ti", "Pay", "sales")
    assert "Screen: Till: scan, cart, total and Pay." in message.auto_comments
    assert "Screenshot: test-artifacts/screenshots/tour/lang-till-till-ti.png" in message.auto_comments


def test_every_screenshot_a_translator_comment_names_is_one_the_language_tour_takes():
    screens = importlib.import_module("i18n_screens")
    tour = (ROOT / "tests" / "e2e" / "test_tour_languages.py").read_text(encoding="utf-8")
    taken = {f"lang-{name}" for name in re.findall(r'visit\.look\("([\w-]+)"', tour)}
    named = {screen.shot for screen in screens.SCREENS if screen.shot}
    assert named <= taken, sorted(named - taken)
