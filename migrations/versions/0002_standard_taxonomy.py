"""standard category taxonomy

A fresh database already holds the standard taxonomy (API.md: GET /api/v1/categories).

Revision ID: 0002_standard_taxonomy
Revises: 0001_initial
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_standard_taxonomy"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade():
    from sqlalchemy.orm import Session

    from boutique.catalog.taxonomy import seed_standard_taxonomy

    seed_standard_taxonomy(Session(bind=op.get_bind()), names=False)  # names: 0007_category_names


def downgrade():
    op.execute(sa.text("UPDATE categories SET parent_id = NULL"))
    op.execute(sa.text("DELETE FROM categories"))
