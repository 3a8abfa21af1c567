"""Pictograms beside words: every pipeline step and every standard category has one, drawn in the sprite,
and the participant's home, the unpacking keys and the queues show them (the till's:
tests/sales/test_till_languages.py)."""

import re
from pathlib import Path

from boutique.catalog.taxonomy import STANDARD_TAXONOMY
from boutique.web.pictograms import CATEGORIES, STEPS, category_symbol

SPRITE = Path(__file__).resolve().parent.parent / "static" / "pictograms" / "pictograms.svg"


def _symbols() -> set[str]:
    return set(re.findall(r'<symbol id="([\w-]+)"', SPRITE.read_text(encoding="utf-8")))


def test_every_standard_category_and_step_has_a_pictogram_in_the_sprite():
    assert {code for code, *_ in STANDARD_TAXONOMY} <= set(CATEGORIES)
    assert {"unpack", "wash", "sort", "value", "price", "labels", "till", "return"} <= set(STEPS)
    assert set(CATEGORIES.values()) | set(STEPS.values()) <= _symbols()
    assert (SPRITE.parent / "LICENSE-lucide.txt").exists() and "ISC" in (SPRITE.parent / "README.md").read_text()


def test_a_new_category_shows_its_parents_pictogram(session):
    from boutique.catalog.models import Category

    parent = session.query(Category).filter_by(code="women").one()
    assert category_symbol(Category(code="women-capes", parent=parent)) == "dress"
    assert category_symbol(Category(code="odd")) == "tag"


def test_home_queues_and_unpacking_keys_show_pictograms(client, login_as, make_location):
    make_location("SKH")
    login_as("participant")
    home = client.get("/").get_data(as_text=True)
    for symbol in ("washing-machine", "split", "coins", "tag", "store"):
        assert f'pictograms.svg#{symbol}"' in home, symbol
    assert 'pictograms.svg#washing-machine"' in client.get("/pipeline/wash").get_data(as_text=True)
    client.post("/donations/new", data={"source": "drop_off", "location": "SKH", "bags": "1"})
    unpack = client.get("/donations/1").get_data(as_text=True)
    assert re.search(r'class="button button-secondary shortcut"[^>]*>\s*<kbd>1</kbd> <svg class="pictogram', unpack)
