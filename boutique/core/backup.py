"""Consistent database snapshots while the app runs, and restoring them."""

import shutil
import sqlite3
import subprocess  # nosec B404  # only pg_dump/pg_restore with a fixed argv, never a shell
from contextlib import closing
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url


class BackupError(Exception):
    pass


def _libpq_url(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def backup_database(engine: Engine, path: Path) -> Path:
    """SQLite: ``VACUUM INTO`` (a consistent copy even with writers active).
    PostgreSQL: ``pg_dump --format=custom``."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists; choose a new file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            # VACUUM cannot run inside a transaction: use the raw DB-API connection in autocommit.
            raw = connection.connection.driver_connection
            raw.execute("VACUUM INTO ?", (str(path),))
        return path
    if engine.dialect.name == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if not pg_dump:
            raise BackupError("pg_dump is not installed")
        result = subprocess.run(  # noqa: S603  # nosec B603  # fixed argv (pg_dump from PATH, our own URL and path), no shell
            [pg_dump, "--format=custom", "--no-owner", f"--file={path}", _libpq_url(engine)],
            capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BackupError(result.stderr.strip())
        return path
    raise BackupError(f"no backup method for {engine.dialect.name}")


def restore_database(engine: Engine, path: Path) -> None:
    """Replace the database's content with a snapshot made by :func:`backup_database`.
    Stop the app first: restoring under running workers would mix old and new data."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    if engine.dialect.name == "sqlite":
        target = make_url(str(engine.url)).database
        engine.dispose()
        # Copied in through SQLite's backup API, not over the file: a connection still open somewhere
        # holds a lock on the file in WAL mode, and under a copied-in file (in rollback mode, as VACUUM
        # INTO writes it) the next connection could not switch back to WAL ("database is locked"). The
        # API takes the locks, keeps the database in WAL mode, and open connections then read the restore.
        try:
            with closing(sqlite3.connect(path)) as snapshot, closing(sqlite3.connect(target, timeout=30)) as live:
                snapshot.backup(live)
        except sqlite3.DatabaseError as error:  # not a SQLite file, or the database stayed locked
            raise BackupError(f"{path}: {error}") from error
        return
    if engine.dialect.name == "postgresql":
        pg_restore = shutil.which("pg_restore")
        if not pg_restore:
            raise BackupError("pg_restore is not installed")
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        result = subprocess.run(  # noqa: S603  # nosec B603  # fixed argv (pg_restore from PATH, our own URL and path), no shell
            [pg_restore, "--no-owner", "--exit-on-error", f"--dbname={_libpq_url(engine)}", str(path)],
            capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BackupError(result.stderr.strip())
        return
    raise BackupError(f"no restore method for {engine.dialect.name}")
