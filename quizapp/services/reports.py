"""Gradebooks, item analysis and exports: database rows in, the pure modules do the work."""

from __future__ import annotations

import io
from dataclasses import dataclass

from ..analysis import AttemptRecord, QuestionInfo, QuestionStats, QuizStats, analyse_quiz
from ..exports import ExportQuestion, to_anki_package, to_gift, to_moodle_xml, to_qti_package
from ..exports.csv_tables import write_csv
from ..database import page_of
from ..extensions import db
from ..grading import normalise_answer
from ..links import evidence_link
from ..models import Attempt, Question, Quiz, User
from .permissions import students_taught
from .quizzes import gradebook, quiz_attempts


@dataclass
class AnalysisRow:
    stats: QuestionStats
    question: Question
    number: int  # as students see it: dropped questions leave no gap


def _question_key(question: Question) -> str:
    return str(question.id)


def _chosen_text(given) -> str | None:
    if given is None:
        return None
    return " → ".join(given) if isinstance(given, list) else str(given)


def first_attempt_records(quiz: Quiz, teacher: User) -> list[AttemptRecord]:
    """Each student's first finished attempt, as Moodle's statistics use (on a shared quiz, the teacher's students')."""
    taught = students_taught(teacher)
    seen: set[int] = set()
    records = []
    for attempt in quiz_attempts(quiz):
        if attempt.finished_at is None or attempt.user_id in seen:
            continue
        if quiz.owner_id != teacher.id and attempt.user_id not in taught:
            continue  # a shared quiz: only the teacher's own students
        seen.add(attempt.user_id)
        responses = {r.question_id: r for r in attempt.responses}
        items = [item for item in quiz.asked_items if attempt.drew(item.question_id)]
        records.append(
            AttemptRecord(
                attempt_id=attempt.id,
                student=attempt.user.username,
                marks={_question_key(item.question): float(responses[item.question_id].correct) if item.question_id in responses else 0.0 for item in items},
                chosen={
                    _question_key(item.question): _chosen_text(responses[item.question_id].given) if item.question_id in responses else None
                    for item in items
                },
                asked=None if attempt.question_ids is None else frozenset(_question_key(item.question) for item in items),
            )
        )
    return records


def item_analysis(quiz: Quiz, teacher: User) -> tuple[QuizStats, list[AnalysisRow]]:
    """Quiz-wide statistics and per-question rows, most often missed first."""
    infos = [
        QuestionInfo(
            key=_question_key(item.question),
            prompt=item.question.prompt,
            type=item.question.type,
            choices=list(item.question.choices),
            answer=item.question.answer,
        )
        for item in quiz.asked_items
    ]
    # Wrong typed answers are grouped as the grader compares them: "the Lyon" with "lyon".
    quiz_stats, question_stats = analyse_quiz(infos, first_attempt_records(quiz, teacher), normalise=normalise_answer)
    by_key = {_question_key(item.question): (number, item) for number, item in enumerate(quiz.asked_items, 1)}
    rows = [AnalysisRow(stats, by_key[stats.key][1].question, by_key[stats.key][0]) for stats in question_stats]
    return quiz_stats, rows


def _percent(value: float | None, scale: float = 1.0) -> str:
    return "" if value is None else f"{value * scale:.1f}"


def item_analysis_csv(quiz: Quiz, teacher: User) -> str:
    _, rows = item_analysis(quiz, teacher)
    table = []
    for row in rows:
        stats = row.stats
        table.append(
            {
                "question": row.number,
                "type": row.question.type,
                "prompt": row.question.prompt,
                "answer": _chosen_text(row.question.answer),
                "attempts": stats.attempts,
                "facility_percent": _percent(stats.facility, 100),
                "sd_percent": _percent(stats.sd, 100),
                "random_guess_percent": _percent(stats.random_guess, 100),
                "discrimination_index": _percent(stats.discrimination_index),
                "discriminative_efficiency": _percent(stats.discriminative_efficiency),
                "options": "; ".join(f"{o.option}: {o.count}" for o in stats.options),
                "source": f"{row.question.article.slug}#{row.question.passage.anchor}",
            }
        )
    columns = [
        "question", "type", "prompt", "answer", "attempts", "facility_percent", "sd_percent",
        "random_guess_percent", "discrimination_index", "discriminative_efficiency", "options", "source",
    ]  # fmt: skip
    return write_csv(table, columns)


def gradebook_csv(quiz: Quiz, teacher: User) -> str:
    rows = [
        {
            "student": row.student.username,
            "attempts": row.attempts,
            "finished": row.finished,
            "best_percent": _percent(row.best, 100),
            "last_percent": _percent(row.last, 100),
            "last_finished_utc": row.last_finished_at.isoformat(timespec="seconds") if row.last_finished_at else "",
        }
        for row in gradebook(quiz, teacher)
    ]
    return write_csv(rows, ["student", "attempts", "finished", "best_percent", "last_percent", "last_finished_utc"])


def student_history(teacher: User, student: User, page: int = 1, per_page: int = 50):
    """The student's attempts at the teacher's quizzes (and the shared ones, if in the teacher's
    class), newest first, a page at a time (a Flask-SQLAlchemy ``Pagination``)."""
    shared = Quiz.owner_id.is_(None) if student.id in students_taught(teacher) else db.false()
    return page_of(
        db.select(Attempt)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(Attempt.user_id == student.id, (Quiz.owner_id == teacher.id) | shared)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc()),
        page,
        per_page,
    )


def export_questions(quiz: Quiz) -> list[ExportQuestion]:
    return [
        ExportQuestion(
            id=f"q{item.question.id}",
            type=item.question.type,
            prompt=item.question.prompt,
            choices=list(item.question.choices),
            answer=item.question.answer,
            passage_text=item.question.passage.text,
            evidence_start=item.question.evidence_start,
            evidence_end=item.question.evidence_end,
            article_title=item.question.article.title,
            source_url=evidence_link(item.question, external=True),
            explanation=item.question.explanation,
            accepted=tuple(item.question.accepted_answers),
            also_cited=tuple((c.passage.text, c.start, c.end) for c in item.question.citations[1:]),
        )
        for item in quiz.asked_items
    ]


def quiz_gift(quiz: Quiz) -> str:
    return to_gift(export_questions(quiz), category=f"quizapp/{quiz.title}")


def quiz_moodle_xml(quiz: Quiz) -> str:
    return to_moodle_xml(export_questions(quiz), category=f"quizapp/{quiz.title}")


def quiz_qti(quiz: Quiz) -> bytes:
    return to_qti_package(export_questions(quiz), title=quiz.title, ident=f"quizapp-quiz-{quiz.id}")


def quiz_anki(quiz: Quiz) -> bytes:
    package = io.BytesIO()
    to_anki_package(export_questions(quiz), deck_name=f"quizapp: {quiz.title}", deck_key=f"quizapp-quiz-{quiz.id}", path=package)
    return package.getvalue()
