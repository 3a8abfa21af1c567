"""Command line: ``flask --app boutique users|locations|tills|demo|backup|restore`` (API.md)."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from boutique.auth.models import User
from boutique.auth.services import create_token, create_user, get_user, revoke_token
from boutique.auth.throttle import forget_old_failures
from boutique.core.backup import BackupError, backup_database, restore_database
from boutique.core.errors import DomainError
from boutique.core.roles import Role
from boutique.demo import DEMO_PASSWORD, load_demo
from boutique.extensions import db
from boutique.places.services import create_location, create_till
from boutique.privacy.erasure import erase_person
from boutique.privacy.export import person_data
from boutique.web.i18n import LANGUAGES

users = AppGroup("users", help="People and their API tokens.")
locations = AppGroup("locations", help="Meeting places and shops.")
tills = AppGroup("tills", help="Tills at a location.")


def _run(action):
    """Run a service call, commit, and turn domain errors into a clean CLI failure."""
    try:
        result = action()
        db.session.commit()
        return result
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from None


@users.command("create")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--password", required=True)
@click.option("--display-name", default=None)
@click.option("--language", default="sv", type=click.Choice(list(LANGUAGES)),
              help="The person's language: sv (default), en, ar, fa, so or ti.")
def users_create(username, role, password, display_name, language):
    """Create a person who can sign in."""
    user = _run(lambda: create_user(db.session, username=username, role=role, password=password,
                                    display_name=display_name, language=language))
    click.echo(f"Created {user.username} ({user.role.value})")


@users.command("token")
@click.argument("username")
def users_token(username):
    """Create an API token; it is printed once, as the last line."""
    token = _run(lambda: create_token(db.session, get_user(db.session, username)))
    click.echo(f"API token for {username} (store it now; it is not shown again):")
    click.echo(token)


@users.command("prune-login-failures")
def users_prune_login_failures():
    """Forget failed sign-ins older than the lockout window (each sign-in attempt does it too; run
    this from cron where nobody may sign in for a while)."""
    from datetime import timedelta

    from flask import current_app

    window = timedelta(seconds=current_app.config["LOGIN_WINDOW_SECONDS"])
    forgotten = _run(lambda: forget_old_failures(db.session, window=window))
    click.echo(f"Forgot {forgotten} failed sign-ins older than the window")


@users.command("export")
@click.argument("username")
def users_export(username):
    """Print everything held about a person as JSON (GDPR art. 15; the zip with photos is on their page)."""
    import json

    data = _run(lambda: person_data(db.session, get_user(db.session, username)))
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@users.command("erase")
@click.argument("username")
@click.option("--yes", is_flag=True, help="Confirm: the erasure cannot be undone.")
def users_erase(username, yes):
    """Erase a person's data by anonymisation (GDPR art. 17): sales and histories stay, under a numbered name."""
    if not yes:
        raise click.ClickException("Erasing cannot be undone: add --yes to confirm.")
    erased = _run(lambda: erase_person(db.session, person=get_user(db.session, username), by_user=None))
    click.echo(f"Erased {username}: now {erased.username} ({erased.display_name})")


@users.command("revoke-token")
@click.argument("token")
def users_revoke_token(token):
    """Revoke an API token."""
    _run(lambda: revoke_token(db.session, token))
    click.echo("Revoked")


@locations.command("create")
@click.argument("code")
@click.option("--name", required=True)
@click.option("--address", default=None)
def locations_create(code, name, address):
    """Create a meeting place / shop."""
    location = _run(lambda: create_location(db.session, code=code, name=name, address=address))
    click.echo(f"Created location {location.code}")


@tills.command("create")
@click.argument("code")
@click.option("--location", "location_code", required=True)
def tills_create(code, location_code):
    """Create a till at a location."""
    till = _run(lambda: create_till(db.session, code=code, location_code=location_code))
    click.echo(f"Created till {till.code}")


@click.command("demo")
def demo():
    """Load demo data into an empty database."""
    def report(done: int, total: int, step: str) -> None:
        click.echo(f"[{done}/{total}] {step}")

    context = _run(lambda: load_demo(db.session, progress=report))
    click.echo(f"Demo data loaded: {len(context.users)} people; every demo password is {DEMO_PASSWORD!r}")


@click.command("is-empty")
def is_empty():
    """Exit 0 when no one has an account yet (used by `make run` to load the demo once)."""
    from sqlalchemy import select

    raise SystemExit(0 if db.session.scalar(select(User.id).limit(1)) is None else 1)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path):
    """Write a consistent snapshot of the database to PATH (safe while the app runs)."""
    try:
        written = backup_database(db.engine, path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {written} ({written.stat().st_size} bytes)")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Confirm replacing the current data.")
def restore(path, yes):
    """Replace the database with a backup (stop the app first)."""
    if not yes:
        raise click.ClickException("Restoring replaces all current data; add --yes to confirm.")
    try:
        restore_database(db.engine, path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored from {path}")


def register_commands(app: Flask) -> None:
    for command in (users, locations, tills, demo, is_empty, backup, restore):
        app.cli.add_command(command)
