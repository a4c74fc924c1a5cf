"""response overrides: a teacher marks one answer right or wrong; the change is kept and shown

Revision ID: c5e9a2d7f3b1
Revises: b8d4f1a6c2e9
Create Date: 2026-12-07 03:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c5e9a2d7f3b1'
down_revision = 'b8d4f1a6c2e9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('overridden', sa.Boolean(), server_default=sa.text('false'), nullable=False))
    op.create_table(
        'response_overrides',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('response_id', sa.Integer(), nullable=False),
        sa.Column('teacher_id', sa.Integer(), nullable=True),
        sa.Column('correct_before', sa.Boolean(), nullable=False),
        sa.Column('correct_after', sa.Boolean(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_response_overrides_response_id_responses'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['teacher_id'], ['users.id'], name=op.f('fk_response_overrides_teacher_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_response_overrides')),
    )
    with op.batch_alter_table('response_overrides', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_response_overrides_response_id'), ['response_id'], unique=False)


def downgrade():
    with op.batch_alter_table('response_overrides', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_response_overrides_response_id'))
    op.drop_table('response_overrides')
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_column('overridden')
