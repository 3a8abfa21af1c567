"""Money and the law (issue 20): 64-bit day sums on Z-reports, copies and unfinished sales on the Z,
a Swish payment's reference, and each till day's SIE voucher identity

Revision ID: 0004_money_and_the_law
Revises: 0003_z_report_big_totals
"""

import sqlalchemy as sa
from alembic import op

import boutique.core.db

revision = "0004_money_and_the_law"
down_revision = "0003_z_report_big_totals"
branch_labels = None
depends_on = None

# Every amount on a Z-report is a sum over a day: two sales inside the API's range already pass 32 bits,
# and PostgreSQL then refused to close the day ("integer out of range").
DAY_SUMS = {
    "z_reports": ("opening_float_ore", "sales_ore", "returns_ore", "net_ore", "vat_ore", "discounts_ore",
                  "rounding_ore", "cash_ore", "card_ore", "swish_ore", "training_ore", "expected_cash_ore",
                  "counted_cash_ore", "variance_ore"),
    "z_report_vat": ("sales_ore", "returns_ore", "gross_ore", "vat_ore", "net_ex_vat_ore"),
    "z_report_payments": ("sales_ore", "returns_ore", "net_ore"),
}
NEW_Z_COLUMNS = (("copies_ore", sa.BigInteger()), ("unfinished_count", sa.Integer()),
                 ("unfinished_ore", sa.BigInteger()))


def upgrade():
    for table, columns in DAY_SUMS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)
    with op.batch_alter_table("z_reports") as batch:
        for name, kind in NEW_Z_COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=False, server_default="0"))
    # The copies of days closed before: their receipts' totals are still there. Unfinished sales of those
    # days were never recorded (0).
    op.execute("UPDATE z_reports SET copies_ore = (SELECT COALESCE(SUM(sales.total_ore), 0) FROM receipt_copies "
               "JOIN sales ON sales.id = receipt_copies.sale_id WHERE receipt_copies.till_day_id = z_reports.till_day_id)")
    with op.batch_alter_table("z_reports") as batch:
        for name, kind in NEW_Z_COLUMNS:
            batch.alter_column(name, existing_type=kind, existing_nullable=False, server_default=None)
    with op.batch_alter_table("payments") as batch:
        batch.add_column(sa.Column("reference", sa.String(length=50), nullable=True))
    op.create_table(
        "sie_vouchers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("z_report_id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=10), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("first_exported_at", boutique.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("first_exported_by_id", sa.Integer(), nullable=True),
        sa.Column("last_exported_at", boutique.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_exported_by_id", sa.Integer(), nullable=True),
        sa.Column("exports_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["first_exported_by_id"], ["users.id"],
                                name=op.f("fk_sie_vouchers_first_exported_by_id_users")),
        sa.ForeignKeyConstraint(["last_exported_by_id"], ["users.id"],
                                name=op.f("fk_sie_vouchers_last_exported_by_id_users")),
        sa.ForeignKeyConstraint(["z_report_id"], ["z_reports.id"], name=op.f("fk_sie_vouchers_z_report_id_z_reports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sie_vouchers")),
        sa.UniqueConstraint("series", "number", name=op.f("uq_sie_vouchers_series_number")),
        sa.UniqueConstraint("z_report_id", name=op.f("uq_sie_vouchers_z_report_id")),
    )


def downgrade():
    op.drop_table("sie_vouchers")
    with op.batch_alter_table("payments") as batch:
        batch.drop_column("reference")
    with op.batch_alter_table("z_reports") as batch:
        for name, _kind in NEW_Z_COLUMNS:
            batch.drop_column(name)
    for table, columns in DAY_SUMS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
