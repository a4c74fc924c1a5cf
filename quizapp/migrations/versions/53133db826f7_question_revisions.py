"""question revisions: a question as it was before an edit, for the answers given to it

Revision ID: 53133db826f7
Revises: 4b4cc2d91255
Create Date: 2026-11-25 20:24:46.863460

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '53133db826f7'
down_revision = '4b4cc2d91255'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('question_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('replaced_at', sa.DateTime(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('prompt', sa.Text(), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('answer', sa.JSON(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('evidence_start', sa.Integer(), nullable=False),
    sa.Column('evidence_end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['passage_id'], ['passages.id'], name=op.f('fk_question_revisions_passage_id_passages'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_revisions_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_revisions'))
    )
    with op.batch_alter_table('question_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_revisions_question_id'), ['question_id'], unique=False)


def downgrade():
    with op.batch_alter_table('question_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_revisions_question_id'))

    op.drop_table('question_revisions')
