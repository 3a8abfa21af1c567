"""Benchmark: the "what sells" report and the ageing report against hand-written SQL of the same figures,
on the same database in the same run.

    .venv/bin/python -m bench.reports_bench                      # 1,000,000 sale lines on SQLite
    .venv/bin/python -m bench.reports_bench --lines 5000         # smoke: a few seconds
    .venv/bin/python -m bench.reports_bench --scale              # 100,000 then 1,000,000: time ratio
    .venv/bin/python -m bench.reports_bench --database-url postgresql://...   # a database it may wipe

Targets: the report within 1.5x of the hand-written query; 10x the data in at most 12x the time.
The hand-written queries are what one would type into psql/sqlite3: a grouped CTE for the first
price, percentile_cont() for the median on PostgreSQL (ROW_NUMBER() on SQLite, which has no
percentile), the same definitions. Both answers are compared, so the benchmark also checks the report.
"""

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from bench.generate_sales import DAYS, FIRST_DAY, generate
from boutique.reports.ageing import ageing
from boutique.reports.periods import Period
from boutique.reports.selling import offered_counts, sold_figures

PERIOD = Period(FIRST_DAY, FIRST_DAY + timedelta(days=DAYS - 1))
TODAY = FIRST_DAY + timedelta(days=DAYS + 30)

_SQLITE_LOCAL = ("date({x}, CASE WHEN {x} >= date(strftime('%Y', {x}) || '-03-25', 'weekday 0') || ' 01:00:00' "
                 "AND {x} < date(strftime('%Y', {x}) || '-10-25', 'weekday 0') || ' 01:00:00' "
                 "THEN '+2 hours' ELSE '+1 hours' END)")

HAND_SOLD = {
    "sqlite": f"""
WITH fp AS (SELECT item_id, MIN(at) AS at FROM item_events WHERE event = 'priced' GROUP BY item_id),
raw AS (
  SELECT c.code AS k, sl.amount_ore AS amount, sl.asking_ore AS line_asking, sl.price_ore AS line_price,
         COALESCE(i.first_price_ore, i.price_ore) AS first_asking, s.sales_day,
         COALESCE(fp.at, i.priced_at) AS first_at
  FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id JOIN items i ON i.id = sl.item_id
  JOIN categories c ON c.id = i.category_id LEFT JOIN fp ON fp.item_id = i.id
  WHERE sl.item_id IS NOT NULL AND NOT sl.is_return AND NOT sl.training AND NOT sl.returned
    AND s.sales_day BETWEEN :first AND :last),
sold AS (SELECT k, amount, line_asking, line_price, first_asking,
                CAST(ROUND(julianday(sales_day) - julianday({_SQLITE_LOCAL.format(x="first_at")})) AS INTEGER) AS days
         FROM raw),
ranked AS (SELECT k, days, ROW_NUMBER() OVER (PARTITION BY k ORDER BY days) AS rn,
                  COUNT(*) OVER (PARTITION BY k) AS n FROM sold)
SELECT t.k, t.n, t.revenue, t.asking, t.shelf_asking, t.shelf_price, m.median
FROM (SELECT k, COUNT(*) AS n, SUM(amount) AS revenue, SUM(first_asking) AS asking,
             SUM(line_asking) AS shelf_asking, SUM(line_price) AS shelf_price FROM sold GROUP BY k) t
LEFT JOIN (SELECT k, AVG(days) AS median FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY k) m
  ON m.k = t.k""",
    "postgresql": """
WITH fp AS (SELECT item_id, MIN(at) AS at FROM item_events WHERE event = 'priced' GROUP BY item_id)
SELECT c.code AS k, COUNT(*) AS n, SUM(sl.amount_ore) AS revenue,
       SUM(COALESCE(i.first_price_ore, i.price_ore)) AS asking,
       SUM(sl.asking_ore) AS shelf_asking, SUM(sl.price_ore) AS shelf_price,
       percentile_cont(0.5) WITHIN GROUP (
         ORDER BY s.sales_day - CAST(timezone('Europe/Stockholm', COALESCE(fp.at, i.priced_at)) AS DATE)) AS median
FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id JOIN items i ON i.id = sl.item_id
JOIN categories c ON c.id = i.category_id LEFT JOIN fp ON fp.item_id = i.id
WHERE sl.item_id IS NOT NULL AND NOT sl.is_return AND NOT sl.training AND NOT sl.returned
  AND s.sales_day BETWEEN :first AND :last
GROUP BY c.code""",
}

HAND_OFFERED = """
SELECT c.code AS k, COUNT(*) AS n FROM items i JOIN categories c ON c.id = i.category_id
WHERE (i.priced_at IS NOT NULL OR i.first_price_ore IS NOT NULL)
  AND (i.priced_at < :end OR EXISTS (SELECT 1 FROM item_events e
                                     WHERE e.item_id = i.id AND e.event = 'priced' AND e.at < :end))
  AND NOT EXISTS (SELECT 1 FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id
                  WHERE sl.item_id = i.id AND NOT sl.is_return AND NOT sl.training AND NOT sl.returned
                    AND s.sales_day < :first)
GROUP BY c.code"""

