"""Spaced-repetition practice with FSRS: every graded answer updates the question's card.

A quiz's answers update their cards when the attempt is finished (submitted, timed out or
closed), all in the finishing transaction: storing an answer stays one cheap write while a
class answers at once, and an answer can still change before the attempt is submitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm.exc import StaleDataError

from ..database import dialect_insert
from ..extensions import db
from ..generation.types import grade
from ..models import Attempt, FeedbackMode, Question, QuestionStatus, Quiz, QuizItem, Response, ReviewCard, ReviewLog, utcnow

# Fuzzing spreads due dates at random; off, so a schedule is reproducible and testable.
scheduler = Scheduler(enable_fuzzing=False)


def rating_for(correct: bool) -> Rating:
    """An honest mapping: a wrong answer is Again, a right one Good."""
    return Rating.Good if correct else Rating.Again


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class CardReview:
    """A card's state after one graded answer: what to store on the card and in the log."""

    card: dict
    due: datetime  # naive UTC, as stored
    rating: Rating
    lapses: int  # times answered wrong, this answer included


def review_card(
    card_state: dict | None, lapses: int, user_id: int, question_id: int, correct: bool, now: datetime
) -> CardReview:
    """Pure FSRS step: the card after this answer (a new card on first sight)."""
    # A card id of our own: without one, fsrs.Card() sleeps a millisecond to make a unique one.
    card = Card.from_dict(card_state) if card_state else Card(card_id=(user_id << 32) | question_id)
    rating = rating_for(correct)
    card, _log = scheduler.review_card(card, rating, review_datetime=_aware(now))
    return CardReview(
        card=card.to_dict(),
        due=card.due.astimezone(UTC).replace(tzinfo=None),
        rating=rating,
        lapses=lapses + (0 if correct else 1),
    )


_INSERT_LOG = insert(ReviewLog.__table__)


def log_review(
    connection: Connection, user_id: int, question_id: int, rating: Rating, correct: bool, given: Any, context: str, now: datetime
) -> None:
    """Every graded answer is logged, in a quiz or in practice: the history behind a card."""
    connection.execute(
        _INSERT_LOG,
        {"user_id": user_id, "question_id": question_id, "rating": int(rating), "correct": correct,
         "given": given, "context": context, "reviewed_at": now},
    )


class AlreadyReviewed(Exception):
    """The card was reviewed since the form was shown (a resent form): the first review stands."""


def practise(record: ReviewCard, seen_reviews: int | None, given: Any) -> bool:
    """Grade a practice answer and reschedule its card; returns whether it was right.

    ``seen_reviews`` is the card's review count when the question was shown; if the card has
    moved on since, or another request reviews it at the same moment, AlreadyReviewed.
    """
    if seen_reviews != record.reviews:
        raise AlreadyReviewed
    question = record.question
    correct = grade(question.type, given, question.answer, question.prompt, question.accepted_answers)
    now = utcnow()
    reviewed = review_card(record.card, record.lapses, record.user_id, question.id, correct, now)
    record.card = reviewed.card
    record.due = reviewed.due
    record.lapses = reviewed.lapses  # ``reviews`` is the row's version: SQLAlchemy counts it up
    try:
        db.session.flush()  # the version check: a card reviewed meanwhile fails here
        log_review(db.session.connection(), record.user_id, question.id, reviewed.rating, correct, given, "practice", now)
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
        .where(Attempt.user_id == user_id, Attempt.finished_at.is_(None), Quiz.feedback == FeedbackMode.END)
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


# A card due within this time counts as due now, as with Anki's "learn ahead" limit: a new question
# just missed is due again in a minute (FSRS's first learning step), and "Practise what you missed"
# must not answer "nothing yet". One answered right is due in ten minutes: not yet.
LEARN_AHEAD = timedelta(minutes=5)


def due_cards(user_id: int, now: datetime | None = None, limit: int = 50) -> list[ReviewCard]:
    """Cards due now, of questions still published and not held back by an open quiz, most overdue first."""
    horizon = (now or utcnow()) + LEARN_AHEAD
    query = _practisable(user_id).where(ReviewCard.due <= horizon).order_by(ReviewCard.due, ReviewCard.id)
    return list(db.session.execute(query.limit(limit)).scalars())


def due_count(user_id: int, now: datetime | None = None) -> int:
    query = _practisable(user_id).where(ReviewCard.due <= (now or utcnow()) + LEARN_AHEAD)
    return db.session.execute(db.select(db.func.count()).select_from(query.subquery())).scalar_one()


