"""Taking quizzes: which quizzes a student may take, starting, progress, finishing and scoring, reviews.
(Storing each answer is in ``answers``.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, and_, bindparam, exists, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from ..database import commit_with_retry
from ..extensions import db
from ..models import (
    Attempt,
    Question,
    QuestionRevision,
    Quiz,
    QuizItem,
    Response,
    User,
    utcnow,
)
from ..timezones import school_time
from . import practice, revisions
from .permissions import may_see_quiz, quizzes_student_may_see

_attempts, _quizzes, _items = Attempt.__table__, Quiz.__table__, QuizItem.__table__
_responses = Response.__table__
_users = User.__table__


class QuizUnavailable(Exception):
    """The student may not start this quiz now; the message says why."""


class QuizNotVisible(QuizUnavailable):
    """Not a quiz for this student at all (another class's): pages answer as if it did not exist."""


class AttemptClosed(Exception):
    """The attempt is finished: answers can no longer change."""


@dataclass
class QuizSummary:
    quiz: Quiz
    question_count: int
    attempts_used: int
    best_score: float | None
    unfinished: Attempt | None
    reason_closed: str | None  # None when the student may start or resume

    @property
    def has_closed(self) -> bool:
        return has_closed(self.quiz.closes_at)

    @property
    def attempts_left(self) -> int | None:
        """Attempts still to start (None: unlimited)."""
        return None if self.quiz.max_attempts is None else max(0, self.quiz.max_attempts - self.attempts_used)


def visible_quizzes_query(user: User):
    """Published quizzes open to everyone, or to a class the user belongs to."""
    return db.select(Quiz).where(quizzes_student_may_see(user)).order_by(Quiz.created_at.desc(), Quiz.id.desc())


def quizzes_for(user: User) -> list[QuizSummary]:
    """Every quiz the user may see, with their attempts at it: two queries, however many quizzes."""
    quizzes = db.session.execute(visible_quizzes_query(user).options(selectinload(Quiz.items))).scalars().all()
    attempts_by_quiz: dict[int, list[Attempt]] = {quiz.id: [] for quiz in quizzes}
    for attempt in db.session.execute(
        db.select(Attempt)
        .where(Attempt.user_id == user.id, Attempt.quiz_id.in_(list(attempts_by_quiz)))
        .order_by(Attempt.started_at, Attempt.id)
    ).scalars():
        attempts_by_quiz[attempt.quiz_id].append(attempt)
    summaries = []
    for quiz in quizzes:
        attempts = attempts_by_quiz[quiz.id]
        finished = [a for a in attempts if a.finished_at is not None]
        unfinished = next((a for a in attempts if a.finished_at is None), None)
        summaries.append(
            QuizSummary(
                quiz=quiz,
                question_count=len(quiz.asked_items),
                attempts_used=len(attempts),
                best_score=max((a.score or 0.0 for a in finished), default=None),
                unfinished=unfinished,
                reason_closed=None if unfinished else why_closed(quiz, len(attempts)),
            )
        )
    # Quizzes the student can take come first; closed and used-up ones after them, in the same order.
    return sorted(summaries, key=lambda summary: summary.reason_closed is not None)


def user_attempts(user: User, quiz: Quiz) -> list[Attempt]:
    return list(
        db.session.execute(
            db.select(Attempt).filter_by(user_id=user.id, quiz_id=quiz.id).order_by(Attempt.started_at, Attempt.id)
        ).scalars()
    )


AT_TIME = "%d %b %Y at %H:%M %Z"


def why_closed(quiz: Quiz, attempts_used: int) -> str | None:
    now = utcnow()
    if not quiz.asked_items:
        return "This quiz has no questions yet."
    if quiz.opens_at and now < quiz.opens_at:
        return f"This quiz opens on {school_time(quiz.opens_at, AT_TIME)}."
    if quiz.closes_at and now >= quiz.closes_at:
        return f"This quiz closed on {school_time(quiz.closes_at, AT_TIME)}."
    if quiz.max_attempts is not None and attempts_used >= quiz.max_attempts:
        return "You have used your only attempt." if quiz.max_attempts == 1 else f"You have used all {quiz.max_attempts} attempts."
    return None


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
        return db.session.execute(_START_IF_ALLOWED, {"quiz_id": quiz.id, "user_id": user.id, "now": utcnow()}).scalar()

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
        ["quiz_id", "user_id", "started_at"],
        select(_quizzes.c.id, bindparam("user_id", type_=Integer), bindparam("now", type_=DateTime))
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


def attempt_of(user: User, attempt_id: int, *, with_questions: bool = False) -> Attempt | None:
    """The attempt if it belongs to this user; None otherwise (callers answer 404).

    ``with_questions`` loads every question of the quiz in one go, for pages that show them all.
    """
    if with_questions:
        options = [
            selectinload(Attempt.quiz).selectinload(Quiz.items).selectinload(QuizItem.question),
            selectinload(Attempt.responses),
        ]
    else:
        options = [joinedload(Attempt.quiz)]
    attempt = db.session.get(Attempt, attempt_id, options=options)
    if attempt is None or attempt.user_id != user.id:
        return None
    return attempt


def responses_by_question(attempt: Attempt) -> dict[int, Response]:
    return {response.question_id: response for response in attempt.responses}


@dataclass(frozen=True)
class AttemptReview:
    """What reviewing an attempt shows: each answer with the question as it was answered, and the count."""

    responses: dict[int, Response]  # by question id
    asked: dict[int, Question | QuestionRevision]  # by question id: the version answered
    right: int  # right answers to questions still asked (dropped ones do not count)
    asked_count: int


def review_of(attempt: Attempt) -> AttemptReview:
    responses = responses_by_question(attempt)
    asked = attempt.quiz.asked_question_ids
    return AttemptReview(
        responses=responses,
        asked=revisions.asked_versions((r.question, r.answered_at) for r in responses.values()),
        right=right_answers(attempt.responses, asked),
        asked_count=len(asked),
    )


def right_answers(responses: list[Response], asked: set[int]) -> int:
    """Right answers to questions still asked: what a score counts (a dropped question's never does)."""
    return sum(1 for r in responses if r.correct and r.question_id in asked)


@dataclass(frozen=True)
class GivenAnswer:
    given: Any
    correct: bool
    answered_at: datetime


@dataclass(frozen=True)
class ItemState:
    position: int
    question_id: int
    answer: GivenAnswer | None  # None while unanswered


@dataclass(frozen=True)
class AttemptProgress:
    """Where a student is in an attempt: every item in order, and what was answered."""

    items: list[ItemState]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def answered_count(self) -> int:
        return sum(1 for item in self.items if item.answer is not None)

    def next_unanswered(self) -> ItemState | None:
        return next((item for item in self.items if item.answer is None), None)

    def number_of(self, position: int) -> int:
        """The question's number as the student counts: dropped questions leave no gap."""
        return next((n for n, item in enumerate(self.items, 1) if item.position == position), position + 1)

    def answer_to(self, question_id: int) -> GivenAnswer | None:
        return next((item.answer for item in self.items if item.question_id == question_id), None)


_PROGRESS = (
    select(
        _items.c.position, _items.c.question_id,
        _responses.c.given, _responses.c.correct, _responses.c.answered_at, _responses.c.id,
    )
    .select_from(
        _items.outerjoin(
            _responses,
            and_(_responses.c.attempt_id == bindparam("attempt_id"), _responses.c.question_id == _items.c.question_id),
        )
    )
    .where(_items.c.quiz_id == bindparam("quiz_id"), _items.c.dropped_at.is_(None))
    .order_by(_items.c.position)
)


def attempt_progress(attempt: Attempt) -> AttemptProgress:
    """The attempt's items and answers in one query (pages show progress on every question)."""
    rows = db.session.connection().execute(_PROGRESS, {"attempt_id": attempt.id, "quiz_id": attempt.quiz_id})
    return AttemptProgress(
        [
            ItemState(row.position, row.question_id, None if row.id is None else GivenAnswer(row.given, row.correct, row.answered_at))
            for row in rows
        ]
    )


def item_at(attempt: Attempt, position: int) -> QuizItem | None:
    """One item with its question (and, through it, passage and article) in a single query."""
    return db.session.execute(
        db.select(QuizItem)
        .filter_by(quiz_id=attempt.quiz_id, position=position)
        .options(joinedload(QuizItem.question))
    ).scalar_one_or_none()


def has_closed(closes_at: datetime | None) -> bool:
    """Whether a quiz closing at ``closes_at`` (None: never) has closed."""
    return closes_at is not None and utcnow() >= closes_at


def finish_if_quiz_closed(attempt: Attempt) -> bool:
    """An attempt still open when its quiz closes is finished with the answers given so far."""
    if attempt.finished_at is None and has_closed(attempt.quiz.closes_at):
        finish_attempt(attempt)
        return True
    return False


def score_of(right: int, asked: int) -> float:
    """An attempt's score: the share of the asked questions answered right (unanswered count as wrong)."""
    return right / asked if asked else 0.0


def close_attempt(attempt: Attempt, asked: set[int], now: datetime) -> None:
    """Score the attempt on the ``asked`` questions and finish it; its answers are reviewed on their
    practice cards, and its unanswered questions become cards too. Part of the caller's
    transaction: the one place an attempt is finished."""
    answered = {r.question_id for r in attempt.responses}
    attempt.score = score_of(right_answers(attempt.responses, asked), len(asked))
    attempt.finished_at = now
    practice.review_quiz_answers(attempt.user_id, [r for r in attempt.responses if r.question_id in asked], now)
    practice.add_unanswered(attempt.user_id, asked - answered, now)


_CLAIM_OPEN_ATTEMPT = (
    update(_attempts)
    .where(_attempts.c.id == bindparam("attempt_id"), _attempts.c.finished_at.is_(None))
    .values(finished_at=bindparam("now"))
)


def finish_attempt(attempt: Attempt) -> Attempt:
    """Close the attempt and score it (unanswered questions count as wrong). Idempotent.

    The attempt row is claimed first (its update takes the write lock on SQLite, the row lock on
    PostgreSQL), then its answers are read and scored in the same transaction: an answer racing
    the Finish is either in the score or refused, never stored after it.
    """
    if attempt.finished_at is not None:
        return attempt

    def close() -> bool:  # re-run after a rollback, which expires what it read
        if db.session.execute(_CLAIM_OPEN_ATTEMPT, {"attempt_id": attempt.id, "now": utcnow()}).rowcount != 1:
            return False  # finished a moment ago by another request (a double click, a closing quiz)
        db.session.expire(attempt, ["responses"])
        # Taken after the claim: later than every answer it counts.
        close_attempt(attempt, attempt.quiz.asked_question_ids, utcnow())
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


def finished_attempts_page(user: User, page: int, per_page: int = 50):
    """The user's finished attempts, newest first, a page at a time (a Flask-SQLAlchemy ``Pagination``)."""
    return db.paginate(
        db.select(Attempt)
        .filter_by(user_id=user.id)
        .where(Attempt.finished_at.is_not(None))
        .order_by(Attempt.finished_at.desc(), Attempt.id.desc()),
        page=page,
        per_page=per_page,
        max_per_page=per_page,
        error_out=False,
    )


def finished_attempts(user: User) -> list[Attempt]:
    return list(
        db.session.execute(
            db.select(Attempt)
            .filter_by(user_id=user.id)
            .where(Attempt.finished_at.is_not(None))
            .order_by(Attempt.finished_at, Attempt.id)
        ).scalars()
    )
