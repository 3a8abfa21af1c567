"""Statements of the till's hot path, compiled once per database and run on the driver's own cursor.

A checkout runs a dozen statements. Through SQLAlchemy's execution layer each one cost 30–90 µs of
Python around 5–20 µs of SQLite, and the checkout was the shop's busiest write. These statements are
still built with Core from the models, so their SQL follows the schema; they are compiled once per
dialect; their values go through the column types' own bind processors (enums, UTC timestamps, JSON,
booleans) and their results through the types' result processors, so a row written here reads back
exactly like one written through the ORM. The engine's ``before_cursor_execute`` and
``after_cursor_execute`` listeners still hear every statement: SQLite's BEGIN at the first write
(``transactions.lock_at_first_write``) and the query counters of the tests rely on them. Driver errors are
raised as SQLAlchemy's own exceptions (IntegrityError, OperationalError), as the error handlers expect.

``together`` sends several statements in one round trip where the driver can (psycopg's pipeline mode
on PostgreSQL). A PostgreSQL checkout was fifteen round trips, and each cost the worker and the server
more than the statement itself; SQLite runs in the process and gets them one by one, as before.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.util import identity_key
from sqlalchemy.sql import ColumnElement, Executable


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    fixed: dict[str, Any]  # values the statement carries itself (e.g. status = 'for_sale')
    required: frozenset[str]
    processors: tuple[tuple[str, Callable], ...]
    # Positional paramstyles (SQLite's ?): each value's name and processor, in the statement's order.
    plan: tuple[tuple[str, Callable | None], ...] | None
    results: tuple[Callable | None, ...]  # one per column it answers (none: it answers no rows)


class Prepared:
    """A Core statement, compiled on first use per dialect, run without SQLAlchemy's execution layer.
    Only for statements on the hot path whose parameters are plain bind values (no expanding IN)."""

    def __init__(self, statement: Executable):
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    @classmethod
    def insert(cls, table: Table, *columns: str, returning: Sequence[str] = (),
               computed: Mapping[str, ColumnElement] | None = None) -> "Prepared":
        """An INSERT of exactly ``columns`` (bound values) and ``computed`` (SQL expressions). A column
        with a Python-side default must be among them: the default would not be applied here, and a
        silent NULL is worse than an error at import."""
        computed = dict(computed or {})
        given = set(columns) | computed.keys()
        missing = [c.key for c in table.columns if c.default is not None and c.key not in given]
        if missing:
            raise ValueError(f"{table.name}: give {', '.join(missing)} explicitly (they have Python defaults)")
        values = {table.c[name]: bindparam(name) for name in columns} | {table.c[k]: v for k, v in computed.items()}
        statement = table.insert().values(values)
        # Inline: no implicit RETURNING of the new id that nobody reads.
        statement = statement.returning(*(table.c[name] for name in returning)) if returning else statement.inline()
        return cls(statement)

    def _for(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(dialect.name)
        if found is None:
            # render_postcompile: an IN of a fixed list becomes plain binds, compiled once like the rest
            compiled = self.statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
            processors = compiled._bind_processors  # the column types' own conversions, as Core applies them
            found = self._compiled[dialect.name] = _Compiled(
                sql=compiled.string,
                fixed={name: value for name, value in compiled.params.items() if value is not None},
                required=frozenset(name for bind, name in compiled.bind_names.items() if bind.required),
                processors=tuple(processors.items()),
                plan=tuple((name, processors.get(name)) for name in compiled.positiontup)
                if compiled.positional else None,
                results=tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                              for column in compiled._result_columns))
        return found

    def _values(self, compiled: _Compiled, params: dict) -> tuple | dict:
        if not compiled.required <= params.keys():
            raise KeyError(f"missing values for {sorted(compiled.required - params.keys())} in {compiled.sql!r}")
        if compiled.fixed:
            params = {**compiled.fixed, **params}
        if compiled.plan is not None:
            return tuple(params[name] if process is None else process(params[name]) for name, process in compiled.plan)
        values = dict(params)
        for name, process in compiled.processors:
            if name in values:
                values[name] = process(values[name])
        return values

    def run(self, connection: Connection, params: dict | None = None) -> "Ran":
        """Execute once; the answer holds the rows (processed) and the row count."""
        return self._execute(connection, [params or {}], many=False)

    def run_many(self, connection: Connection, rows: Iterable[dict]) -> None:
        """Execute once per row, in one driver call (``executemany``)."""
        rows = list(rows)
        if rows:
            self._execute(connection, rows, many=True)

    def _execute(self, connection: Connection, rows: list[dict], *, many: bool) -> "Ran":
        sent = self._send(connection, rows, many=many)
        try:
            return sent.receive()
        except connection.dialect.loaded_dbapi.Error as error:
            raise _as_sqlalchemys(sent, error) from error

    def _send(self, connection: Connection, rows: list[dict], *, many: bool) -> "_Sent":
        compiled = self._for(connection.dialect)
        values = [self._values(compiled, row) for row in rows]
        sent = _Sent(connection, connection.connection.dbapi_connection.cursor(), compiled,
                     values if many else values[0], many)
        try:
            connection.dispatch.before_cursor_execute(connection, sent.cursor, compiled.sql, sent.parameters,
                                                      None, many)
            if many:
                sent.cursor.executemany(compiled.sql, sent.parameters)
            else:
                sent.cursor.execute(compiled.sql, sent.parameters)
        except connection.dialect.loaded_dbapi.Error as error:
            raise _as_sqlalchemys(sent, error) from error
        return sent


@dataclass(slots=True)
class _Sent:
    """A statement handed to the driver, whose answer may not have come back yet (pipeline mode)."""
    connection: Connection
    cursor: Any
    compiled: _Compiled
    parameters: Any
    many: bool

    def receive(self) -> "Ran":
        cursor, compiled = self.cursor, self.compiled
        try:
            # Whether rows come back is known from the statement (psycopg builds cursor.description
            # anew on every call).
            rows = cursor.fetchall() if compiled.results and not self.many else []
            ran = Ran(cursor.rowcount, [_processed(row, compiled.results) for row in rows])
            self.connection.dispatch.after_cursor_execute(self.connection, cursor, compiled.sql, self.parameters,
                                                          None, self.many)
            return ran
        finally:
            cursor.close()


def _as_sqlalchemys(sent: _Sent, error: Exception) -> DBAPIError:
    """A driver error as SQLAlchemy's own; a lost connection is invalidated, as Core would."""
    connection, dialect = sent.connection, sent.connection.dialect
    sent.cursor.close()
    if dialect.is_disconnect(error, connection.connection.dbapi_connection, sent.cursor):
        connection.invalidate(error)
    return DBAPIError.instance(sent.compiled.sql, sent.parameters, error, dialect.loaded_dbapi.Error,
                               dialect=dialect)


