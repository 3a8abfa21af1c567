"""The command line contract in shared/API.md."""

from sqlalchemy import select

from boutique.auth.models import Role, User
from boutique.auth.services import user_for_token
from boutique.places.models import Till


def test_users_create_and_token_printed_as_last_line(runner, session):
    result = runner.invoke(args=["users", "create", "karin", "--role", "supervisor", "--password",
                                 "long enough pw", "--display-name", "Karin Lindqvist"])
    assert result.exit_code == 0, result.output
    user = session.scalar(select(User).where(User.username == "karin"))
    assert user.role == Role.supervisor and user.display_name == "Karin Lindqvist"
    result = runner.invoke(args=["users", "token", "karin"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    assert user_for_token(session, token) == user


def test_users_create_refuses_bad_role_duplicate_and_weak_password(runner):
    assert runner.invoke(args=["users", "create", "x", "--role", "wizard", "--password", "long enough pw"]).exit_code
    assert runner.invoke(args=["users", "create", "y", "--role", "student", "--password", "short"]).exit_code
    created = runner.invoke(args=["users", "create", "z", "--role", "student", "--password", "long enough pw"])
    assert created.exit_code == 0
    duplicate = runner.invoke(args=["users", "create", "Z", "--role", "student", "--password", "long enough pw"])
    assert duplicate.exit_code != 0 and "upptaget" in duplicate.output  # the CLI speaks Swedish


def test_token_for_unknown_user_fails_cleanly(runner):
    result = runner.invoke(args=["users", "token", "nobody"])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_locations_and_tills_create(runner, session):
    assert runner.invoke(args=["locations", "create", "SKH", "--name", "Skärholmen",
                               "--address", "Skärholmsvägen 1"]).exit_code == 0
    assert runner.invoke(args=["tills", "create", "SKH-1", "--location", "SKH"]).exit_code == 0
    till = session.scalar(select(Till).where(Till.code == "SKH-1"))
    assert till.location.name == "Skärholmen"
    bad = runner.invoke(args=["tills", "create", "X-1", "--location", "NOPE"])
    assert bad.exit_code != 0 and "NOPE" in bad.output


def test_demo_fills_an_empty_database_once(runner, session):
    assert runner.invoke(args=["is-empty"]).exit_code == 0
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    roles = set(session.scalars(select(User.role)))
    assert roles == set(Role)
    assert set(session.scalars(select(Till.code))) >= {"SKH-1", "SKH-2", "HUS-1"}
    assert runner.invoke(args=["is-empty"]).exit_code == 1
    again = runner.invoke(args=["demo"])
    assert again.exit_code != 0 and "empty" in again.output
