"""article attribution: who wrote an article and under which licence, shown with it

Revision ID: 4b4cc2d91255
Revises: 8bde45507179
Create Date: 2026-11-25 19:26:18.960038

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '4b4cc2d91255'
down_revision = '8bde45507179'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attribution', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_column('attribution')
