"""A teacher's verdict on one answer: "Thomas Bouch" marked right where the key is "Bouch", or a
lucky guess marked wrong. The change is kept with who made it, when and why, shown to the student,
and regrading leaves it as the teacher decided. The attempt's score follows in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..database import commit_with_retry
from ..extensions import db
from ..models import Attempt, Response, ResponseOverride, User
from .attempts import attempt_score

MAX_NOTE = 300


class OverrideError(ValueError):
    """The answer cannot be marked; the message says why."""


@dataclass(frozen=True)
class Override:
    student: str
    correct: bool
    score_before: float | None
    score_after: float | None


def override_answer(attempt: Attempt, question_id: int, teacher: User, correct: bool, note: str = "") -> Override:
    """Mark the attempt's answer to ``question_id`` right or wrong, rescore, and keep the change."""
    note = " ".join(note.split())
    if len(note) > MAX_NOTE:
        raise OverrideError(f"The note is {MAX_NOTE} characters at most.")
    if attempt.finished_at is None:
        raise OverrideError("This attempt is still in progress: mark its answers once the student has finished.")
    attempt_id, teacher_id = attempt.id, teacher.id

    def change() -> Override:
        response = db.session.execute(
            db.select(Response).filter_by(attempt_id=attempt_id, question_id=question_id).with_for_update()
        ).scalar_one_or_none()
        if response is None:
            raise OverrideError("The student did not answer this question: there is no answer to mark.")
        if response.correct == correct:
            raise OverrideError(f"This answer is already marked {'right' if correct else 'wrong'}.")
        db.session.add(ResponseOverride(response_id=response.id, teacher_id=teacher_id,
                                        correct_before=response.correct, correct_after=correct, note=note))
        response.correct, response.overridden = correct, True
        db.session.flush()
        before = attempt.score
        attempt.score = attempt_score(attempt, attempt.asked_question_ids)
        return Override(attempt.user.username, correct, before, attempt.score)

    return commit_with_retry(db.session, change)
