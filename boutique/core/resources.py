"""Where the templates, the static files (label fonts among them) and the migrations are: beside the package in
a checkout or an editable install, inside it when installed from a wheel (setup.py puts them there)."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # boutique/, this module being in boutique/core/


def folder(name: str) -> Path:
    """``templates``, ``static`` or ``migrations``, wherever this install keeps it."""
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name
