"""question tags: a teacher's labels on questions (topic, difficulty, unit), to filter the question
bank and draw random questions by tag

Revision ID: a7c3e5d91f02
Revises: f52b8d0e4a31
Create Date: 2026-12-07 00:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a7c3e5d91f02'
down_revision = 'f52b8d0e4a31'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'question_tags',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_tags_question_id_questions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question_tags')),
        sa.UniqueConstraint('question_id', 'name', name='uq_question_tags_question_name'),
    )
    with op.batch_alter_table('question_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_tags_name'), ['name'], unique=False)


def downgrade():
    with op.batch_alter_table('question_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_tags_name'))
    op.drop_table('question_tags')
