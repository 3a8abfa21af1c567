"""Benchmark: the "what sells" report and the ageing report against hand-written SQL of the same figures,
on the same database in the same run.

    .venv/bin/python -m bench.reports_bench                      # 1,000,000 items and sale lines on SQLite
    .venv/bin/python -m bench.reports_bench --lines 5000         # smoke: a few seconds
    .venv/bin/python -m bench.reports_bench --scale              # 100,000 then 1,000,000: time ratio
    .venv/bin/python -m bench.reports_bench --database-url postgresql://...   # a database it may wipe

Reports: what sells, ageing, impact and the closed till days (Z-reports), over the generated two years
(bench/generate.py). Targets: each report within 1.5x of the hand-written query; 10x the data in at most
12x the time.
The hand-written queries are what one would type into psql/sqlite3: a grouped CTE for the first
price, percentile_cont() for the median on PostgreSQL (ROW_NUMBER() on SQLite, which has no
percentile), the same definitions. Both answers are compared, so the benchmark also checks the report.
"""

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from bench.generate import generate
from boutique.core.periods import Period
from boutique.reports.queries.ageing import ageing
from boutique.reports.queries.impact import impact
from boutique.reports.queries.selling import offered_counts, sold_figures
from boutique.reports.queries.till_days import closed_days
from boutique.reports.queries.weights import DEFAULT_GRAMS, typical_by_category

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


HAND_IMPACT = """
SELECT (SELECT SUM(weight_grams) FROM donations WHERE weight_grams IS NOT NULL
          AND received_at >= :start AND received_at < :end) AS weighed,
  (SELECT SUM(grams) FROM bulk_weigh_outs WHERE grade = 'recycle' AND at >= :start AND at < :end) AS out_recycled,
  (SELECT SUM(grams) FROM bulk_weigh_outs WHERE grade = 'discard' AND at >= :start AND at < :end) AS out_discarded,
  (SELECT SUM(weight_grams) FROM lot_bulk_materials WHERE at >= :start AND at < :end) AS bulk"""
# Each item move into (+) or out of (−) a fate, and each item registered (from_status NULL), by kilos.
HAND_MOVES = """
SELECT e.from_status, e.to_status, d.id IS NOT NULL AND d.weight_grams IS NULL AS unweighed, SUM({grams}) AS grams
FROM item_events e JOIN items i ON i.id = e.item_id LEFT JOIN donations d ON d.id = i.donation_id
WHERE e.at >= :start AND e.at < :end AND i.lot_id IS NULL
  AND (e.from_status IS NULL OR e.from_status IN ('sold', 'consumed', 'recycled', 'discarded')
       OR e.to_status IN ('sold', 'consumed', 'recycled', 'discarded'))
GROUP BY 1, 2, 3"""
# Weighed donations not unpacked at a moment, less the items already unpacked from them.
HAND_WAITING = """
SELECT (SELECT SUM(weight_grams) FROM donations d WHERE {open}) -
       COALESCE((SELECT SUM({grams}) FROM item_events e JOIN items i ON i.id = e.item_id
                 JOIN donations d ON d.id = i.donation_id
                 WHERE {open} AND e.from_status IS NULL AND e.at < :moment), 0)"""
_OPEN = "d.weight_grams IS NOT NULL AND d.received_at < :moment AND (d.unpacked_at IS NULL OR d.unpacked_at >= :moment)"

HAND_TILL_DAYS = """
SELECT z.business_date, t.code, z.z_number, z.receipts_count, z.net_ore, z.cash_ore, z.card_ore, z.swish_ore,
       z.variance_ore
FROM z_reports z JOIN tills t ON t.id = z.till_id
WHERE z.business_date BETWEEN :first AND :last ORDER BY z.business_date DESC, t.code"""


