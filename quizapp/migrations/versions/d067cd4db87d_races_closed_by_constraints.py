"""races closed by constraints: usernames unique whatever their case, one open attempt per student
and quiz, rate-limit counters shared by every worker

Revision ID: d067cd4db87d
Revises: aedc64b500f5
Create Date: 2026-12-04 15:00:00.000000

Existing clashes are settled before the constraints are made:
- accounts whose usernames differ only in case (made by simultaneous sign-ups, and since then
  unable to log in): the oldest keeps its name, each later one gets "-2", "-3", ... appended
  (its password and attempts stay); each rename is printed;
- a student with several unfinished attempts at one quiz (simultaneous Start clicks): the attempt
  with the most answers (the newest among equals) stays open, the others are finished and scored
  with the answers they hold, as the quiz would have scored them.
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd067cd4db87d'
down_revision = 'aedc64b500f5'
branch_labels = None
depends_on = None

users = sa.table('users', sa.column('id', sa.Integer), sa.column('username', sa.String), sa.column('username_key', sa.String))
attempts = sa.table(
    'attempts',
    sa.column('id', sa.Integer), sa.column('quiz_id', sa.Integer), sa.column('user_id', sa.Integer),
    sa.column('started_at', sa.DateTime), sa.column('finished_at', sa.DateTime), sa.column('score', sa.Float),
)
responses = sa.table(
    'responses', sa.column('attempt_id', sa.Integer), sa.column('question_id', sa.Integer), sa.column('correct', sa.Boolean)
)
quiz_items = sa.table(
    'quiz_items', sa.column('quiz_id', sa.Integer), sa.column('question_id', sa.Integer), sa.column('dropped_at', sa.DateTime)
)
MAX_USERNAME = 32  # services.accounts.USERNAME_PATTERN


def upgrade():
    connection = op.get_bind()
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username_key', sa.String(length=64), nullable=True))
    _rename_clashing_users(connection)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('username_key', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_users_username_key'), ['username_key'])

    _finish_duplicate_open_attempts(connection)
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index(
            'uq_attempts_one_open', ['quiz_id', 'user_id'], unique=True,
            sqlite_where=sa.text('finished_at IS NULL'), postgresql_where=sa.text('finished_at IS NULL'),
        )

    op.create_table(
        'rate_limit_counters',
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('expires_at', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_rate_limit_counters')),
    )
    with op.batch_alter_table('rate_limit_counters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rate_limit_counters_expires_at'), ['expires_at'], unique=False)


def _rename_clashing_users(connection) -> None:
    taken: set[str] = set()
    for user_id, username in connection.execute(sa.select(users.c.id, users.c.username).order_by(users.c.id)).all():
        name = username
        number = 1
        while name.strip().lower() in taken:
            number += 1
            suffix = f"-{number}"
            name = username[: MAX_USERNAME - len(suffix)] + suffix
        if name != username:
            print(f"Renamed user {username!r} (id {user_id}) to {name!r}: another account's name differs only in case.")
        taken.add(name.strip().lower())
        connection.execute(
            users.update().where(users.c.id == user_id).values(username=name, username_key=name.strip().lower())
        )


def _finish_duplicate_open_attempts(connection) -> None:
    open_attempts = connection.execute(
        sa.select(attempts.c.id, attempts.c.quiz_id, attempts.c.user_id)
        .where(attempts.c.finished_at.is_(None))
        .order_by(attempts.c.started_at, attempts.c.id)
    ).all()
    by_student: dict[tuple[int, int], list[int]] = {}
    for attempt_id, quiz_id, user_id in open_attempts:
        by_student.setdefault((quiz_id, user_id), []).append(attempt_id)
    now = datetime.now(UTC).replace(tzinfo=None)
    for (quiz_id, _user_id), attempt_ids in by_student.items():
        if len(attempt_ids) < 2:
            continue
        asked = {
            question_id
            for (question_id,) in connection.execute(
                sa.select(quiz_items.c.question_id).where(quiz_items.c.quiz_id == quiz_id, quiz_items.c.dropped_at.is_(None))
            )
        }
        answers = {
            attempt_id: connection.execute(
                sa.select(responses.c.question_id, responses.c.correct).where(responses.c.attempt_id == attempt_id)
            ).all()
            for attempt_id in attempt_ids
        }
        # The most answers stays open; among equals the newest (attempt_ids run oldest first).
        kept = max(attempt_ids, key=lambda attempt_id: (len(answers[attempt_id]), attempt_ids.index(attempt_id)))
        for attempt_id in attempt_ids:
            if attempt_id == kept:
                continue
            right = sum(1 for question_id, correct in answers[attempt_id] if correct and question_id in asked)
            connection.execute(
                attempts.update()
                .where(attempts.c.id == attempt_id)
                .values(finished_at=now, score=right / len(asked) if asked else 0.0)
            )


def downgrade():
    with op.batch_alter_table('rate_limit_counters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rate_limit_counters_expires_at'))
    op.drop_table('rate_limit_counters')
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index('uq_attempts_one_open')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_username_key'), type_='unique')
        batch_op.drop_column('username_key')
