"""An attempt's life: starting it within the quiz's limits, and finishing and scoring it.
(Storing each answer is in ``answers``; reading an attempt for its pages in ``attempt_view``;
the quizzes a student sees in ``student_quizzes``.)"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import JSON, DateTime, Integer, and_, bindparam, exists, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..database import commit_with_retry
from ..extensions import db
from ..models import Attempt, Quiz, QuizItem, Response, User, utcnow
from . import practice
from .attempt_view import right_answers
from .permissions import may_see_quiz
from .student_quizzes import has_closed, user_attempts, why_closed

_attempts, _quizzes, _items = Attempt.__table__, Quiz.__table__, QuizItem.__table__
_responses = Response.__table__
_users = User.__table__


class QuizUnavailable(Exception):
    """The student may not start this quiz now; the message says why."""


class QuizNotVisible(QuizUnavailable):
    """Not a quiz for this student at all (another class's): pages answer as if it did not exist."""


class AttemptClosed(Exception):
    """The attempt is finished: answers can no longer change."""


def start_attempt(user: User, quiz: Quiz) -> Attempt:
    """Resume the student's unfinished attempt, or start a new one if the quiz allows it.

    An attempt already under way goes on even if the quiz has since been hidden or the student
    taken out of its class: hiding stops new attempts, it does not take answers away. Twenty
    Start clicks at the same moment open one attempt, never more than the quiz allows: the
    insert itself re-checks the limit (see ``_START_IF_ALLOWED``).
    """
    attempts = user_attempts(user, quiz)
    for attempt in attempts:
        if attempt.finished_at is None:
            return attempt
    if not may_see_quiz(user, quiz):
        raise QuizNotVisible("This quiz is not open to you.")
    reason = why_closed(quiz, len(attempts))
    if reason:
        raise QuizUnavailable(reason)

    def add_attempt() -> int | None:
        db.session.execute(_LOCK_STUDENT, {"user_id": user.id})
        now = utcnow()
        deadline = now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
        return db.session.execute(
            _START_IF_ALLOWED,
            {"quiz_id": quiz.id, "user_id": user.id, "now": now, "deadline": deadline, "question_ids": draw_questions(quiz)},
        ).scalar()

    try:
        attempt_id = commit_with_retry(db.session, add_attempt)  # a whole class starts at once
    except IntegrityError:  # another request opened one a moment ago (one open attempt per student)
        attempt_id = None
    if attempt_id is not None:
        return db.session.get(Attempt, attempt_id)
    attempts = user_attempts(user, quiz)
    for attempt in attempts:
        if attempt.finished_at is None:
            return attempt  # a resent Start resumes the attempt the first one opened
    db.session.refresh(quiz)
    raise QuizUnavailable(why_closed(quiz, len(attempts)) or "This quiz cannot be started now.")


def draw_questions(quiz: Quiz) -> list[int] | None:
    """The questions a new attempt asks, in the quiz's order, in a quiz that draws per student:
    every fixed item, and ``draw_count`` of the drawn ones at random. None: the quiz does not draw."""
    asked = quiz.asked_items
    pool = [item for item in asked if item.drawn]
    if quiz.draw_count is None or not pool:
        return None
    drawn = set(_DRAW.sample(pool, min(quiz.draw_count, len(pool))))
    return [item.question_id for item in asked if not item.drawn or item in drawn]


_DRAW = random.SystemRandom()  # neighbours cannot work out each other's draw


# On PostgreSQL one student's Starts take turns (a row lock on the student); on SQLite, which has
# one writer at a time, the conditional insert below is a single atomic statement anyway.
_LOCK_STUDENT = select(_users.c.id).where(_users.c.id == bindparam("user_id")).with_for_update()
_of_the_student = and_(_attempts.c.quiz_id == _quizzes.c.id, _attempts.c.user_id == bindparam("user_id"))
# A new attempt, only if the quiz is still open and shown, the student has none open, and the
# attempt limit is not used up, all checked by the insert itself. The share lock on the quiz row
# makes a teacher's "Close now" and a Start wait for each other on PostgreSQL.
_START_IF_ALLOWED = (
    insert(_attempts)
    .from_select(
        ["quiz_id", "user_id", "started_at", "deadline", "question_ids"],
        select(
            _quizzes.c.id, bindparam("user_id", type_=Integer), bindparam("now", type_=DateTime),
            bindparam("deadline", type_=DateTime), bindparam("question_ids", type_=JSON(none_as_null=True)),
        )
        .where(
            _quizzes.c.id == bindparam("quiz_id"),
            _quizzes.c.published.is_(True),
            or_(_quizzes.c.closes_at.is_(None), _quizzes.c.closes_at > bindparam("now")),
            ~exists().where(_of_the_student, _attempts.c.finished_at.is_(None)),
            or_(
                _quizzes.c.max_attempts.is_(None),
                select(func.count(_attempts.c.id)).where(_of_the_student).scalar_subquery() < _quizzes.c.max_attempts,
            ),
        )
        .with_for_update(read=True, of=_quizzes),
    )
    .returning(_attempts.c.id)
)


def finish_if_over(attempt: Attempt) -> str | None:
    """An attempt still open when its time is up or its quiz closes is finished with the answers
    given so far (none could be stored after either); returns which ("time", "closed") or None."""
    if attempt.finished_at is not None:
        return None
    if time_is_up(attempt):
        finish_attempt(attempt, at=attempt.deadline)
        return "time"
    if has_closed(attempt.quiz.closes_at):
        finish_attempt(attempt)
        return "closed"
    return None


def time_is_up(attempt: Attempt) -> bool:
    return attempt.deadline is not None and attempt.deadline <= utcnow()


def finish_overdue(quiz: Quiz) -> int:
    """Finish the quiz's attempts whose time is up, as of their deadline: a student who closed the
    tab is scored all the same. Returns how many."""
    overdue = db.session.execute(
        db.select(Attempt).where(Attempt.quiz_id == quiz.id, Attempt.finished_at.is_(None), Attempt.deadline <= utcnow())
    ).scalars().all()
    for attempt in overdue:
        finish_attempt(attempt, at=attempt.deadline)
    return len(overdue)


def score_of(right: int, asked: int) -> float:
    """An attempt's score: the share of the asked questions answered right (unanswered count as wrong)."""
    return right / asked if asked else 0.0


def attempt_score(attempt: Attempt, asked: set[int]) -> float:
    """The attempt's share of right answers to ``asked``, its own questions still asked."""
    return score_of(right_answers(attempt.responses, asked), len(asked))


def close_attempt(attempt: Attempt, asked: set[int], now: datetime) -> None:
    """Score the attempt on the ``asked`` questions (those of them it drew) and finish it; its answers
    are reviewed on their practice cards, and its unanswered questions become cards too. Part of the
    caller's transaction: the one place an attempt is finished."""
    asked = attempt.asked_of(asked)
    answered = {r.question_id for r in attempt.responses}
    attempt.score = attempt_score(attempt, asked)
    attempt.finished_at = now
    practice.review_quiz_answers(attempt.user_id, [r for r in attempt.responses if r.question_id in asked], now)
    practice.add_unanswered(attempt.user_id, asked - answered, now)


_CLAIM_OPEN_ATTEMPT = (
    update(_attempts)
    .where(_attempts.c.id == bindparam("attempt_id"), _attempts.c.finished_at.is_(None))
    .values(finished_at=bindparam("now"))
)


def finish_attempt(attempt: Attempt, at: datetime | None = None) -> Attempt:
    """Close the attempt and score it (unanswered questions count as wrong). Idempotent.

    ``at`` is when it finished, if not now: a timed attempt finishes as of its deadline, after which
    no answer was stored.

    The attempt row is claimed first (its update takes the write lock on SQLite, the row lock on
    PostgreSQL), then its answers are read and scored in the same transaction: an answer racing
    the Finish is either in the score or refused, never stored after it.
    """
    if attempt.finished_at is not None:
        return attempt

    def close() -> bool:  # re-run after a rollback, which expires what it read
        if db.session.execute(_CLAIM_OPEN_ATTEMPT, {"attempt_id": attempt.id, "now": at or utcnow()}).rowcount != 1:
            return False  # finished a moment ago by another request (a double click, a closing quiz)
        db.session.expire(attempt, ["responses"])
        # Taken after the claim: later than every answer it counts (a deadline is: none is stored after it).
        close_attempt(attempt, attempt.quiz.asked_question_ids, at or utcnow())
        return True

    tries_left = 3
    while True:
        try:
            if not commit_with_retry(db.session, close):  # a whole class finishes at once
                db.session.refresh(attempt)
            return attempt
        except IntegrityError:  # a practice card made at this moment by the student's other Finish: again
            tries_left -= 1
            if not tries_left:
                raise


