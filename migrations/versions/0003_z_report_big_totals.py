"""Z-reports: a till's lifetime (grand) totals as 64-bit integers

Revision ID: 0003_z_report_big_totals
Revises: 0002_standard_taxonomy
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_z_report_big_totals"
down_revision = "0002_standard_taxonomy"
branch_labels = None
depends_on = None

COLUMNS = ("grand_total_sales_ore", "grand_total_returns_ore", "grand_total_net_ore")


def upgrade():
    # A till's running totals pass 21 474 836,47 kr (the 32-bit limit) within a shop's life; PostgreSQL
    # would then refuse to close the day. (SQLite's INTEGER is 64-bit already; batch mode copes.)
    with op.batch_alter_table("z_reports") as batch:
        for column in COLUMNS:
            batch.alter_column(column, existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)


def downgrade():
    with op.batch_alter_table("z_reports") as batch:
        for column in COLUMNS:
            batch.alter_column(column, existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
