"""Where each message appears, for translators and reviewers: source file -> screen.

``scripts/i18n.py update`` writes, for every message, an automatic comment (``#.``) naming the screen of
each file it comes from and the screenshot of the language tour that shows it
(``test-artifacts/screenshots/tour/<shot>-till-<language>.png``, made by tests/e2e/test_tour_languages.py).
The ``participant`` flag marks the screens participants use: their messages must be translated into
every language (``scripts/i18n.py check``); the others (supervisors' and admins' pages) may fall back
to Swedish. The table, one row a screen with its templates and modules, is i18n_screens.toml.
"""

import tomllib
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path


@dataclass(frozen=True)
class Screen:
    name: str
    files: tuple[str, ...]  # its templates and modules (patterns)
    shot: str | None = None  # the language tour's screenshot name
    participant: bool = True


SHOT_FOLDER = "test-artifacts/screenshots/tour"
TABLE = Path(__file__).with_name("i18n_screens.toml")
SCREENS = [Screen(**{**row, "files": tuple(row["files"])})
           for row in tomllib.loads(TABLE.read_text("utf-8"))["screens"]]


def screen_of(path: str) -> Screen:
    """The screen a source file (a path relative to the repository) belongs to."""
    return next(screen for screen in SCREENS if any(fnmatch(path, pattern) for pattern in screen.files))


def shot_path(screen: Screen, language: str) -> str:
    return f"{SHOT_FOLDER}/{screen.shot}-till-{language}.png" if screen.shot else ""


def where_comment(paths: list[str]) -> list[str]:
    """The automatic comments for a message found in ``paths``: each screen once, with its screenshot.
    ``{lang}`` stands for the catalog's language (filled in when each catalog is written)."""
    comments = []
    for screen in dict.fromkeys(screen_of(path) for path in paths):
        comments.append(f"Screen: {screen.name}.")
        if screen.shot:
            comments.append(f"Screenshot: {shot_path(screen, '{lang}')}")
    return list(dict.fromkeys(comments))


def screen_names(paths: list[str]) -> list[str]:
    return list(dict.fromkeys(screen_of(path).name for path in paths))


def is_participant_message(paths: list[str]) -> bool:
    return any(screen_of(path).participant for path in paths)
