"""further citations: the spans of other passages a question also cites (an ordering of events
dated across the article), kept with its revisions too

Revision ID: b7e2d4f9a1c3
Revises: a4d9c3e7f5b2
Create Date: 2026-12-07 08:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b7e2d4f9a1c3'
down_revision = 'a4d9c3e7f5b2'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('questions', 'question_revisions'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('also_cites', sa.JSON(), nullable=False, server_default='[]'))


def downgrade():
    for table in ('question_revisions', 'questions'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('also_cites')
