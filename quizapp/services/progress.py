"""What a student has learnt: scores over time and mastery per passage."""

from __future__ import annotations

from dataclasses import dataclass

from ..extensions import db
from ..models import Article, Attempt, Question, ReviewLog

MASTERED, MISSED = "mastered", "missed"


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    score: float
    label: str


@dataclass
class PassageMastery:
    anchor: str
    status: str  # MASTERED or MISSED
    right: int
    wrong: int
    label: str = ""  # section and opening words, for lists


def passage_mastery(user_id: int, article: Article) -> dict[str, PassageMastery]:
    """Per passage anchor: MISSED if the latest answer to any of its questions was wrong, else MASTERED.

    Passages with no answered question are absent.
    """
    rows = db.session.execute(
        db.select(ReviewLog.question_id, ReviewLog.correct, Question.passage_id)
        .join(Question, Question.id == ReviewLog.question_id)
        .where(ReviewLog.user_id == user_id, Question.article_id == article.id)
        .order_by(ReviewLog.reviewed_at, ReviewLog.id)
    ).all()
    latest: dict[int, bool] = {}
    counts: dict[int, list[int]] = {}
    passage_of: dict[int, int] = {}
    for question_id, correct, passage_id in rows:
        latest[question_id] = correct
        passage_of[question_id] = passage_id
        tally = counts.setdefault(passage_id, [0, 0])
        tally[0 if correct else 1] += 1
    missed_passages = {passage_of[question_id] for question_id, ok in latest.items() if not ok}
    passages = {p.id: p for p in article.passages}
    mastery: dict[str, PassageMastery] = {}
    for passage_id, (right, wrong) in counts.items():
        missed = passage_id in missed_passages
        passage = passages[passage_id]
        opening = passage.text if len(passage.text) <= 70 else passage.text[:70].rsplit(" ", 1)[0] + "…"
        label = f"{passage.section or 'Introduction'}: {opening}"
        mastery[passage.anchor] = PassageMastery(passage.anchor, MISSED if missed else MASTERED, right, wrong, label)
    return mastery


def articles_practised(user_id: int) -> list[Article]:
    return list(
        db.session.execute(
            db.select(Article)
            .where(Article.id.in_(db.select(Question.article_id).join(ReviewLog).where(ReviewLog.user_id == user_id)))
            .order_by(Article.title)
        ).scalars()
    )


def score_chart(attempts: list[Attempt], width: int = 560, height: int = 180, pad: int = 28) -> list[ChartPoint]:
    """Finished attempts as points of an SVG line chart (x by order, y by score)."""
    finished = [a for a in attempts if a.finished_at is not None and a.score is not None]
    if not finished:
        return []
    step = (width - 2 * pad) / max(1, len(finished) - 1)
    return [
        ChartPoint(
            x=round(pad + i * step if len(finished) > 1 else width / 2, 1),
            y=round(height - pad - attempt.score * (height - 2 * pad), 1),
            score=attempt.score,
            label=f"{attempt.quiz.title}: {attempt.score:.0%} on {attempt.finished_at:%d %b %Y}",
        )
        for i, attempt in enumerate(finished)
    ]
