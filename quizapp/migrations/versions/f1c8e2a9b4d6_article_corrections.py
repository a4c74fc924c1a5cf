"""article corrections: a passage replaced by a corrected text is retired, not deleted, so that
answers given before keep their cited text; anchors are unique among current passages only

Revision ID: f1c8e2a9b4d6
Revises: e7a3c9b5d2f8
Create Date: 2026-12-07 03:10:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f1c8e2a9b4d6'
down_revision = 'e7a3c9b5d2f8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('passages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(), nullable=True))
        batch_op.drop_constraint('uq_passages_article_anchor', type_='unique')
        batch_op.create_index(
            'uq_passages_article_anchor', ['article_id', 'anchor'], unique=True,
            sqlite_where=sa.text('retired_at IS NULL'), postgresql_where=sa.text('retired_at IS NULL'),
        )


def downgrade():
    retired = op.get_bind().execute(sa.text('SELECT count(*) FROM passages WHERE retired_at IS NOT NULL')).scalar()
    if retired:  # questions and answers still cite them: deleting them would delete those too
        raise RuntimeError(f'{retired} retired passages are still cited; this downgrade would lose them.')
    with op.batch_alter_table('passages', schema=None) as batch_op:
        batch_op.drop_index('uq_passages_article_anchor')
        batch_op.create_unique_constraint('uq_passages_article_anchor', ['article_id', 'anchor'])
        batch_op.drop_column('retired_at')
