"""People: when a person's data was erased (anonymised)

Revision ID: 0005_user_erased_at
Revises: 0004_money_and_the_law
"""

import sqlalchemy as sa
from alembic import op

from boutique.core.db import UTCDateTime

revision = "0005_user_erased_at"
down_revision = "0004_money_and_the_law"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("erased_at", UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("erased_at")
