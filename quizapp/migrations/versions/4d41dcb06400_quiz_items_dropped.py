"""quiz items dropped: a faulty question taken out of a quiz, no longer asked or scored

Revision ID: 4d41dcb06400
Revises: 53133db826f7
Create Date: 2026-11-25 20:30:04.652546

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '4d41dcb06400'
down_revision = '53133db826f7'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('quiz_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dropped_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('quiz_items', schema=None) as batch_op:
        batch_op.drop_column('dropped_at')
