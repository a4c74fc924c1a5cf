"""Storing answers: the app's hottest write (a class submitting at once), kept to one read and one
conditional INSERT, without ORM objects."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, and_, bindparam, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ..database import commit_with_retry
from ..extensions import db
from ..generation.types import grade
from ..models import Attempt, FeedbackMode, Question, Quiz, QuizItem, Response, User, utcnow
from .attempts import AttemptClosed
from .student_quizzes import has_closed

_attempts, _quizzes, _items = Attempt.__table__, Quiz.__table__, QuizItem.__table__
_questions, _responses, _users = Question.__table__, Response.__table__, User.__table__


@dataclass(frozen=True)
class AnswerTarget:
    """All that answering one question of an attempt needs, read in a single query.

    Answering is the hottest write: a class of students all submit at once. So it reads
    plain rows instead of ORM objects, and writes one plain statement (practice cards are
    reviewed when the attempt is finished).
    """

    attempt_id: int
    user_id: int
    owner_session_token: str
    finished: bool
    quiz_closes_at: datetime | None
    deadline: datetime | None  # a timed attempt's: no answer after it
    feedback: str
    position: int
    question_id: int | None  # None: the quiz asks no question at this position (none, or dropped)
    type: str
    prompt: str
    choices: list[str]
    answer: Any
    accepted: list[str]  # the teacher's other accepted answers (typed questions)
    answered: bool
    # The connection it was read on: the answer is written on it too, one pool checkout in all.
    connection: Connection | None = field(default=None, compare=False, repr=False)

    @property
    def quiz_closed(self) -> bool:
        return has_closed(self.quiz_closes_at)

    @property
    def time_up(self) -> bool:
        return self.deadline is not None and self.deadline <= utcnow()


# Built once: SQLAlchemy caches its compiled form, so each answer pays only for running it.
_ANSWER_TARGET = (
    select(
        _attempts.c.id, _attempts.c.user_id, _users.c.session_token, _attempts.c.finished_at, _attempts.c.deadline,
        _attempts.c.question_ids,
        _quizzes.c.closes_at, _quizzes.c.feedback,
        _items.c.question_id, _questions.c.type, _questions.c.prompt, _questions.c.choices, _questions.c.answer,
        _questions.c.accepted_answers, _responses.c.id.label("response_id"),
    )
    .select_from(
        _attempts.join(_quizzes, _quizzes.c.id == _attempts.c.quiz_id)
        .join(_users, _users.c.id == _attempts.c.user_id)
        .outerjoin(
            _items,
            and_(
                _items.c.quiz_id == _attempts.c.quiz_id,
                _items.c.position == bindparam("position"),
                _items.c.dropped_at.is_(None),  # a dropped question is not answered any more
            ),
        )
        .outerjoin(_questions, _questions.c.id == _items.c.question_id)
        .outerjoin(_responses, and_(_responses.c.attempt_id == _attempts.c.id, _responses.c.question_id == _items.c.question_id))
    )
    .where(_attempts.c.id == bindparam("attempt_id"))
)
def _open_attempt(*columns, attempt: str, at: str):
    """``columns`` of the attempt bound as ``attempt``, only while it is open at the time bound as
    ``at`` (not finished, its quiz not closed, its time not up); the attempt row share-locked on PostgreSQL, so that a
    Finish (which updates that row) waits for the write under way, and the write for a Finish."""
    return (
        select(*columns)
        .select_from(_attempts.join(_quizzes, _quizzes.c.id == _attempts.c.quiz_id))
        .where(
            _attempts.c.id == bindparam(attempt),
            _attempts.c.finished_at.is_(None),
            or_(_quizzes.c.closes_at.is_(None), _quizzes.c.closes_at > bindparam(at)),
            or_(_attempts.c.deadline.is_(None), _attempts.c.deadline > bindparam(at)),  # a timed attempt's time
        )
        .with_for_update(read=True, of=_attempts)
    )


# The answer is stored only if, at the moment of writing, its attempt is still open and its quiz
# not closed: the check and the write are one statement, so a Finish or a Close that wins the race
# leaves no answer after it.
_INSERT_RESPONSE_IF_OPEN = insert(_responses).from_select(
    ["attempt_id", "question_id", "given", "correct", "answered_at"],
    _open_attempt(
        _attempts.c.id,
        bindparam("question_id", type_=Integer),
        bindparam("given", type_=JSON),
        bindparam("correct", type_=Boolean),
        bindparam("answered_at", type_=DateTime),
        attempt="attempt_id",
        at="answered_at",
    ),
).returning(_responses.c.id)  # no row: the attempt was not open (rowcount is not reliable for INSERT ... SELECT)

# In a quiz with feedback at the end, an answer may be changed until the attempt is submitted, under
# the same guard (on SQLite the one statement holds the write lock): a Finish scores either the old
# answer or the new one, and the stored answer is the one it scored.
_UPDATE_RESPONSE_IF_OPEN = (
    update(_responses)
    .where(
        _responses.c.attempt_id == bindparam("target_attempt"),
        _responses.c.question_id == bindparam("target_question"),
        _responses.c.attempt_id.in_(_open_attempt(_attempts.c.id, attempt="target_attempt", at="changed_at")),
    )
    .values(given=bindparam("new_given", type_=JSON), correct=bindparam("new_correct", type_=Boolean), answered_at=bindparam("changed_at", type_=DateTime))
    .returning(_responses.c.id)
)


@contextmanager
def answering(attempt_id: int, position: int) -> Iterator[AnswerTarget | None]:
    """The attempt and its question at ``position`` (None when there is no such attempt), read on a
    connection that ``save_answer`` writes on and that is returned to the pool on leaving.

    The caller checks ``user_id``: another student's attempt must look like no attempt at all.
    """
    with db.engine.connect() as connection:  # plain rows: the ORM session need not start for the hot path
        yield _read_target(connection, attempt_id, position)


def _read_target(connection: Connection, attempt_id: int, position: int) -> AnswerTarget | None:
    row = connection.execute(_ANSWER_TARGET, {"attempt_id": attempt_id, "position": position}).one_or_none()
    if row is None:
        return None
    return AnswerTarget(
        attempt_id=row.id,
        user_id=row.user_id,
        owner_session_token=row.session_token,
        finished=row.finished_at is not None,
        quiz_closes_at=row.closes_at,
        deadline=row.deadline,
        feedback=row.feedback,
        position=position,
        # A question this attempt did not draw is, for it, no question at all.
        question_id=row.question_id if row.question_ids is None or row.question_id in row.question_ids else None,
        type=row.type or "",
        prompt=row.prompt or "",
        choices=row.choices or [],
        answer=row.answer,
        accepted=row.accepted_answers or [],
        answered=row.response_id is not None,
        connection=connection,
    )


def answers_change(feedback: str) -> bool:
    """Whether a quiz's answers may be changed until the attempt is submitted: with feedback at the
    end (Moodle's deferred feedback), yes; with feedback at once, the first answer stands."""
    return feedback == FeedbackMode.END


def save_answer(target: AnswerTarget, given: Any) -> bool:
    """Grade and store one answer. Returns whether it was stored now.

    With feedback at once, a second submission of the same question (double click, resent form,
    two tabs) stores nothing and returns False: an answer never counts twice. With feedback at the
    end, it replaces the answer until the attempt is submitted. A database that stays busy longer
    than its timeout is retried (``commit_with_retry``), not shown to the student.
    """
    connection = target.connection
    assert connection is not None, "an AnswerTarget from answering()"
    correct = grade(target.type, given, target.answer, target.prompt, target.accepted)
    for look in range(2):
        if look:  # another request wrote first: read what the database holds now
            target = _read_target(connection, target.attempt_id, target.position) or target
        if target.finished:
            raise AttemptClosed("This attempt is finished; its answers can no longer change.")
        if target.quiz_closed:
            raise AttemptClosed("This quiz has closed; answers can no longer be given.")
        if target.time_up:
            raise AttemptClosed("Time is up for this attempt; answers can no longer be given.")
        write = _write_answer
        if target.answered:
            if not answers_change(target.feedback):
                return False
            write = _change_answer
        try:
            commit_with_retry(connection, lambda: write(connection, target, given, correct))
        except AttemptClosed:
            continue  # finished or closed a moment ago: the look below says which
        except IntegrityError:  # another request stored this answer first (theirs stands): look again
            continue
        return True
    raise RuntimeError("The answer could not be saved; please send it again.")


def _write_answer(connection: Connection, target: AnswerTarget, given: Any, correct: bool) -> None:
    """The answer, if its attempt is still open: one statement, committed by the caller."""
    stored = connection.execute(
        _INSERT_RESPONSE_IF_OPEN,
        {"attempt_id": target.attempt_id, "question_id": target.question_id, "given": given, "correct": correct,
         "answered_at": utcnow()},
    )
    if stored.scalar() is None:  # finished or closed since it was read: the caller rolls back
        raise AttemptClosed("This attempt is finished; its answers can no longer change.")


def _change_answer(connection: Connection, target: AnswerTarget, given: Any, correct: bool) -> None:
    """Replace the answer, if its attempt is still open: one statement, committed by the caller."""
    changed = connection.execute(
        _UPDATE_RESPONSE_IF_OPEN,
        {"target_attempt": target.attempt_id, "target_question": target.question_id, "new_given": given,
         "new_correct": correct, "changed_at": utcnow()},
    )
    if changed.scalar() is None:
        raise AttemptClosed("This attempt is finished; its answers can no longer change.")


def record_answer(attempt: Attempt, question: Question, given: Any) -> bool:
    """Answer ``question`` in ``attempt`` outside a request (tests, scripts); see save_answer."""
    position = next(item.position for item in attempt.quiz.items if item.question_id == question.id)
    db.session.commit()  # ends the session's work (normally none) so its connection is free before the answer takes one
    with answering(attempt.id, position) as target:
        assert target is not None
        created = save_answer(target, given)
    db.session.expire(attempt, ["responses"])
    return created
