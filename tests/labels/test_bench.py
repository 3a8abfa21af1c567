"""The labels benchmark still runs (a smoke test with three labels; never a timing assertion)."""

from bench import labels_bench


def test_labels_benchmark_runs_and_prints_its_table():
    results = labels_bench.run(labels=3, repeat=1)
    assert results[0].name.startswith("bare")
    assert len(results) == 4 and all(result.per_second > 0 for result in results)
    table = labels_bench.table(results)
    assert table.startswith("| render |") and len(table.splitlines()) == 2 + len(results)
