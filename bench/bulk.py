"""Bulk loading for the generator: rows as tuples, buffered per table, written with COPY on PostgreSQL and
executemany on SQLite (no ORM objects, no per-row SQLAlchemy work)."""

import json
from datetime import UTC, date, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

CHUNK = 20_000


class Loader:
    """``loader.add("items", row)`` buffers a row; when a table has ``CHUNK`` rows, every buffer goes to
    the database in the order ``columns`` names the tables (parents before children).
    Values go in as the driver's bulk path takes them: ``stamp()``/``day()``/``flag()``/``json()`` turn
    Python values into the dialect's form (SQLite: naive UTC text, 0/1; PostgreSQL: native values)."""

    def __init__(self, session: Session, columns: dict[str, tuple[str, ...]]):
        self.session = session
        connection = session.connection()
        self.dialect = connection.dialect.name
        self.raw = connection.connection.dbapi_connection
        self.columns = columns
        self.buffers: dict[str, list[tuple]] = {table: [] for table in columns}
        self.counts: dict[str, int] = dict.fromkeys(columns, 0)
        self.sqlite = self.dialect == "sqlite"
        self.true, self.false = (1, 0) if self.sqlite else (True, False)

    def stamp(self, moment: datetime) -> object:
        if self.sqlite:
            return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        return moment

    def day(self, value: date) -> object:
        return value.isoformat() if self.sqlite else value

    def flag(self, value: bool) -> object:
        return self.true if value else self.false

    @staticmethod
    def json(value: dict | None) -> str | None:
        return None if value is None else json.dumps(value)

    def add(self, table: str, row: tuple) -> None:
        buffer = self.buffers[table]
        buffer.append(row)
        if len(buffer) >= CHUNK:  # everything, in the tables' order, so foreign keys find their rows
            self.flush()

    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(self.buffers):
            rows = self.buffers[name]
            if rows:
                self._write(name, rows)
                self.counts[name] += len(rows)
                self.buffers[name] = []

    def _write(self, table: str, rows: list[tuple]) -> None:
        columns = self.columns[table]
        if self.sqlite:
            marks = ", ".join("?" for _ in columns)
            self.raw.cursor().executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        else:
            with self.raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)


def reset_sequences(session: Session) -> None:
    """PostgreSQL: after rows went in with explicit ids, move every ``id`` sequence past the largest id,
    so the app's own inserts do not collide with generated rows."""
    if session.get_bind().dialect.name != "postgresql":
        return
    tables = session.execute(text(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND column_name = 'id' AND column_default LIKE 'nextval%'")).scalars().all()
    for table in tables:
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))