class Later:
    """The answer of a statement sent in a batch: readable once the batch is over."""
    __slots__ = ("_ran",)

    def __init__(self, ran: "Ran | None" = None):
        self._ran = ran

    @property
    def ran(self) -> "Ran":
        if self._ran is None:
            raise RuntimeError("read inside the batch that sent it: leave the `together` block first")
        return self._ran


def together(connection: Connection) -> "Batch":
    """``with together(connection) as batch``: see Batch."""
    return Batch(connection)


class Batch:
    """Send the statements run in the block in one round trip where the driver can: psycopg's pipeline
    mode on PostgreSQL. The server still runs them one after the other, in order, in the caller's
    transaction; their answers (``Later.ran``) are read after the block. An error from any of them is
    raised, as SQLAlchemy's own, when the block ends, and the transaction must be rolled back.
    Elsewhere (SQLite) each statement runs at once and the block changes nothing.

    Inside the block nothing but the batch may use the connection: compute the values first (an
    expired ORM attribute read there would load through a connection whose answers are not back)."""

    __slots__ = ("_pipeline", "_waiting", "connection")

    def __init__(self, connection: Connection):
        self.connection = connection
        dbapi_connection = connection.connection.dbapi_connection
        pipelined = connection.dialect.driver == "psycopg" and dbapi_connection is not None
        self._pipeline = dbapi_connection.pipeline() if pipelined else None
        self._waiting: list[tuple[_Sent, Later]] = []

    def __enter__(self) -> "Batch":
        if self._pipeline is not None:
            self._pipeline.__enter__()
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if self._pipeline is None:
            return
        try:
            try:
                self._pipeline.__exit__(kind, error, traceback)  # the Sync: every answer comes back
            except self.connection.dialect.loaded_dbapi.Error as refused:
                if not self._waiting or error is not None:
                    raise
                raise _as_sqlalchemys(self._failed(), refused) from refused
            if error is None:
                for sent, later in self._waiting:
                    try:
                        later._ran = sent.receive()
                    except self.connection.dialect.loaded_dbapi.Error as refused:
                        raise _as_sqlalchemys(sent, refused) from refused
        finally:
            for sent, _ in self._waiting:
                sent.cursor.close()
            self._waiting = []

    def run(self, prepared: Prepared, params: dict | None = None) -> Later:
        if self._pipeline is None:
            return Later(prepared.run(self.connection, params))
        later = Later()
        self._waiting.append((prepared._send(self.connection, [params or {}], many=False), later))
        return later

    def run_many(self, prepared: Prepared, rows: Iterable[dict]) -> None:
        rows = list(rows)
        if not rows:
            return
        if self._pipeline is None:
            prepared.run_many(self.connection, rows)
            return
        self._waiting.append((prepared._send(self.connection, rows, many=True), Later()))

    def _failed(self) -> _Sent:
        """The first statement without an answer: the one the server refused (or the last one)."""
        for sent, _ in self._waiting:
            if sent.cursor.pgresult is None:
                return sent
        return self._waiting[-1][0]


