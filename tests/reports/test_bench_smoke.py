"""The report benchmark in miniature: a few thousand generated sale lines, and the reports give the same
figures as the hand-written SQL the benchmark times them against."""

from bench.generate_sales import generate
from bench.reports_bench import measure


def test_reports_equal_hand_written_sql_on_generated_data(session):
    made = generate(session, lines=2000, seed=3)
    assert made["items"] == 2400
    results = measure(session, repeat=1)
    assert [row["report"] for row in results] == ["what sells (by category)", "ageing (by category and bucket)"]
    assert all(row["same"] for row in results), results
