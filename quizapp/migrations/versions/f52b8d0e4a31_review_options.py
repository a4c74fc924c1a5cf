"""review options: what a finished attempt's review shows (whether right, the right answer, the
evidence), right after the attempt and once the quiz has closed, as Moodle's review options

Revision ID: f52b8d0e4a31
Revises: e3a1c9f27b10
Create Date: 2026-12-07 00:12:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f52b8d0e4a31'
down_revision = 'e3a1c9f27b10'
branch_labels = None
depends_on = None

ALL_PARTS = '["correctness", "answer", "evidence"]'


def upgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review_after_submit', sa.JSON(), nullable=False, server_default=ALL_PARTS))
        batch_op.add_column(sa.Column('review_after_close', sa.JSON(), nullable=False, server_default=ALL_PARTS))


def downgrade():
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.drop_column('review_after_close')
        batch_op.drop_column('review_after_submit')