def _processed(row: Sequence, processors: tuple[Callable | None, ...]) -> tuple:
    return tuple(value if process is None or value is None else process(value)
                 for value, process in zip(row, processors, strict=True))


@dataclass(frozen=True, slots=True)
class Ran:
    rowcount: int
    rows: list[tuple]

    def first(self) -> tuple | None:
        return self.rows[0] if self.rows else None

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None

    def scalar_one(self) -> Any:
        if len(self.rows) != 1:
            raise LookupError(f"expected one row, got {len(self.rows)}")
        return self.rows[0][0]


class Rows:
    """Whole rows of one mapped class read with ``Prepared``, turned into ORM objects without the ORM's
    query machinery (the API's bearer-token user is read on every call)."""

    def __init__(self, model: type):
        self.model = model
        mapper = model.__mapper__
        self.columns = list(mapper.columns)
        self.keys = [mapper.get_property_by_column(column).key for column in self.columns]
        self.primary_keys = [mapper.get_property_by_column(column).key for column in mapper.primary_key]
        self.select = select(*self.columns)
        self._manager = mapper.class_manager

    def adopt(self, session: Session, row: Sequence):
        """The persistent object of ``row`` in ``session``, as a query would answer it: the one the
        session already holds, or a new one loaded with every column (nothing left to lazy-load)."""
        values = dict(zip(self.keys, row, strict=True))
        key = identity_key(self.model, tuple(values[k] for k in self.primary_keys))
        held = session.identity_map.get(key)
        if held is not None:
            return held
        # As the ORM's loader makes an object: no __init__, the values straight into its dict.
        instance = self._manager.new_instance()
        instance.__dict__.update(values)
        make_transient_to_detached(instance)  # its identity key, and nothing pending
        session.add(instance)
        return instance
