"""writing jobs: a language model writing questions for an article in the background, its
progress and outcome; one running job per article

Revision ID: b8d4f1a6c2e9
Revises: a7c3e5d91f02
Create Date: 2026-12-07 02:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b8d4f1a6c2e9'
down_revision = 'a7c3e5d91f02'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'writing_jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('teacher_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('cancel_requested', sa.Boolean(), nullable=False),
        sa.Column('done_steps', sa.Integer(), nullable=False),
        sa.Column('total_steps', sa.Integer(), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('accepted', sa.Integer(), nullable=False),
        sa.Column('rejected', sa.JSON(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint("status in ('running', 'done', 'failed', 'cancelled')", name=op.f('ck_writing_jobs_status')),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_writing_jobs_article_id_articles'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['teacher_id'], ['users.id'], name=op.f('fk_writing_jobs_teacher_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_writing_jobs')),
    )
    with op.batch_alter_table('writing_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_writing_jobs_article_id'), ['article_id'], unique=False)
        batch_op.create_index(
            'uq_writing_jobs_one_running', ['article_id'], unique=True,
            sqlite_where=sa.text("status = 'running'"), postgresql_where=sa.text("status = 'running'"),
        )


def downgrade():
    with op.batch_alter_table('writing_jobs', schema=None) as batch_op:
        batch_op.drop_index('uq_writing_jobs_one_running')
        batch_op.drop_index(batch_op.f('ix_writing_jobs_article_id'))
    op.drop_table('writing_jobs')
