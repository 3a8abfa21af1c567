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
