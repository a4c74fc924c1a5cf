"""Question revisions: correcting a question must not rewrite what students were asked.

An answer is graded against the question as it stood; its review keeps showing that question
(prompt, choices, answer, cited passage), however the question is edited later.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from ..extensions import db
from ..models import Question, QuestionRevision


def update_question(question: Question, fields: Mapping[str, Any]) -> bool:
    """Give ``question`` the content in ``fields`` (names from ``Question.CONTENT``).

    If the content changes, its old content is kept first as a revision, whether or not anyone
    has answered it yet: an answer being saved at this moment must find its version too.
    Returns whether anything changed. Part of the caller's transaction.
    """
    unknown = set(fields) - set(Question.CONTENT)
    if unknown:
        raise ValueError(f"not question content: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(question, name) != value]
    if not changed:
        return False
    if question.id is not None:
        db.session.add(QuestionRevision(question=question, **{name: getattr(question, name) for name in Question.CONTENT}))
    for name in changed:
        setattr(question, name, fields[name])
    return True


def asked_versions(answers: Iterable[tuple[Question, datetime]]) -> dict[int, Question | QuestionRevision]:
    """For each (question, answered at) pair, by question id: the question as it was when answered.

    That is the first revision replaced after the answer, or the question itself if it has not
    been edited since. Both have the same content attributes, so templates take either.
    """
    answers = list(answers)
    asked: dict[int, Question | QuestionRevision] = {question.id: question for question, _ in answers}
    # Any later change of the row moves updated_at (a status change too): only those can have revisions.
    edited = [(question, at) for question, at in answers if question.updated_at > at]
    if not edited:
        return asked
    revisions = db.session.execute(
        db.select(QuestionRevision)
        .where(
            QuestionRevision.question_id.in_({question.id for question, _ in edited}),
            QuestionRevision.replaced_at > min(at for _, at in edited),
        )
        .order_by(QuestionRevision.replaced_at, QuestionRevision.id)
    ).scalars().all()
    for question, at in edited:
        asked[question.id] = next(
            (rev for rev in revisions if rev.question_id == question.id and rev.replaced_at > at), question
        )
    return asked
