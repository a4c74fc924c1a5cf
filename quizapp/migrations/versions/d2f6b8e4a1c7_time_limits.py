"""time limits and shuffled questions: a quiz's minutes per attempt, each timed attempt's
deadline, and whether each attempt asks the questions in an order of its own

Revision ID: d2f6b8e4a1c7
Revises: c5e9a2d7f3b1
Create Date: 2026-12-07 03:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd2f6b8e4a1c7'
down_revision = 'c5e9a2d7f3b1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_limit_minutes', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('shuffle_questions', sa.Boolean(), server_default=sa.text('false'), nullable=False))
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deadline', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_column('deadline')
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.drop_column('shuffle_questions')
        batch_op.drop_column('time_limit_minutes')
