"""How a request's transaction begins, chosen per view: the marks a view carries and what they mean
for the request running it. The SQLite begin hook in boutique/core/db.py reads them."""

from flask import current_app, g, has_request_context, request


def lock_at_first_write(view):
    """Mark a view that reads first and writes last, re-checking what it read with its writes (the
    till's checkout: conditional claims, the day re-checked). On SQLite its reads then run without
    a transaction and BEGIN IMMEDIATE comes just before the first write, so the one write lock is
    held for the writes alone rather than for the whole request. Other databases are unaffected."""
    view.sqlite_lock_at_first_write = True
    return view


def request_locks_at_first_write() -> bool:
    return _view_marked("sqlite_lock_at_first_write")


_AUTOCOMMIT_READS = "reads_in_autocommit"


def reads_in_autocommit(view):
    """Mark a view that only reads, each statement on its own, needing no snapshot across them (the
    till's scan: who is asking, then what the code is). Its statements run in autocommit: on SQLite
    without BEGIN and COMMIT, on PostgreSQL without their two round trips. A write, should one come,
    still takes the lock first on SQLite (as lock_at_first_write); on PostgreSQL it would commit alone."""
    setattr(view, _AUTOCOMMIT_READS, True)
    return view


def request_reads_in_autocommit() -> bool:
    return _view_marked(_AUTOCOMMIT_READS)


def begin_autocommit_reads(session) -> None:
    """Run before the request's first statement: a marked view's session reads in autocommit on
    PostgreSQL (SQLite's begin hook in db.py leaves the transaction out by itself)."""
    if (request_reads_in_autocommit() and not session.in_transaction()
            and session.get_bind().dialect.name != "sqlite"):
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        g.autocommit_session = session


def end_autocommit_reads(_error=None) -> None:
    """Run as the request ends: the autocommit connection goes back to the pool, which restores its
    isolation level, even where the app context (and its session) outlives the request, as in tests."""
    session = g.pop("autocommit_session", None)
    if session is not None:
        session.close()


def _view_marked(mark: str) -> bool:
    if not has_request_context() or request.endpoint is None:
        return False
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, mark, False)


# Blueprints whose GETs only read. On SQLite they begin DEFERRED and never take the write lock, so
# neither a scan nor a report that reads a year of sales for seconds holds up a till's checkout.
READS_ONLY_ON_GET = ("api", "reports")


def request_reads_only() -> bool:
    return has_request_context() and request.method in ("GET", "HEAD") and request.blueprint in READS_ONLY_ON_GET
