"""SQL building blocks the reports share, rendered for SQLite and PostgreSQL alike.

Dates are the hard part: timestamps are stored in UTC, reports count Stockholm days. PostgreSQL
converts with its time-zone database; SQLite has none, so the EU summer-time rule (last Sunday of
March to last Sunday of October, switching at 01:00 UTC, in force since 1996) is written out in SQL.
Medians use ROW_NUMBER()/COUNT() windows, which both databases have (SQLite has no percentile).
"""

from sqlalchemy import Date, Float, Integer, and_, case, func, literal_column, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


class local_date(FunctionElement):
    """The Stockholm calendar date of a UTC timestamp column. Give it a plain column, not a subquery:
    SQLite repeats the argument."""

    type = Date()
    inherit_cache = True
    name = "local_date"


@compiles(local_date, "postgresql")
def _local_date_pg(element, compiler, **kw):
    (moment,) = element.clauses
    return f"CAST(timezone('Europe/Stockholm', {compiler.process(moment, **kw)}) AS DATE)"


@compiles(local_date)
def _local_date_sqlite(element, compiler, **kw):
    (moment,) = element.clauses
    x = compiler.process(moment, **kw)
    summer = (f"{x} >= date(strftime('%Y', {x}) || '-03-25', 'weekday 0') || ' 01:00:00' AND "
              f"{x} < date(strftime('%Y', {x}) || '-10-25', 'weekday 0') || ' 01:00:00'")
    return f"date({x}, CASE WHEN {summer} THEN '+2 hours' ELSE '+1 hours' END)"


class day_number(FunctionElement):
    """Days since 2000-01-01 of a date: differences of two are whole days on both databases."""

    type = Integer()
    inherit_cache = True
    name = "day_number"


@compiles(day_number, "postgresql")
def _day_number_pg(element, compiler, **kw):
    (day,) = element.clauses
    return f"(CAST({compiler.process(day, **kw)} AS DATE) - DATE '2000-01-01')"


@compiles(day_number)
def _day_number_sqlite(element, compiler, **kw):
    (day,) = element.clauses
    return f"CAST(ROUND(julianday({compiler.process(day, **kw)}) - 2451544.5) AS INTEGER)"


class week_start(FunctionElement):
    """The Monday of a date's ISO week."""

    type = Date()
    inherit_cache = True
    name = "week_start"


@compiles(week_start, "postgresql")
def _week_start_pg(element, compiler, **kw):
    (day,) = element.clauses
    return f"CAST(date_trunc('week', CAST({compiler.process(day, **kw)} AS DATE)) AS DATE)"


@compiles(week_start)
def _week_start_sqlite(element, compiler, **kw):
    (day,) = element.clauses
    return f"date({compiler.process(day, **kw)}, '-6 days', 'weekday 1')"


class days_between(FunctionElement):
    """Fractional days from the first UTC timestamp to the second."""

    type = Float()
    inherit_cache = True
    name = "days_between"


@compiles(days_between, "postgresql")
def _days_between_pg(element, compiler, **kw):
    first, second = element.clauses
    return (f"(EXTRACT(EPOCH FROM ({compiler.process(second, **kw)} - {compiler.process(first, **kw)}))"
            " / 86400.0)")


@compiles(days_between)
def _days_between_sqlite(element, compiler, **kw):
    first, second = element.clauses
    return f"(julianday({compiler.process(second, **kw)}) - julianday({compiler.process(first, **kw)}))"


def median_window(value, key) -> list:
    """Window columns for a median inside a GROUP BY key: each row's rank by value within its key
    (NULLs last on both databases) and the number of values the key has."""
    # One window for both (same order and frame), so PostgreSQL sorts the rows once.
    window = {"partition_by": key, "order_by": value.asc().nulls_last(), "rows": (None, None)}
    return [func.row_number().over(**window).label("rn"), func.count(value).over(**window).label("n_values")]


def median_of(value, rank, count):
    """Aggregate: the middle value (or the mean of the two middle ones) of rows ranked by :func:`median_window`."""
    middle = rank.in_([(count + 1) // 2, (count + 2) // 2])
    return func.avg(case((middle, value * literal_column("1.0"))))


def medians(values, key_column: str, value_column: str):
    """``SELECT key, median(value) FROM values GROUP BY key`` from a subquery with those two columns:
    the middle row (or the mean of the two middle rows) by ROW_NUMBER() within each key."""
    key, value = values.c[key_column], values.c[value_column]
    ranked = (select(key.label("k"), value.label("v"),
                     func.row_number().over(partition_by=key, order_by=value).label("rn"),
                     func.count().over(partition_by=key).label("n"))
              .where(value.is_not(None)).subquery("ranked"))
    middle = ranked.c.rn.in_([(ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2])
    return select(ranked.c.k, func.avg(ranked.c.v * literal_column("1.0")).label("median")) \
        .where(middle).group_by(ranked.c.k)


def during(column, period):
    """A UTC timestamp column inside a report's period (its Stockholm days, end exclusive)."""
    return and_(column >= period.start_utc, column < period.end_utc)


def ratio(numerator, denominator, places: int = 4) -> float:
    """A ratio rounded for reports (0 when there is nothing to divide by). Ratios are not money."""
    if not denominator:
        return 0.0
    return round(float(numerator) / float(denominator), places)


def rounded(value, places: int = 1) -> float | None:
    return None if value is None else round(float(value), places)


def without_jit(session) -> None:
    """PostgreSQL: no JIT compilation for the rest of this transaction. The planner overestimates the
    report queries (a correlated fallback that rarely runs) and would spend seconds compiling them,
    more than the queries themselves take; measured in bench/reports_bench.py."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))
