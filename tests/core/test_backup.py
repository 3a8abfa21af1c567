"""`flask backup PATH` writes a consistent snapshot; restoring it gives back the same data."""

from sqlalchemy import select

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