_cards = ReviewCard.__table__
_INSERT_CARD = insert(_cards)
_UPDATE_CARD = (
    update(_cards)
    .where(_cards.c.id == bindparam("card_id"))
    .values(card=bindparam("card"), due=bindparam("due"), lapses=bindparam("lapses"), reviews=bindparam("reviews"))
)


def review_quiz_answers(user_id: int, answers: list[Response], now: datetime) -> None:
    """Each answer of a finished attempt is one review of its question's card (a new card on first
    sight), scheduled from ``now``, and one log entry dated when it was given. Part of the caller's
    transaction, which has already claimed the attempt.

    The cards are locked while they are read (PostgreSQL; on SQLite the claim holds the write
    lock), so a practice review racing the Finish is either seen here or refused by its version
    check. A card another Finish of the same student creates meanwhile makes the insert fail with
    an IntegrityError: the caller runs the whole Finish again.
    """
    # Answers given before this release were reviewed as they were given, with a log dated as the
    # answer: an attempt open across the upgrade must not review them twice.
    if answers:
        reviewed_already = {
            (row.question_id, row.reviewed_at)
            for row in db.session.execute(
                select(ReviewLog.question_id, ReviewLog.reviewed_at).where(
                    ReviewLog.user_id == user_id,
                    ReviewLog.context == "quiz",
                    ReviewLog.question_id.in_({answer.question_id for answer in answers}),
                    ReviewLog.reviewed_at.in_({answer.answered_at for answer in answers}),
                )
            )
        }
        answers = [a for a in answers if (a.question_id, a.answered_at) not in reviewed_already]
    if not answers:
        return
    question_ids = {answer.question_id for answer in answers}
    cards = {
        row.question_id: row
        for row in db.session.execute(
            select(_cards.c.id, _cards.c.question_id, _cards.c.card, _cards.c.lapses, _cards.c.reviews)
            .where(_cards.c.user_id == user_id, _cards.c.question_id.in_(question_ids))
            .with_for_update()
        )
    }
    new, changed, logs = [], [], []
    for answer in sorted(answers, key=lambda a: (a.answered_at, a.question_id)):
        card = cards.get(answer.question_id)
        reviewed = review_card(card.card if card else None, card.lapses if card else 0, user_id, answer.question_id, answer.correct, now)
        state = {"card": reviewed.card, "due": reviewed.due, "lapses": reviewed.lapses}
        if card is None:
            new.append({"user_id": user_id, "question_id": answer.question_id, "reviews": 1, **state})
        else:
            changed.append({"card_id": card.id, "reviews": card.reviews + 1, **state})
        logs.append(
            {"user_id": user_id, "question_id": answer.question_id, "rating": int(reviewed.rating), "correct": answer.correct,
             "given": answer.given, "context": "quiz", "reviewed_at": answer.answered_at}
        )
    if new:
        db.session.execute(_INSERT_CARD, new)
    if changed:
        db.session.execute(_UPDATE_CARD, changed)
    db.session.execute(_INSERT_LOG, logs)


def add_unanswered(user_id: int, question_ids: set[int], now: datetime) -> None:
    """Questions left unanswered in a finished attempt were missed too: a new card, due now, for
    each one the student has no card for yet. Part of the caller's transaction."""
    if not question_ids:
        return
    have = set(
        db.session.execute(
            db.select(ReviewCard.question_id).where(ReviewCard.user_id == user_id, ReviewCard.question_id.in_(question_ids))
        ).scalars()
    )
    new = [
        {"user_id": user_id, "question_id": question_id, "due": now, "lapses": 0, "reviews": 0,
         "card": Card(card_id=(user_id << 32) | question_id, due=_aware(now)).to_dict()}
        for question_id in sorted(question_ids - have)
    ]
    if new:  # plain inserts: the ORM would count the insert as the card's first review (its version)
        # An answer saved at this very moment may have made the card already: then it stands.
        insert_new = dialect_insert(db.session, ReviewCard.__table__)
        db.session.execute(insert_new.on_conflict_do_nothing(index_elements=["user_id", "question_id"]), new)


def can_practise(record: ReviewCard, user_id: int) -> bool:
    return db.session.execute(_practisable(user_id).where(ReviewCard.id == record.id)).first() is not None


def next_due(user_id: int) -> datetime | None:
    return db.session.execute(_practisable(user_id).with_only_columns(db.func.min(ReviewCard.due))).scalar()
