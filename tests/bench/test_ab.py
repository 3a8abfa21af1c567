"""The A/B harness end to end at a tiny size, this tree on both sides: it generates, serves each side
from its own gunicorn, prints the table and the judgements, and a second run reuses the data, selling
items the first run left unsold."""

import sys
from pathlib import Path

from bench.ab import main
from bench.ab_setup import Store, database_url

ROOT = Path(__file__).resolve().parents[2]


def run_ab(*extra: str) -> int:
    return main(["--before", str(ROOT), "--after", str(ROOT), "--python-before", sys.executable,
                 "--python-after", sys.executable, "--tills", "2", "--seconds", "0.3", "--workers", "2",
                 "--per-run", "30", "--rounds", "1", *extra])


def test_ab_generates_once_then_prints_the_table_and_judgements_on_the_reused_data(tmp_path, capsys):
    data = tmp_path / "ab.sqlite3"
    assert run_ab("--data", str(data), "--items", "600", "--rounds", "0") == 0
    assert "generated 600 items" in capsys.readouterr().out
    assert Store(database_url(str(data))).read()["next"] == 1

    assert run_ab("--data", str(data), "--reuse", "--output", str(tmp_path / "ab.md")) == 0
    out = capsys.readouterr().out
    assert "reusing 600 items" in out and "next unsold 1)" in out
    assert "run 1/2 before" in out and "run 2/2 after" in out
    assert "| checkout server CPU per request (ms, median) |" in out
    assert "checkout server CPU per request, after / before = " in out
    assert "scan p95 / health p95, after = " in out
    assert "errors = 0 ok" in out
    assert (tmp_path / "ab.md").read_text().startswith("600 items · SQLite · 2 tills")
    assert Store(database_url(str(data))).read()["next"] == 1 + 2 * 30  # each run sold its own 30
