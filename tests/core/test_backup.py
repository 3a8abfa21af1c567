"""`flask backup PATH` writes a consistent snapshot; restoring it gives back the same data."""

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from boutique.auth.models import User
from boutique.catalog.models import Category
from boutique.extensions import db
from boutique.places.models import Location, Till


def _snapshot(session) -> dict:
    return {
        "users": sorted(session.execute(select(User.username, User.display_name, User.role)).all()),
        "locations": sorted(session.execute(select(Location.code, Location.name, Location.address)).all()),
        "tills": sorted(session.scalars(select(Till.code))),
        "categories": session.query(Category).count(),
    }


def test_backup_then_restore_gives_the_same_data(app, runner, session, make_user, make_till, tmp_path):
    make_user("supervisor", username="karin", display_name="Karin Lindqvist")
    make_user("participant", username="selam", display_name="ሰላም")
    make_till("SKH-1")
    make_till("HUS-1", location="HUS")
    before = _snapshot(session)
    session.commit()
    target = tmp_path / "snapshots" / "boutique.core.backup"

    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert target.is_file() and target.stat().st_size > 0

    # Life goes on after the backup...
    make_user("participant", username="later")
    session.execute(db.delete(Till).where(Till.code == "HUS-1"))
    session.commit()
    assert _snapshot(session) != before
    session.close()

    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    assert _snapshot(db.session) == before


def test_backup_refuses_to_overwrite_and_restore_needs_confirmation(runner, tmp_path):
    existing = tmp_path / "exists.backup"
    existing.write_text("keep me")
    result = runner.invoke(args=["backup", str(existing)])
    assert result.exit_code != 0 and "exists" in result.output
    assert existing.read_text() == "keep me"
    result = runner.invoke(args=["restore", str(existing)])
    assert result.exit_code != 0 and "--yes" in result.output


def test_a_sqlite_restore_goes_through_while_another_connection_holds_the_file_open(
        app, runner, session, make_user, database_url, tmp_path):
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        pytest.skip("a SQLite file's locks; PostgreSQL restores with pg_restore")
    make_user("participant", username="kept")
    session.commit()
    target = tmp_path / "open.backup"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    make_user("participant", username="lost")
    session.commit()
    session.close()
    # Another process's idle connection (a worker not yet stopped): in WAL mode it holds the file.
    with closing(sqlite3.connect(url.database)) as elsewhere:
        assert elsewhere.execute("SELECT count(*) FROM users").fetchone() == (2,)
        result = runner.invoke(args=["restore", str(target), "--yes"])
        assert result.exit_code == 0, result.output
        assert elsewhere.execute("SELECT count(*) FROM users").fetchone() == (1,)  # it reads the restore
    assert sorted(db.session.scalars(select(User.username))) == ["kept"]
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_restoring_a_file_that_is_no_database_is_refused(runner, database_url, tmp_path):
    if make_url(database_url).get_backend_name() != "sqlite":
        pytest.skip("pg_restore says so in its own words")
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database, " * 100)
    result = runner.invoke(args=["restore", str(junk), "--yes"])
    assert result.exit_code != 0 and "junk.backup" in result.output
