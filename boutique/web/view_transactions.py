"""How a request's transaction begins, declared by its view: the marks a view carries, and the hooks
that declare them (core/transactions.py) for the request running it. Views without a mark begin as
the engine does (SQLite: BEGIN IMMEDIATE)."""

from flask import Flask, current_app, g, request

from boutique.core.transactions import Begin, declare_begin, declared_begin, forget_begin

_BEGINS = "begins"


def lock_at_first_write(view):
    """Mark a view that reads first and writes last, re-checking what it read with its writes (the
    till's checkout: conditional claims, the day re-checked). On SQLite its reads then run without
    a transaction and BEGIN IMMEDIATE comes just before the first write, so the one write lock is
    held for the writes alone rather than for the whole request. Other databases are unaffected."""
    setattr(view, _BEGINS, Begin.at_first_write)
    return view


def reads_in_autocommit(view):
    """Mark a view that only reads, each statement on its own, needing no snapshot across them (the
    till's scan: who is asking, then what the code is). Its statements run in autocommit: on SQLite
    without BEGIN and COMMIT, on PostgreSQL without their two round trips. A write, should one come,
    still takes the lock first on SQLite (as lock_at_first_write); on PostgreSQL it would commit alone."""
    setattr(view, _BEGINS, Begin.autocommit)
    return view


def reads_only(view):
    """Mark a view that only reads (a report, an API GET). On SQLite it begins DEFERRED and never takes
    the write lock, so neither a scan nor a report that reads a year of sales for seconds holds up a
    till's checkout."""
    setattr(view, _BEGINS, Begin.reads_only)
    return view


def _begins_for_request() -> Begin:
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    begins = getattr(view, _BEGINS, None)
    if begins is Begin.reads_only and request.method not in ("GET", "HEAD"):
        return Begin.default  # a view routed for GET and POST reads only on its GET
    return begins or Begin.default


def declare_for_request() -> None:
    """Before the request's first statement: how its transactions begin."""
    g.begin_declaration = declare_begin(_begins_for_request())


def begin_autocommit_reads(session) -> None:
    """Run before the request's first statement: a marked view's session reads in autocommit on
    PostgreSQL (SQLite's begin hook leaves the transaction out by itself)."""
    if (declared_begin() is Begin.autocommit and not session.in_transaction()
            and session.get_bind().dialect.name != "sqlite"):
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        g.autocommit_session = session


def end_request(_error=None) -> None:
    """As the request ends: the autocommit connection goes back to the pool, which restores its
    isolation level, even where the app context (and its session) outlives the request, as in tests;
    and the request's declaration ends."""
    session = g.pop("autocommit_session", None)
    if session is not None:
        session.close()
    token = g.pop("begin_declaration", None)
    if token is not None:
        forget_begin(token)


def register_view_transactions(app: Flask) -> None:
    app.before_request(declare_for_request)
    app.teardown_request(end_request)
