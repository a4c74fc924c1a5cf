"""Spaced-repetition practice with FSRS: every graded answer updates the question's card."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fsrs import Card, Rating, Scheduler
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..grading import grade
from ..models import Attempt, Question, QuestionStatus, Quiz, QuizItem, ReviewCard, ReviewLog, utcnow

# Fuzzing spreads due dates at random; off, so a schedule is reproducible and testable.
scheduler = Scheduler(enable_fuzzing=False)


def rating_for(correct: bool) -> Rating:
    """An honest mapping: a wrong answer is Again, a right one Good."""
    return Rating.Good if correct else Rating.Again


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def schedule_after_answer(
    user_id: int, question: Question, given: Any, correct: bool, *, context: str, commit: bool = True
) -> ReviewCard:
    """Review the user's card for ``question`` (creating it on first sight) and log the review.

    Reads first, then only adds to the session: the caller's commit does all the writing.
    """
    with db.session.no_autoflush:
        record = db.session.execute(
            db.select(ReviewCard).filter_by(user_id=user_id, question_id=question.id)
        ).scalar_one_or_none()
    # A card id of our own: without one, fsrs.Card() sleeps a millisecond to make a unique one.
    card = Card.from_dict(record.card) if record else Card(card_id=(user_id << 32) | question.id)
    rating = rating_for(correct)
    now = utcnow()
    card, _log = scheduler.review_card(card, rating, review_datetime=_aware(now))
    if record is None:
        record = ReviewCard(user_id=user_id, question_id=question.id, lapses=0)
        db.session.add(record)
    record.card = card.to_dict()
    record.due = card.due.astimezone(UTC).replace(tzinfo=None)
    record.lapses += 0 if correct else 1  # ``reviews`` is the row's version: SQLAlchemy counts it up
    db.session.add(
        ReviewLog(
            user_id=user_id,
            question_id=question.id,
            rating=int(rating),
            correct=correct,
            given=given,
            context=context,
            reviewed_at=now,
        )
    )
    if commit:
        db.session.commit()
    return record


class AlreadyReviewed(Exception):
    """The card was reviewed since the form was shown (a resent form): the first review stands."""


def practise(record: ReviewCard, seen_reviews: int | None, given: Any) -> bool:
    """Grade a practice answer and reschedule its card; returns whether it was right.

    ``seen_reviews`` is the card's review count when the question was shown; if the card has
    moved on since, or another request reviews it at the same moment, AlreadyReviewed.
    """
    if seen_reviews != record.reviews:
        raise AlreadyReviewed
    correct = grade(record.question.type, given, record.question.answer)
    schedule_after_answer(record.user_id, record.question, given, correct, context="practice", commit=False)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise AlreadyReviewed from None
    return correct


def _held_back(user_id: int):
    """Questions of the user's unfinished attempts at quizzes that reveal answers only at the end:
    practising them now would show those answers early."""
    return (
        db.select(QuizItem.question_id)
        .join(Quiz, Quiz.id == QuizItem.quiz_id)
        .join(Attempt, Attempt.quiz_id == Quiz.id)
        .where(Attempt.user_id == user_id, Attempt.finished_at.is_(None), Quiz.feedback == "end")
    )


def _practisable(user_id: int):
    return (
        db.select(ReviewCard)
        .join(Question, Question.id == ReviewCard.question_id)
        .where(
            ReviewCard.user_id == user_id,
            Question.status == QuestionStatus.PUBLISHED,
            ReviewCard.question_id.not_in(_held_back(user_id)),
        )
    )


def due_cards(user_id: int, now: datetime | None = None, limit: int = 50) -> list[ReviewCard]:
    """Cards due now, of questions still published and not held back by an open quiz, most overdue first."""
    now = now or utcnow()
    query = _practisable(user_id).where(ReviewCard.due <= now).order_by(ReviewCard.due, ReviewCard.id)
    return list(db.session.execute(query.limit(limit)).scalars())


def due_count(user_id: int, now: datetime | None = None) -> int:
    query = _practisable(user_id).where(ReviewCard.due <= (now or utcnow()))
    return db.session.execute(db.select(db.func.count()).select_from(query.subquery())).scalar_one()


def can_practise(record: ReviewCard, user_id: int) -> bool:
    return db.session.execute(_practisable(user_id).where(ReviewCard.id == record.id)).first() is not None


def next_due(user_id: int) -> datetime | None:
    return db.session.execute(_practisable(user_id).with_only_columns(db.func.min(ReviewCard.due))).scalar()
