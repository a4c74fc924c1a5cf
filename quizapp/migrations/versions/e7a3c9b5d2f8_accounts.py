"""accounts without the server's shell: teacher invitations (single-use, expiring) and one-time
passwords a teacher sets for a student, who must then choose their own; shared quizzes a teacher
has hidden from their classes

Revision ID: e7a3c9b5d2f8
Revises: d2f6b8e4a1c7
Create Date: 2026-12-07 04:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e7a3c9b5d2f8'
down_revision = 'd2f6b8e4a1c7'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.text('false'), nullable=False))
    op.create_table(
        'invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('invited_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.Column('used_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_invitations_invited_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['used_by_id'], ['users.id'], name=op.f('fk_invitations_used_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_invitations_token_hash')),
    )


    op.create_table(
        'hidden_shared_quizzes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('teacher_id', sa.Integer(), nullable=False),
        sa.Column('quiz_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['quiz_id'], ['quizzes.id'], name=op.f('fk_hidden_shared_quizzes_quiz_id_quizzes'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['teacher_id'], ['users.id'], name=op.f('fk_hidden_shared_quizzes_teacher_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hidden_shared_quizzes')),
        sa.UniqueConstraint('teacher_id', 'quiz_id', name='uq_hidden_shared_quizzes_teacher_quiz'),
    )
    with op.batch_alter_table('hidden_shared_quizzes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hidden_shared_quizzes_quiz_id'), ['quiz_id'], unique=False)


def downgrade():
    with op.batch_alter_table('hidden_shared_quizzes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hidden_shared_quizzes_quiz_id'))
    op.drop_table('hidden_shared_quizzes')
    op.drop_table('invitations')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
