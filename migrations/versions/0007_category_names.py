"""Categories: names in Arabic, Persian, Somali and Tigrinya (the standard taxonomy's filled in)

Revision ID: 0007_category_names
Revises: 0006_user_home_location
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_category_names"
down_revision = "0006_user_home_location"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("categories", sa.Column("names", sa.JSON(), nullable=True))
    from sqlalchemy.orm import Session

    from boutique.catalog.taxonomy import name_standard_categories

    session = Session(bind=op.get_bind())
    name_standard_categories(session)


def downgrade():
    with op.batch_alter_table("categories") as batch:
        batch.drop_column("names")
