"""Gift vouchers (issue 24): vouchers and their balance changes, a voucher line on carts and receipts
(no category: a voucher is no sale of goods), and vouchers sold and redeemed on the Z-report

Revision ID: 0009_gift_vouchers
Revises: 0008_stock_moves
"""

import sqlalchemy as sa
from alembic import op

import boutique.core.db

revision = "0009_gift_vouchers"
down_revision = "0008_stock_moves"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('gift_vouchers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=13), nullable=False),
    sa.Column('origin', sa.Enum('sold', 'refund', name='voucherorigin', native_enum=False, length=20), nullable=False),
    sa.Column('amount_ore', sa.Integer(), nullable=False),
    sa.Column('balance_ore', sa.Integer(), nullable=False),
    sa.Column('issued_at', boutique.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('balance_ore <= amount_ore', name=op.f('ck_gift_vouchers_balance_within_amount')),
    sa.CheckConstraint('balance_ore >= 0', name=op.f('ck_gift_vouchers_balance_not_negative')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_gift_vouchers_issued_by_id_users')),
    sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], name=op.f('fk_gift_vouchers_sale_id_sales')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_vouchers')),
    sa.UniqueConstraint('code', name=op.f('uq_gift_vouchers_code'))
    )
    with op.batch_alter_table('gift_vouchers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_vouchers_sale_id'), ['sale_id'], unique=False)

    op.create_table('voucher_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('voucher_id', sa.Integer(), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('issued', 'redeemed', name='vouchereventkind', native_enum=False, length=20), nullable=False),
    sa.Column('amount_ore', sa.Integer(), nullable=False),
    sa.Column('balance_after_ore', sa.Integer(), nullable=False),
    sa.Column('at', boutique.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['by_user_id'], ['users.id'], name=op.f('fk_voucher_events_by_user_id_users')),
    sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], name=op.f('fk_voucher_events_sale_id_sales')),
    sa.ForeignKeyConstraint(['voucher_id'], ['gift_vouchers.id'], name=op.f('fk_voucher_events_voucher_id_gift_vouchers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voucher_events'))
    )
    with op.batch_alter_table('voucher_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voucher_events_sale_id'), ['sale_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voucher_events_voucher_id'), ['voucher_id'], unique=False)

    with op.batch_alter_table('cart_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_voucher', sa.Boolean(), nullable=False, server_default=sa.false()))

    # SQLite copies sale_lines to make category_id nullable: the partial unique index (the backstop against
    # selling an item twice) is dropped first and made again after, so it keeps its WHERE clause.
    op.drop_index("uq_sale_lines_active_item", table_name="sale_lines")
    with op.batch_alter_table('sale_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voucher_id', sa.Integer(), nullable=True))
        batch_op.alter_column('category_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_sale_lines_voucher_id'), ['voucher_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_sale_lines_voucher_id_gift_vouchers'), 'gift_vouchers', ['voucher_id'], ['id'])
    _active_item_index()

    with op.batch_alter_table('z_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vouchers_sold_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('vouchers_sold_ore', sa.BigInteger(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('vouchers_redeemed_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('vouchers_redeemed_ore', sa.BigInteger(), nullable=False, server_default='0'))



def downgrade():
    with op.batch_alter_table('z_reports', schema=None) as batch_op:
        batch_op.drop_column('vouchers_redeemed_ore')
        batch_op.drop_column('vouchers_redeemed_count')
        batch_op.drop_column('vouchers_sold_ore')
        batch_op.drop_column('vouchers_sold_count')

    op.drop_index("uq_sale_lines_active_item", table_name="sale_lines")
    with op.batch_alter_table('sale_lines', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sale_lines_voucher_id_gift_vouchers'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_sale_lines_voucher_id'))
        batch_op.alter_column('category_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('voucher_id')
    _active_item_index()

    with op.batch_alter_table('cart_lines', schema=None) as batch_op:
        batch_op.drop_column('is_voucher')

    with op.batch_alter_table('voucher_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voucher_events_voucher_id'))
        batch_op.drop_index(batch_op.f('ix_voucher_events_sale_id'))

    op.drop_table('voucher_events')
    with op.batch_alter_table('gift_vouchers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gift_vouchers_sale_id'))

    op.drop_table('gift_vouchers')


def _active_item_index():
    op.create_index("uq_sale_lines_active_item", "sale_lines", ["item_id"], unique=True,
                    sqlite_where=sa.text("item_id IS NOT NULL AND returned = 0 AND is_return = 0 AND training = 0"),
                    postgresql_where=sa.text("item_id IS NOT NULL AND NOT returned AND NOT is_return AND NOT training"))