_AGE = {
    "sqlite": f"CAST(ROUND(julianday(:today) - julianday({_SQLITE_LOCAL.format(x='priced_at')})) AS INTEGER)",
    "postgresql": "(CAST(:today AS DATE) - CAST(timezone('Europe/Stockholm', priced_at) AS DATE))",
}
HAND_AGEING = """
SELECT category_id, CASE WHEN d <= 21 THEN '0-21' WHEN d <= 42 THEN '22-42' WHEN d <= 90 THEN '43-90'
                         ELSE '90+' END AS bucket, COUNT(*) AS n, SUM(price_ore) AS asking, MAX(d) AS oldest
FROM (SELECT category_id, price_ore, {age} AS d FROM items
      WHERE status = 'for_sale' AND priced_at IS NOT NULL) shelf
GROUP BY 1, 2"""


def _best(function, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def what_sells_report(session: Session):
    sold = sold_figures(session, period=PERIOD, group_by="category")
    offered = offered_counts(session, period=PERIOD, group_by="category")
    return {key: (row.items_sold, row.revenue_ore, row.asking_ore, row.median_days_to_sell, offered[key][1])
            for key, row in sold.items()}


def what_sells_by_hand(session: Session):
    dialect = session.get_bind().dialect.name
    params = {"first": PERIOD.first, "last": PERIOD.last, "end": PERIOD.end_utc}
    if dialect == "sqlite":
        params["end"] = PERIOD.end_utc.replace(tzinfo=None).isoformat(sep=" ")
    sold = session.execute(text(HAND_SOLD[dialect]), params).all()
    offered = dict(session.execute(text(HAND_OFFERED), params).all())
    return {row.k: (row.n, int(row.revenue), int(row.asking), round(float(row.median), 1), offered[row.k])
            for row in sold}


def ageing_report(session: Session):
    return sorted((row.category_code, row.bucket, row.items, row.asking_ore) for row in ageing(session, today=TODAY))


def ageing_by_hand(session: Session):
    dialect = session.get_bind().dialect.name
    codes = dict(session.execute(text("SELECT id, code FROM categories")).all())
    rows = session.execute(text(HAND_AGEING.format(age=_AGE[dialect])), {"today": TODAY}).all()
    return sorted((codes[row.category_id], row.bucket, row.n, int(row.asking)) for row in rows)


def measure(session: Session, *, repeat: int = 3) -> list[dict]:
    """Time each report and its hand-written twin; check they give the same figures."""
    results = []
    for name, ours, theirs in (("what sells (by category)", what_sells_report, what_sells_by_hand),
                               ("ageing (by category and bucket)", ageing_report, ageing_by_hand)):
        theirs_time, expected = _best(lambda f=theirs: f(session), repeat)
        ours_time, got = _best(lambda f=ours: f(session), repeat)
        session.rollback()
        results.append({"report": name, "report_s": ours_time, "sql_s": theirs_time,
                        "ratio": ours_time / theirs_time if theirs_time else 0.0, "same": got == expected})
    return results


def build(url: str, lines: int) -> tuple[object, dict]:
    from boutique import create_app
    from boutique.catalog.taxonomy import seed_standard_taxonomy
    from boutique.extensions import db

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "SQLITE_BEGIN_MODE": "DEFERRED"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        seed_standard_taxonomy(db.session)
        db.session.commit()
        started = time.perf_counter()
        made = generate(db.session, lines=lines)
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        made["generate_s"] = time.perf_counter() - started
    return app, made


def run(url: str, lines: int, repeat: int) -> list[dict]:
    from boutique.extensions import db

    app, made = build(url, lines)
    with app.app_context():
        print(f"{lines:,} sale lines ({made['items']:,} items, {made['receipts']:,} receipts) "
              f"generated in {made['generate_s']:.1f} s on {db.engine.dialect.name}")
        results = measure(db.session, repeat=repeat)
        db.engine.dispose()
    for row in results:
        print(f"  {row['report']:<34} report {row['report_s']:8.3f} s   hand-written SQL {row['sql_s']:8.3f} s   "
              f"ratio {row['ratio']:5.2f}   same figures: {'yes' if row['same'] else 'NO'}")
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--database-url", help="a database the benchmark may wipe (default: a temporary SQLite)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", action="store_true", help="run lines/10 then lines and compare the times")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        sizes = [args.lines // 10, args.lines] if args.scale else [args.lines]
        runs = [run(url, size, args.repeat) for size in sizes]
    # Every run must agree with the hand-written SQL; the 1.5x target is judged at the full size.
    ok = all(row["same"] for result in runs for row in result) and all(row["ratio"] <= 1.5 for row in runs[-1])
    if args.scale:
        for small, big in zip(runs[0], runs[1], strict=True):
            growth = big["report_s"] / small["report_s"] if small["report_s"] else 0.0
            print(f"  {small['report']:<34} 10x the data: {growth:5.1f}x the time (target <= 12x)")
            ok = ok and growth <= 12
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
