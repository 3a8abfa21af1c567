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


def test_a_phase_whose_tills_run_out_of_items_ends_early_and_is_timed_to_its_last_answer():
    import time

    from bench.till_bench import run_phase

    def sell_five(worker, n):
        if n >= 5:
            return None  # this till's slice is sold
        time.sleep(0.01)
        return True

    started = time.perf_counter()
    phase = run_phase("checkout", threads=3, seconds=30, work=sell_five)
    assert time.perf_counter() - started < 5  # not the 30 s asked for
    assert len(phase.latencies) == 15 and phase.errors == 0
    # 5 sequential 10 ms sales per till: about 0.05 s, so about 300 per second (idle time would dilute it).
    assert 0.04 <= phase.seconds < 1 and phase.throughput > 15
