"""What a student sees of quizzes: those open to them with their attempts so far, why one is
closed to them, and their finished attempts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import selectinload

from ..database import page_of
from ..extensions import db
from ..models import Attempt, Quiz, QuizItem, User, utcnow
from ..timezones import school_time
from .permissions import quizzes_student_may_see

_attempts, _items = Attempt.__table__, QuizItem.__table__


def has_closed(closes_at: datetime | None) -> bool:
    """Whether a quiz closing at ``closes_at`` (None: never) has closed."""
    return closes_at is not None and utcnow() >= closes_at


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
                question_count=quiz.questions_per_attempt,
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




def finished_attempts_page(user: User, page: int, per_page: int = 50):
    """The user's finished attempts, newest first, a page at a time (a Flask-SQLAlchemy ``Pagination``)."""
    return page_of(
        db.select(Attempt)
        .filter_by(user_id=user.id)
        .where(Attempt.finished_at.is_not(None))
        .order_by(Attempt.finished_at.desc(), Attempt.id.desc()),
        page,
        per_page,
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
