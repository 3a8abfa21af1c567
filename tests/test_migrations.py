"""Migrations build the schema on an empty database, seed the taxonomy, and agree with the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text

from boutique import create_app
from boutique.catalog.models import Category
from boutique.catalog.taxonomy import STANDARD_TAXONOMY
from boutique.extensions import db


def _fresh_app(base_config, database_url, tmp_path):
    # On PostgreSQL the test database itself is emptied and migrated (and rebuilt afterwards).
    url = f"sqlite:///{tmp_path / 'migrated.sqlite3'}" if database_url.startswith("sqlite") else database_url
    return create_app({**base_config, "DATABASE_URL": url})


def _reset_postgres(url: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def test_upgrade_builds_a_schema_that_matches_the_models(base_config, database_url, tmp_path):
    app = _fresh_app(base_config, database_url, tmp_path)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.engine.dispose()
            _reset_postgres(database_url)
        try:
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(connection, opts={"compare_type": True})
                differences = compare_metadata(context, db.metadata)
                categories = connection.execute(select(func.count()).select_from(Category)).scalar()
            assert differences == [], f"models and migrations differ: {differences}"
            assert categories == len(STANDARD_TAXONOMY)
        finally:
            if db.engine.dialect.name == "postgresql":
                # Leave the shared test database as the session fixture made it.
                db.engine.dispose()
                _reset_postgres(database_url)
                db.create_all()
            db.engine.dispose()


def test_the_meeting_place_of_people_is_added_to_a_live_database(base_config, database_url, tmp_path):
    """0004 on a database with people whom other rows point at: on SQLite a copy of the users table would
    fail there (foreign keys), so the column is added in place."""
    app = _fresh_app(base_config, database_url, tmp_path)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.engine.dispose()
            _reset_postgres(database_url)
        try:
            upgrade(revision="0003_z_report_big_totals")
            with db.engine.begin() as connection:
                connection.execute(text(
                    "INSERT INTO users (id, username, display_name, role, password_hash, language, active, "
                    "session_token, created_at) VALUES (1, 'amira', 'Amira', 'participant', 'x', 'sv', true, 't', "
                    "'2026-01-05 10:00:00')"))
                connection.execute(text("INSERT INTO api_tokens (user_id, token_hash, prefix, created_at) "
                                        "VALUES (1, 'h', 'p', '2026-01-05 10:00:00')"))
            upgrade()
            with db.engine.connect() as connection:
                assert connection.execute(text("SELECT username, location_id FROM users")).all() == [("amira", None)]
                assert connection.execute(text("SELECT count(*) FROM api_tokens")).scalar() == 1
        finally:
            if db.engine.dialect.name == "postgresql":
                db.engine.dispose()
                _reset_postgres(database_url)
                db.create_all()
            db.engine.dispose()
