"""People: the meeting place each works at (forms such as a new donation start there)

Revision ID: 0006_user_home_location
Revises: 0005_user_erased_at
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_user_home_location"
down_revision = "0005_user_erased_at"
branch_labels = None
depends_on = None

FOREIGN_KEY = "fk_users_location_id_locations"


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        # A plain ADD COLUMN with its REFERENCES: batch mode would copy the users table, and dropping the old
        # one fails on a live database (other tables' rows point at their people). Alembic has no such op.
        op.execute(f"ALTER TABLE users ADD COLUMN location_id INTEGER CONSTRAINT {FOREIGN_KEY} "
                   "REFERENCES locations (id)")
    else:
        op.add_column("users", sa.Column("location_id", sa.Integer(), nullable=True))
        op.create_foreign_key(FOREIGN_KEY, "users", "locations", ["location_id"], ["id"])
    op.create_index("ix_users_location_id", "users", ["location_id"], unique=False)


def downgrade():
    op.drop_index("ix_users_location_id", table_name="users")
    with op.batch_alter_table("users") as batch:  # SQLite drops a column with a constraint only this way
        if op.get_bind().dialect.name != "sqlite":
            batch.drop_constraint(FOREIGN_KEY, type_="foreignkey")
        batch.drop_column("location_id")
