"""Taking quizzes: which quizzes a student may take, attempts, answers, scores."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ..database import WRITE_RETRIES, is_transient
from ..extensions import db
from ..grading import grade
from ..models import Attempt, Enrollment, Question, Quiz, QuizItem, Response, User, utcnow
from . import practice


class QuizUnavailable(Exception):
    """The student may not start this quiz now; the message says why."""


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


def visible_quizzes_query(user: User):
    """Published quizzes open to everyone, or to a class the user belongs to."""
    member_of = select(Enrollment.classroom_id).where(Enrollment.user_id == user.id)
    return (
        db.select(Quiz)
        .where(Quiz.published.is_(True))
        .where(or_(Quiz.classroom_id.is_(None), Quiz.classroom_id.in_(member_of)))
        .order_by(Quiz.created_at.desc(), Quiz.id.desc())
    )


def quizzes_for(user: User) -> list[QuizSummary]:
    summaries = []
    for quiz in db.session.execute(visible_quizzes_query(user)).scalars():
        attempts = user_attempts(user, quiz)
        finished = [a for a in attempts if a.finished_at is not None]
        unfinished = next((a for a in attempts if a.finished_at is None), None)
        summaries.append(
            QuizSummary(
                quiz=quiz,
                question_count=len(quiz.items),
                attempts_used=len(attempts),
                best_score=max((a.score or 0.0 for a in finished), default=None),
                unfinished=unfinished,
                reason_closed=None if unfinished else why_closed(quiz, len(attempts)),
            )
        )
    return summaries


def user_attempts(user: User, quiz: Quiz) -> list[Attempt]:
    return list(
        db.session.execute(
            db.select(Attempt).filter_by(user_id=user.id, quiz_id=quiz.id).order_by(Attempt.started_at, Attempt.id)
        ).scalars()
    )


def why_closed(quiz: Quiz, attempts_used: int) -> str | None:
    now = utcnow()
    if not quiz.items:
        return "This quiz has no questions yet."
    if quiz.opens_at and now < quiz.opens_at:
        return f"This quiz opens on {quiz.opens_at:%d %b %Y at %H:%M} UTC."
    if quiz.closes_at and now >= quiz.closes_at:
        return f"This quiz closed on {quiz.closes_at:%d %b %Y at %H:%M} UTC."
    if quiz.max_attempts is not None and attempts_used >= quiz.max_attempts:
        return "You have used your only attempt." if quiz.max_attempts == 1 else f"You have used all {quiz.max_attempts} attempts."
    return None


def can_see_quiz(user: User, quiz: Quiz) -> bool:
    return db.session.execute(visible_quizzes_query(user).where(Quiz.id == quiz.id)).first() is not None


def start_attempt(user: User, quiz: Quiz) -> Attempt:
    """Resume the student's unfinished attempt, or start a new one if the quiz allows it."""
    if not can_see_quiz(user, quiz):
        raise QuizUnavailable("This quiz is not open to you.")
    attempts = user_attempts(user, quiz)
    for attempt in attempts:
        if attempt.finished_at is None:
            return attempt
    reason = why_closed(quiz, len(attempts))
    if reason:
        raise QuizUnavailable(reason)
    attempt = Attempt(quiz=quiz, user=user)
    db.session.add(attempt)
    db.session.commit()
    return attempt


def attempt_of(user: User, attempt_id: int, *, with_questions: bool = False) -> Attempt | None:
    """The attempt if it belongs to this user; None otherwise (callers answer 404).

    ``with_questions`` loads every question of the quiz in one go, for pages that show them all.
    """
    options = []
    if with_questions:
        options = [
            selectinload(Attempt.quiz).selectinload(Quiz.items).selectinload(QuizItem.question),
            selectinload(Attempt.responses),
        ]
    attempt = db.session.get(Attempt, attempt_id, options=options)
    if attempt is None or attempt.user_id != user.id:
        return None
    return attempt


