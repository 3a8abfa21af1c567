"""How the next transactions on this thread begin, as their caller declared: the engine's default
(SQLite: BEGIN IMMEDIATE), reads only (BEGIN DEFERRED), the write lock at the first write, or no
transaction at all (autocommit reads). core/sqlite.py reads it at BEGIN; web/view_transactions.py
declares it for each request from what its view says. Other databases take no lock at BEGIN."""

import enum
from contextlib import contextmanager
from contextvars import ContextVar, Token


class Begin(enum.StrEnum):
    default = "default"
    reads_only = "reads_only"
    at_first_write = "at_first_write"
    autocommit = "autocommit"


_declared: ContextVar[Begin] = ContextVar("boutique_begin", default=Begin.default)


def declared_begin() -> Begin:
    return _declared.get()


def declare_begin(begin: Begin) -> Token:
    """Declare how transactions begin from now on; ``forget_begin(token)`` ends the declaration."""
    return _declared.set(begin)


def forget_begin(token: Token) -> None:
    _declared.reset(token)


@contextmanager
def beginning(begin: Begin):
    """``with beginning(Begin.reads_only): ...`` for work outside a request (CLI, scripts, tests)."""
    token = declare_begin(begin)
    try:
        yield
    finally:
        forget_begin(token)
