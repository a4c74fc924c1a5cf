"""What a student has learnt: scores over time and mastery per passage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from fsrs import Card, State

from ..extensions import db
from ..models import Article, Attempt, Passage, Question, QuestionStatus, ReviewCard, ReviewLog, utcnow
from ..wording import percent, plural
from .practice import scheduler

MASTERED, LEARNING, MISSED = "mastered", "learning", "missed"
# Mastery as the spaced-repetition model (FSRS) sees it: the card has left the learning steps, its
# memory is stable for at least a week (stability: the days until recall falls to 90%), and recall
# now is at least 90%. One right answer after three misses is learning, not mastery.
MASTERY_STABILITY_DAYS = 7.0
MASTERY_RECALL = 0.9


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    score: float
    label: str


# Quizzes told apart by colour and by line pattern (for readers who do not see the colours).
SERIES_STYLES = 4


@dataclass
class ChartSeries:
    """One quiz's attempts: a line joins them, and only them."""

    title: str
    style: int  # 0..SERIES_STYLES-1, the CSS class series-N
    points: list[ChartPoint]


def question_mastery(card_state: dict | None, latest_correct: bool, now: datetime) -> str:
    """MISSED when the latest answer was wrong or recall has fallen below MASTERY_RECALL; MASTERED
    when the card is stable (see MASTERY_STABILITY_DAYS); LEARNING otherwise."""
    if not latest_correct:
        return MISSED
    if not card_state:
        return LEARNING
    card = Card.from_dict(card_state)
    if card.state != State.Review or card.stability is None:
        return LEARNING
    recall = scheduler.get_card_retrievability(card, current_datetime=now.replace(tzinfo=UTC))
    if recall < MASTERY_RECALL:
        return MISSED  # likely forgotten by now: due again
    return MASTERED if card.stability >= MASTERY_STABILITY_DAYS else LEARNING


@dataclass
class PassageMastery:
    anchor: str
    status: str  # MASTERED, LEARNING or MISSED
    right: int
    wrong: int
    label: str = ""  # section and opening words, for lists


def passage_mastery(user_id: int, article: Article) -> dict[str, PassageMastery]:
    """Per passage anchor: MISSED if any of its questions is (``question_mastery``), else LEARNING
    if any is, else MASTERED. Passages with no answered question are absent."""
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
    cards = dict(
        db.session.execute(
            db.select(ReviewCard.question_id, ReviewCard.card).where(ReviewCard.user_id == user_id, ReviewCard.question_id.in_(latest))
        ).all()
    )
    now = utcnow()
    statuses: dict[int, set[str]] = {}
    for question_id, correct in latest.items():
        statuses.setdefault(passage_of[question_id], set()).add(question_mastery(cards.get(question_id), correct, now))
    passages = {p.id: p for p in article.passages}
    mastery: dict[str, PassageMastery] = {}
    for passage_id, (right, wrong) in counts.items():
        found = statuses[passage_id]
        status = MISSED if MISSED in found else LEARNING if LEARNING in found else MASTERED
        passage = passages[passage_id]
        opening = passage.text if len(passage.text) <= 70 else passage.text[:70].rsplit(" ", 1)[0] + "…"
        label = f"{passage.section or 'Introduction'}: {opening}"
        mastery[passage.anchor] = PassageMastery(passage.anchor, status, right, wrong, label)
    return mastery


def unpractised_count(article: Article, mastery: dict[str, PassageMastery]) -> int:
    """Passages with a published question the student has not answered yet: the ones left to do.

    Passages without questions (See also, a caption) can never be practised, so they do not count.
    """
    with_questions = set(
        db.session.execute(
            db.select(Passage.anchor)
            .join(Question, Question.passage_id == Passage.id)
            .where(Passage.article_id == article.id, Question.status == QuestionStatus.PUBLISHED)
            .distinct()
        ).scalars()
    )
    return len(with_questions - set(mastery))


def articles_practised(user_id: int) -> list[Article]:
    return list(
        db.session.execute(
            db.select(Article)
            .where(Article.id.in_(db.select(Question.article_id).join(ReviewLog).where(ReviewLog.user_id == user_id)))
            .order_by(Article.title)
        ).scalars()
    )


def score_chart(
    attempts: list[Attempt], width: int = 600, height: int = 240, left: int = 76, right: int = 18, top: int = 16, bottom: int = 38
) -> dict:
    """Finished attempts as an SVG line chart in a width x height viewBox; {} when there are none.

    Returns "points" (ChartPoint, x by order, y by score), "series" (ChartSeries: each quiz's
    points, the only ones a line joins), "grid" ((y, "50%") lines), "ticks" ((x, date,
    text-anchor) for the first, middle and last attempts, each date once), "width", "height",
    "left", "right" (the plot's edges) and "summary" (the chart in one sentence, for screen readers).
    """
    finished = [a for a in attempts if a.finished_at is not None and a.score is not None]
    if not finished:
        return {}
    plot_right, plot_bottom = width - right, height - bottom
    step = (plot_right - left) / max(1, len(finished) - 1)

    def x_of(i: int) -> float:
        return round(left + i * step if len(finished) > 1 else (left + plot_right) / 2, 1)

    def y_of(score: float) -> float:
        return round(plot_bottom - score * (plot_bottom - top), 1)

    # The year only when the attempts span two, so three short dates fit side by side on a phone.
    with_year = finished[0].finished_at.year != finished[-1].finished_at.year

    def day(attempt: Attempt) -> str:
        when = attempt.finished_at
        return f"{when.day} {when:%b}" + (f" {when.year}" if with_year else "")

    points = [
        ChartPoint(
            x=x_of(i),
            y=y_of(attempt.score),
            score=attempt.score,
            label=f"{attempt.quiz.title}: {percent(attempt.score)} on {attempt.finished_at:%d %b %Y}",
        )
        for i, attempt in enumerate(finished)
    ]
    series: dict[object, ChartSeries] = {}
    for attempt, point in zip(finished, points):
        key = getattr(attempt, "quiz_id", None) or attempt.quiz.title
        if key not in series:
            series[key] = ChartSeries(attempt.quiz.title, len(series) % SERIES_STYLES, [])
        series[key].points.append(point)
    last = len(finished) - 1
    if last == 0 or day(finished[0]) == day(finished[last]):
        # one day: its date once, in the middle
        ticks = [(round((points[0].x + points[last].x) / 2, 1), day(finished[0]), "middle")]
    else:
        ticks = [(points[0].x, day(finished[0]), "start"), (points[last].x, day(finished[last]), "end")]
        middle = last // 2
        if 0 < middle < last and day(finished[middle]) not in (ticks[0][1], ticks[1][1]):
            ticks.insert(1, (points[middle].x, day(finished[middle]), "middle"))
    scores = [a.score for a in finished]
    first_day, last_day = (f"{a.finished_at.day} {a.finished_at:%b %Y}" for a in (finished[0], finished[-1]))
    span = f"on {first_day}" if first_day == last_day else f"from {first_day} to {last_day}"
    quizzes = f" of {plural(len(series), 'quiz', 'quizzes')}" if len(series) > 1 else ""
    summary = (
        f"{plural(len(finished), 'finished attempt')}{quizzes} {span}: "
        f"first {percent(scores[0])}, latest {percent(scores[-1])}, best {percent(max(scores))}."
    )
    return {
        "points": points,
        "series": list(series.values()),
        "grid": [(y_of(pct / 100), f"{pct}%") for pct in (0, 50, 100)],
        "ticks": ticks,
        "width": width,
        "height": height,
        "left": left,
        "right": plot_right,
        "summary": summary,
    }
