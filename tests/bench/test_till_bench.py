"""The till benchmark's own command still runs end to end on a tiny generated database."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[2]


def test_till_benchmark_smoke_run_measures_every_phase_without_errors(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bench.till_bench", "--items", "2000", "--seconds", "1", "--tills", "4",
         "--workers", "2", "--database-url", f"sqlite:///{tmp_path / 'bench.sqlite3'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    for phase in ("| health |", "| scan |", "| checkout |"):
        assert phase in result.stdout
    assert "errors = 0 (target 0) ok" in result.stdout, result.stdout