def _best(function, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def _params(session: Session, period: Period) -> dict:
    params = {"first": period.first, "last": period.last, "start": period.start_utc, "end": period.end_utc}
    if session.get_bind().dialect.name == "sqlite":  # stored as naive UTC text
        for key in ("start", "end"):
            params[key] = params[key].replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    return params


def what_sells_report(session: Session, period: Period, today: date):
    sold = sold_figures(session, period=period, group_by="category")
    offered = offered_counts(session, period=period, group_by="category")
    return {key: (row.items_sold, row.revenue_ore, row.asking_ore, row.median_days_to_sell, offered[key][1])
            for key, row in sold.items()}


def what_sells_by_hand(session: Session, period: Period, today: date):
    dialect = session.get_bind().dialect.name
    params = _params(session, period)
    sold = session.execute(text(HAND_SOLD[dialect]), params).all()
    offered = dict(session.execute(text(HAND_OFFERED), params).all())
    return {row.k: (row.n, int(row.revenue), int(row.asking), round(float(row.median), 1), offered[row.k])
            for row in sold}


def ageing_report(session: Session, period: Period, today: date):
    return sorted((row.category_code, row.bucket, row.items, row.asking_ore) for row in ageing(session, today=today))


def ageing_by_hand(session: Session, period: Period, today: date):
    dialect = session.get_bind().dialect.name
    codes = dict(session.execute(text("SELECT id, code FROM categories")).all())
    rows = session.execute(text(HAND_AGEING.format(age=_AGE[dialect])), {"today": today}).all()
    return sorted((codes[row.category_id], row.bucket, row.n, int(row.asking)) for row in rows)


def impact_report(session: Session, period: Period, today: date):
    found = impact(session, period=period)
    return (found.collected_grams, found.reused_sold_grams, found.reused_material_grams, found.recycled_grams,
            found.discarded_grams, found.stock_change_grams)


def impact_by_hand(session: Session, period: Period, today: date):
    typical = typical_by_category(session)
    whens = " ".join(f"WHEN {category} THEN {grams}" for category, grams in typical.items())
    grams = f"COALESCE(i.weight_grams, CASE i.category_id {whens} ELSE {DEFAULT_GRAMS} END)"
    params = _params(session, period)
    weighed, out_recycled, out_discarded, bulk = (int(v or 0) for v in
                                                  session.execute(text(HAND_IMPACT), params).one())
    fate = {"sold": 0, "consumed": 0, "recycled": 0, "discarded": 0}
    registered = unweighed = 0
    for old, new, from_unweighed, total in session.execute(text(HAND_MOVES.format(grams=grams)), params):
        if old is None:
            registered += int(total)
            unweighed += int(total) if from_unweighed else 0
        elif old in fate:
            fate[old] -= int(total)
        if new in fate:
            fate[new] += int(total)
    waiting = [int(session.scalar(text(HAND_WAITING.format(open=_OPEN, grams=grams)), {"moment": params[key]}) or 0)
               for key in ("start", "end")]
    return (weighed + unweighed, fate["sold"], fate["consumed"] + bulk, fate["recycled"] + out_recycled,
            fate["discarded"] + out_discarded, registered - sum(fate.values()) + waiting[1] - waiting[0])


def till_days_report(session: Session, period: Period, today: date):
    """What the "closed till days" page loads (reports/queries/till_days.closed_days)."""
    return [tuple(row[1:]) for row in closed_days(session, period=period)]


def till_days_by_hand(session: Session, period: Period, today: date):
    rows = session.execute(text(HAND_TILL_DAYS), {"first": period.first, "last": period.last}).all()
    return [(row[0] if isinstance(row[0], date) else date.fromisoformat(row[0]), *row[1:]) for row in rows]


REPORTS = (("what sells (by category)", what_sells_report, what_sells_by_hand),
           ("ageing (by category and bucket)", ageing_report, ageing_by_hand),
           ("impact (kg in and out)", impact_report, impact_by_hand),
           ("closed till days (Z-reports)", till_days_report, till_days_by_hand))


REPORT_NAMES = tuple(name for name, _, _ in REPORTS)


def measure(session: Session, *, period: Period, today: date, repeat: int = 3,
            names: tuple[str, ...] = REPORT_NAMES) -> list[dict]:
    """Time each report and its hand-written twin; check they give the same figures."""
    results = []
    for name, ours, theirs in REPORTS:
        if name not in names:
            continue
        theirs_time, expected = _best(lambda f=theirs: f(session, period, today), repeat)
        session.rollback()
        ours_time, got = _best(lambda f=ours: f(session, period, today), repeat)
        session.rollback()
        results.append({"report": name, "report_s": ours_time, "sql_s": theirs_time,
                        "ratio": ours_time / theirs_time if theirs_time else 0.0, "same": got == expected})
    return results


def period_of(data) -> tuple[Period, date]:
    """The generated history's days, and the day after it (reports run "today")."""
    return Period(data.first_day, data.last_day), data.last_day + timedelta(days=1)


def run(url: str, lines: int, repeat: int, names: tuple[str, ...] = REPORT_NAMES) -> list[dict]:
    from boutique import create_app
    from boutique.extensions import db

    data = generate(url, items=lines, lines=lines)
    period, today = period_of(data)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "SQLITE_BEGIN_MODE": "DEFERRED"})
    with app.app_context():
        print(f"{data.lines:,} sale lines ({data.items:,} items, {data.receipts:,} receipts) "
              f"generated in {data.seconds:.1f} s on {db.engine.dialect.name}")
        results = measure(db.session, repeat=repeat, period=period, today=today, names=names)
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
