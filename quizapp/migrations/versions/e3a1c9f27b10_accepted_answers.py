"""accepted answers: other answers a teacher accepts for a typed question ("World War I" for
"First World War"), graded as right as the key is

Revision ID: e3a1c9f27b10
Revises: d067cd4db87d
Create Date: 2026-12-07 00:06:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e3a1c9f27b10'
down_revision = 'd067cd4db87d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accepted_answers', sa.JSON(), nullable=False, server_default='[]'))


def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_column('accepted_answers')
