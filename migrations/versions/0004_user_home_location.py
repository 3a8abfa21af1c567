"""People: the meeting place each works at (forms such as a new donation start there)

Revision ID: 0004_user_home_location
Revises: 0003_z_report_big_totals
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_user_home_location"
down_revision = "0003_z_report_big_totals"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("location_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_users_location_id"), ["location_id"], unique=False)
        batch.create_foreign_key(batch.f("fk_users_location_id_locations"), "locations", ["location_id"], ["id"],
                                 ondelete="SET NULL")


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(batch.f("fk_users_location_id_locations"), type_="foreignkey")
        batch.drop_index(batch.f("ix_users_location_id"))
        batch.drop_column("location_id")