def responses_by_question(attempt: Attempt) -> dict[int, Response]:
    return {response.question_id: response for response in attempt.responses}


def next_item(attempt: Attempt) -> QuizItem | None:
    answered = responses_by_question(attempt)
    return next((item for item in attempt.quiz.items if item.question_id not in answered), None)


def item_at(attempt: Attempt, position: int) -> QuizItem | None:
    """One item with its question (and, through it, passage and article) in a single query."""
    return db.session.execute(
        db.select(QuizItem)
        .filter_by(quiz_id=attempt.quiz_id, position=position)
        .options(joinedload(QuizItem.question))
    ).scalar_one_or_none()


def record_answer(attempt: Attempt, question: Question, given: Any) -> tuple[Response, bool]:
    """Grade and store one answer. Returns (response, created).

    A second submission of the same question (double click, resent form, two tabs)
    returns the first response unchanged: an answer never counts twice. A database
    that stays busy longer than its timeout is retried a few times, not shown to the student.
    """
    if attempt.finished_at is not None:
        raise AttemptClosed("This attempt is finished; its answers can no longer change.")
    if quiz_has_closed(attempt.quiz):
        raise AttemptClosed("This quiz has closed; answers can no longer be given.")
    correct = grade(question.type, given, question.answer)
    for retry in range(WRITE_RETRIES):
        # The attempt's loaded answers tell at first; after a failed commit, only the database can.
        if retry == 0:
            existing = next((r for r in attempt.responses if r.question_id == question.id), None)
        else:
            existing = _stored_response(attempt, question)
        if existing is not None:
            return existing, False
        # Everything is read and computed before the first write, so the database's write lock
        # (one writer at a time on SQLite) is held only for the inserts and the commit.
        practice.schedule_after_answer(attempt.user_id, question, given, correct, context="quiz", commit=False)
        response = Response(attempt_id=attempt.id, question_id=question.id, given=given, correct=correct)
        db.session.add(response)
        try:
            db.session.commit()
        except (IntegrityError, StaleDataError):
            # Another request stored this answer first (theirs stands), or created or reviewed
            # this question's practice card at the same moment: look again, and try again if need be.
            db.session.rollback()
            stored = _stored_response(attempt, question)
            if stored is not None:
                return stored, False
        except OperationalError as error:
            db.session.rollback()
            if not is_transient(error) or retry == WRITE_RETRIES - 1:
                raise
            time.sleep(0.05 * 2**retry)
        else:
            return response, True
    raise RuntimeError("The answer could not be saved; please send it again.")


def _stored_response(attempt: Attempt, question: Question) -> Response | None:
    return db.session.execute(
        db.select(Response).filter_by(attempt_id=attempt.id, question_id=question.id)
    ).scalar_one_or_none()


def quiz_has_closed(quiz: Quiz) -> bool:
    return quiz.closes_at is not None and utcnow() >= quiz.closes_at


def finish_if_quiz_closed(attempt: Attempt) -> bool:
    """An attempt still open when its quiz closes is finished with the answers given so far."""
    if attempt.finished_at is None and quiz_has_closed(attempt.quiz):
        finish_attempt(attempt)
        return True
    return False


def finish_attempt(attempt: Attempt) -> Attempt:
    """Close the attempt and score it (unanswered questions count as wrong). Idempotent."""
    if attempt.finished_at is not None:
        return attempt
    total = len(attempt.quiz.items)
    right = sum(1 for response in attempt.responses if response.correct)
    attempt.score = right / total if total else 0.0
    attempt.finished_at = utcnow()
    db.session.commit()
    return attempt


def finished_attempts(user: User) -> list[Attempt]:
    return list(
        db.session.execute(
            db.select(Attempt)
            .filter_by(user_id=user.id)
            .where(Attempt.finished_at.is_not(None))
            .order_by(Attempt.finished_at, Attempt.id)
        ).scalars()
    )
