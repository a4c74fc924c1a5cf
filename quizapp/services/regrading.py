"""Accepted answers and regrading: a teacher who accepts "World War I" for "First World War" sees
every answer already given graded again, and whose scores moved.

Each answer is graded against the question as it was asked (its revision, if the question was
edited since) together with the accepted answers the teacher keeps now; finished attempts of
every quiz asking the question are scored again in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..database import commit_with_retry
from ..extensions import db
from ..generation.types import grade, question_type
from ..models import Attempt, Question, QuestionRevision, Quiz, Response, User
from .quizzes import rescore_finished

MAX_ACCEPTED = 20
MAX_ACCEPTED_LENGTH = 200


class AcceptedAnswersError(ValueError):
    """The accepted answers cannot be saved; the message says why."""


@dataclass(frozen=True)
class ScoreChange:
    student: str
    quiz: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class Regrade:
    answers_changed: int  # answers whose verdict changed (right to wrong or wrong to right)
    scores: list[ScoreChange]  # finished attempts whose score moved


def clean_accepted(question: Question, lines: list[str]) -> list[str]:
    """The accepted answers as stored: trimmed, each once, not the key itself; AcceptedAnswersError if unusable."""
    if question_type(question.type).answer_input != "text":
        raise AcceptedAnswersError("Only a typed answer can have other accepted answers; a choice is right or not.")
    accepted: list[str] = []
    for line in lines:
        text = " ".join(line.split())
        if not text or text.casefold() == str(question.answer).casefold() or text.casefold() in (a.casefold() for a in accepted):
            continue
        if len(text) > MAX_ACCEPTED_LENGTH:
            raise AcceptedAnswersError(f"An accepted answer is {MAX_ACCEPTED_LENGTH} characters at most.")
        accepted.append(text)
    if len(accepted) > MAX_ACCEPTED:
        raise AcceptedAnswersError(f"At most {MAX_ACCEPTED} accepted answers per question.")
    return accepted


def set_accepted_answers(question: Question, lines: list[str]) -> Regrade:
    """Keep ``lines`` as the question's accepted answers and regrade every answer given to it, in one transaction."""
    accepted = clean_accepted(question, lines)

    def change() -> Regrade:
        question.accepted_answers = accepted
        return _regrade(question)

    return commit_with_retry(db.session, change)


def _regrade(question: Question) -> Regrade:
    rows = db.session.execute(
        db.select(Response, Attempt, User.username, Quiz.title)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(Response.question_id == question.id)
    ).all()
    revisions = db.session.execute(
        db.select(QuestionRevision).filter_by(question_id=question.id).order_by(QuestionRevision.replaced_at, QuestionRevision.id)
    ).scalars().all()
    changed, quizzes, before = 0, {}, {}
    for response, attempt, _, _ in rows:
        quizzes[attempt.quiz_id] = attempt.quiz
        before[attempt.id] = attempt.score
        if response.overridden:
            continue  # a teacher marked this answer themselves: their verdict stands
        asked = next((r for r in revisions if r.replaced_at > response.answered_at), question)  # as it was answered
        correct = grade(asked.type, response.given, asked.answer, asked.prompt, question.accepted_answers)
        if correct != response.correct:
            response.correct = correct
            changed += 1
    db.session.flush()
    for quiz in quizzes.values():
        rescore_finished(quiz)
    scores = [
        ScoreChange(username, title, before[attempt.id], attempt.score)
        for _, attempt, username, title in {row[1].id: row for row in rows}.values()
        if attempt.finished_at is not None and attempt.score != before[attempt.id]
    ]
    return Regrade(changed, sorted(scores, key=lambda s: (s.quiz, s.student)))
