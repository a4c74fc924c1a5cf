"""questions drawn per student: a quiz's drawn items and how many each attempt gets, and the
questions each attempt drew

Revision ID: a4d9c3e7f5b2
Revises: f1c8e2a9b4d6
Create Date: 2026-12-07 03:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a4d9c3e7f5b2'
down_revision = 'f1c8e2a9b4d6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('draw_count', sa.Integer(), nullable=True))
    with op.batch_alter_table('quiz_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('drawn', sa.Boolean(), server_default=sa.text('false'), nullable=False))
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('question_ids', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_column('question_ids')
    with op.batch_alter_table('quiz_items', schema=None) as batch_op:
        batch_op.drop_column('drawn')
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.drop_column('draw_count')
