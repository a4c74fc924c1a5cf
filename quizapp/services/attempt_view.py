"""An attempt as its pages show it: the student's own attempt, its questions in order with the
answers given so far, and its review once finished."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import Attempt, Question, QuestionRevision, Quiz, QuizItem, Response, User
from ..shuffling import shuffled
from . import revisions

_items, _responses = QuizItem.__table__, Response.__table__


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
    asked = attempt.asked_question_ids
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
    items = [
        ItemState(row.position, row.question_id, None if row.id is None else GivenAnswer(row.given, row.correct, row.answered_at))
        for row in rows
        if attempt.drew(row.question_id)  # in a quiz that draws per student, the attempt's own
    ]
    if attempt.quiz.shuffle_questions:
        items = attempt_order(attempt.id, items)
    return AttemptProgress(items)


def attempt_order(attempt_id: int, items: list[ItemState]) -> list[ItemState]:
    """The items in the attempt's own order: the same on every page of the attempt, another in the
    next attempt (seeded by the attempt, as its choices are)."""
    by_position = {str(item.position): item for item in items}
    return [by_position[p] for p in shuffled(by_position, seed=f"attempt-order-{attempt_id}")]


def item_at(attempt: Attempt, position: int) -> QuizItem | None:
    """One item with its question (and, through it, passage and article) in a single query; None
    if the attempt did not draw it (for this attempt it is not in the quiz)."""
    item = db.session.execute(
        db.select(QuizItem)
        .filter_by(quiz_id=attempt.quiz_id, position=position)
        .options(joinedload(QuizItem.question))
    ).scalar_one_or_none()
    return item if item is not None and attempt.drew(item.question_id) else None
