"""Teachers building quizzes and reading their results."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Integer, bindparam, delete, exists, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..database import commit_with_retry, page_of
from ..extensions import db
from ..models import REVIEW_PARTS, Attempt, Classroom, Enrollment, HiddenSharedQuiz, Question, QuestionStatus, Quiz, QuizItem, Response, User, utcnow
from ..wording import plural
from .attempts import close_attempt, score_of
from .permissions import quizzes_teacher_may_open, students_taught
from .student_quizzes import has_closed


class QuizError(ValueError):
    """A user-facing reason why the quiz cannot be built as asked."""


@dataclass
class QuizPlan:
    title: str
    classroom: Classroom | None
    question_ids: list[int]
    random_article_ids: list[int]
    random_count: int
    opens_at: datetime | None
    closes_at: datetime | None
    max_attempts: int | None
    feedback: str
    time_limit_minutes: int | None = None
    shuffle_questions: bool = False
    whole_article_ids: list[int] = field(default_factory=list)  # every published question of these
    random_tags: list[str] = field(default_factory=list)  # draw only questions with one of these tags
    # The random questions drawn for each attempt when it starts, not once for everyone.
    draw_per_student: bool = False
    review_after_submit: list[str] = field(default_factory=lambda: list(REVIEW_PARTS))
    review_after_close: list[str] = field(default_factory=lambda: list(REVIEW_PARTS))


def published_questions(article_ids: list[int] | None = None) -> list[Question]:
    query = db.select(Question).where(Question.status == QuestionStatus.PUBLISHED)
    if article_ids is not None:
        query = query.where(Question.article_id.in_(article_ids))
    return list(db.session.execute(query.order_by(Question.article_id, Question.id)).scalars())


def create_quiz(owner: User, plan: QuizPlan, seed: int | None = None) -> Quiz:
    """Chosen questions first, then ``random_count`` more drawn from the chosen articles: once, for
    everyone, or (``draw_per_student``) by each attempt from the whole pool, which the quiz keeps."""
    if plan.opens_at and plan.closes_at and plan.closes_at <= plan.opens_at:
        raise QuizError("The quiz must close after it opens.")
    if plan.classroom is not None and plan.classroom.teacher_id != owner.id:
        raise QuizError("You can only set quizzes for your own classes.")
    chosen = [q for q in published_questions() if q.id in set(plan.question_ids)]
    drawn_from: list[Question] = []
    if len(chosen) != len(set(plan.question_ids)):
        raise QuizError("Some chosen questions are not published any more; reload the page and choose again.")
    if plan.whole_article_ids:
        whole = published_questions(plan.whole_article_ids)
        if {q.article_id for q in whole} != set(plan.whole_article_ids):
            raise QuizError("An article you chose has no published questions any more; reload the page and choose again.")
        chosen += [q for q in whole if q not in chosen]
    if plan.random_count:
        if not plan.random_article_ids and not plan.random_tags:
            raise QuizError("Choose the articles, or the tags, to draw random questions from.")
        wanted = set(plan.random_tags)
        pool = [
            q for q in published_questions(plan.random_article_ids or None)
            if q not in chosen and (not wanted or wanted & set(q.tags))
        ]
        if plan.random_count > len(pool):
            available = "is" if len(pool) == 1 else "are"
            where = "in those articles" + (" with those tags" if wanted else "") if plan.random_article_ids else "with those tags"
            raise QuizError(f"Only {plural(len(pool), 'more published question')} {available} available {where}.")
        if plan.draw_per_student:
            drawn_from = pool  # the quiz keeps the whole pool; each attempt draws its own
        else:
            chosen += random.Random(seed).sample(pool, plan.random_count)
    if plan.draw_per_student and not plan.random_count:
        raise QuizError("Say how many random questions each student gets, and where to draw them from.")
    if not chosen and not drawn_from:
        raise QuizError("Choose at least one question, or a number of random questions.")

    def add_quiz() -> Quiz:  # the random draw above is kept: a retried write stores the same questions
        quiz = Quiz(
            title=plan.title.strip(),
            classroom_id=plan.classroom.id if plan.classroom else None,
            owner_id=owner.id,
            opens_at=plan.opens_at,
            closes_at=plan.closes_at,
            max_attempts=plan.max_attempts,
            time_limit_minutes=plan.time_limit_minutes,
            shuffle_questions=plan.shuffle_questions,
            draw_count=plan.random_count if drawn_from else None,
            feedback=plan.feedback,
            review_after_submit=review_parts(plan.review_after_submit),
            review_after_close=review_parts(plan.review_after_close),
            published=True,
        )
        quiz.items = [QuizItem(question=q, position=i, drawn=q in drawn_from) for i, q in enumerate(chosen + drawn_from)]
        db.session.add(quiz)
        return quiz

    return commit_with_retry(db.session, add_quiz)


@dataclass
class GradebookRow:
    student: User
    attempts: int
    finished: int
    best: float | None
    last: float | None
    last_finished_at: datetime | None


def review_parts(chosen: list[str] | None) -> list[str]:
    """The review options as stored: known parts only, in their usual order."""
    return [part for part in REVIEW_PARTS if part in (chosen or [])]


def review_shows(quiz: Quiz) -> frozenset[str]:
    """What the review of a finished attempt of ``quiz`` shows now: the options after the quiz
    closes once it has, else those right after the attempt."""
    return frozenset(quiz.review_after_close if has_closed(quiz.closes_at) else quiz.review_after_submit)


def update_settings(
    quiz: Quiz, *, title: str, opens_at: datetime | None, closes_at: datetime | None, max_attempts: int | None,
    review_after_submit: list[str] | None = None, review_after_close: list[str] | None = None,
    time_limit_minutes: int | None = None, shuffle_questions: bool | None = None,
) -> None:
    """Rename, reschedule, change the attempt limit, the time limit or the review options of a quiz;
    its questions stay as they are. A new time limit applies to attempts started from then on."""
    if opens_at and closes_at and closes_at <= opens_at:
        raise QuizError("The quiz must close after it opens.")
    if time_limit_minutes != quiz.time_limit_minutes and closes_at is not None and closes_at <= utcnow():
        raise QuizError("This quiz has closed: a time limit would change nothing. To reopen it, give a later closing time first.")

    def change() -> None:
        quiz.title, quiz.opens_at, quiz.closes_at, quiz.max_attempts = title.strip(), opens_at, closes_at, max_attempts
        quiz.time_limit_minutes = time_limit_minutes
        if shuffle_questions is not None:
            quiz.shuffle_questions = shuffle_questions
        if review_after_submit is not None:
            quiz.review_after_submit = review_parts(review_after_submit)
        if review_after_close is not None:
            quiz.review_after_close = review_parts(review_after_close)
        if closes_at is not None and closes_at <= utcnow():
            finish_open_attempts(quiz, utcnow())  # a closing time in the past closes the quiz now

    commit_with_retry(db.session, change)


def copy_quiz(quiz: Quiz, teacher: User, classroom: Classroom, title: str) -> Quiz:
    """The quiz again for another of the teacher's classes: its questions still asked (not the
    dropped ones), feedback, attempt and time limits, order and review options; no times (a class
    has its own timetable), no attempts."""
    if classroom.teacher_id != teacher.id:
        raise QuizError("You can only set quizzes for your own classes.")
    items = [(item.question, item.drawn) for item in quiz.asked_items]
    if not items:
        raise QuizError("This quiz asks no question any more: there is nothing to copy.")

    def add_copy() -> Quiz:
        copy = Quiz(
            title=title.strip() or quiz.title, classroom_id=classroom.id, owner_id=teacher.id,
            max_attempts=quiz.max_attempts, time_limit_minutes=quiz.time_limit_minutes, shuffle_questions=quiz.shuffle_questions,
            draw_count=quiz.draw_count, feedback=quiz.feedback, review_after_submit=list(quiz.review_after_submit),
            review_after_close=list(quiz.review_after_close), published=True,
        )
        copy.items = [QuizItem(question=q, position=i, drawn=drawn) for i, (q, drawn) in enumerate(items)]
        db.session.add(copy)
        return copy

    return commit_with_retry(db.session, add_copy)


def close_now(quiz: Quiz) -> int:
    """Close the quiz at once: no new attempts, and the open ones are finished and scored with the
    answers given so far. Returns how many were finished."""
    now = utcnow()

    def change() -> int:
        quiz.closes_at = now
        if quiz.opens_at and quiz.opens_at >= now:
            quiz.opens_at = None  # it must close after it opens
        return finish_open_attempts(quiz, now)

    return commit_with_retry(db.session, change)


def finish_open_attempts(quiz: Quiz, now: datetime) -> int:
    """Score and finish every unfinished attempt of ``quiz`` (part of the caller's transaction).

    As ``attempts.finish_attempt`` does for one attempt: the attempts are claimed first, then their
    answers read, so an answer racing the Close is either counted or refused.
    """
    db.session.flush()  # the quiz's new closing time first: from now on Starts and answers see it
    claimed = db.session.execute(
        update(Attempt.__table__)
        .where(Attempt.__table__.c.quiz_id == quiz.id, Attempt.__table__.c.finished_at.is_(None))
        .values(finished_at=now)
        .returning(Attempt.__table__.c.id)
    ).scalars().all()
    if not claimed:
        return 0
    finished_at = max(now, utcnow())  # after every answer counted
    asked = quiz.asked_question_ids
    unfinished = db.session.execute(db.select(Attempt).where(Attempt.id.in_(claimed))).scalars().all()
    for attempt in unfinished:
        db.session.expire(attempt, ["responses"])
        close_attempt(attempt, asked, finished_at)
    return len(unfinished)


def hidden_from_my_classes(teacher: User, quiz: Quiz) -> bool:
    return db.session.execute(select(HiddenSharedQuiz.id).filter_by(teacher_id=teacher.id, quiz_id=quiz.id)).first() is not None


def set_hidden_from_my_classes(teacher: User, quiz: Quiz, hidden: bool) -> None:
    """Hide a shared quiz (the bundled sample) from the students of the teacher's classes, or show it
    again; attempts already made stay, as when a teacher hides their own quiz."""
    if quiz.owner_id is not None:
        raise QuizError("Only a shared quiz is hidden this way; hide your own quiz in its settings.")
    teacher_id, quiz_id = teacher.id, quiz.id

    def change() -> None:
        row = db.session.execute(select(HiddenSharedQuiz).filter_by(teacher_id=teacher_id, quiz_id=quiz_id)).scalar_one_or_none()
        if hidden and row is None:
            db.session.add(HiddenSharedQuiz(teacher_id=teacher_id, quiz_id=quiz_id))
        elif not hidden and row is not None:
            db.session.delete(row)

    try:
        commit_with_retry(db.session, change)
    except IntegrityError:
        db.session.rollback()  # hidden a moment ago by the same teacher's other click: as asked


def set_visible(quiz: Quiz, visible: bool) -> None:
    """Hide a quiz from students (its attempts and scores stay), or show it again."""

    def change() -> None:
        quiz.published = visible

    commit_with_retry(db.session, change)


def quizzes_of(teacher: User) -> list[Quiz]:
    """The teacher's own quizzes, newest first, then the shared ones."""
    return list(
        db.session.execute(
            db.select(Quiz)
            .where(quizzes_teacher_may_open(teacher))
            .order_by(Quiz.owner_id.is_(None), Quiz.created_at.desc(), Quiz.id.desc())
        ).scalars()
    )


_NOBODY_STARTED = ~exists().where(Attempt.__table__.c.quiz_id == bindparam("quiz_id"))
_LOCK_QUIZ = select(Quiz.__table__.c.id).where(Quiz.__table__.c.id == bindparam("quiz_id")).with_for_update()


def has_attempts(quiz: Quiz) -> bool:
    return db.session.execute(select(Attempt.id).filter_by(quiz_id=quiz.id).limit(1)).first() is not None


def remove_question(quiz: Quiz, position: int) -> None:
    """Take a question out of a quiz no student has started (after that, drop it instead).

    The check is part of the DELETE, after the quiz row is locked (PostgreSQL): a Start at the same
    moment either comes first, and the question stays, or waits and finds it gone.
    """
    item = next((i for i in quiz.items if i.position == position), None)
    if item is None:
        raise QuizError("This quiz has no such question.")
    if len(quiz.items) == 1:
        raise QuizError("This is the quiz's only question: a quiz needs at least one.")

    def change() -> int:
        db.session.execute(_LOCK_QUIZ, {"quiz_id": quiz.id})
        items = QuizItem.__table__
        return db.session.execute(
            delete(items).where(items.c.id == item.id, _NOBODY_STARTED).execution_options(synchronize_session=False),
            {"quiz_id": quiz.id},
        ).rowcount

    if not commit_with_retry(db.session, change):
        db.session.refresh(quiz)
        raise QuizError("A student has started this quiz meanwhile: its questions stay as they are. Drop a question instead.")
    db.session.expire(quiz, ["items"])


def add_questions(quiz: Quiz, question_ids: list[int], whole_article_ids: list[int] = ()) -> int:
    """Add published questions to the end of a quiz no student has started; returns how many."""
    chosen = [q for q in published_questions() if q.id in set(question_ids)]
    if len(chosen) != len(set(question_ids)):
        raise QuizError("Some chosen questions are not published any more; reload the page and choose again.")
    if whole_article_ids:
        chosen += [q for q in published_questions(list(whole_article_ids)) if q not in chosen]
    present = {item.question_id for item in quiz.items}
    new = [q for q in chosen if q.id not in present]
    if not new:
        raise QuizError("Choose at least one question the quiz does not ask yet.")
    start = max((item.position for item in quiz.items), default=-1) + 1
    items = QuizItem.__table__

    def change() -> int:
        db.session.execute(_LOCK_QUIZ, {"quiz_id": quiz.id})
        added = 0
        for offset, question in enumerate(new):
            stored = db.session.execute(
                insert(items).from_select(
                    ["quiz_id", "question_id", "position"],
                    select(bindparam("quiz_id", type_=Integer), bindparam("question_id", type_=Integer), bindparam("position", type_=Integer))
                    .where(_NOBODY_STARTED),
                ).returning(items.c.id),  # rowcount is not reliable for INSERT ... SELECT
                {"quiz_id": quiz.id, "question_id": question.id, "position": start + offset},
            ).first()
            added += stored is not None
        return added

    added = commit_with_retry(db.session, change)
    db.session.expire(quiz, ["items"])
    if not added:
        raise QuizError("A student has started this quiz meanwhile: its questions stay as they are.")
    return added


def set_dropped(quiz: Quiz, position: int, dropped: bool) -> tuple[QuizItem, int]:
    """Drop the question at ``position`` from the quiz, or take it back; returns it and the attempts rescored.

    A dropped question is no longer asked, and every finished attempt is scored again without
    it, in the same transaction; the answers given to it are kept and stay visible.
    """
    item = next((i for i in quiz.items if i.position == position), None)
    if item is None:
        raise QuizError("This quiz has no such question.")
    if dropped and item.dropped_at is None and len(quiz.asked_items) == 1:
        raise QuizError("This is the quiz's last question asked: a quiz cannot drop all its questions.")
    if not dropped and item.dropped_at is not None and _finished_without(item):
        raise QuizError(
            "Students have finished the quiz without this question since you dropped it: bringing it back "
            "would count it as wrong for them, so it stays dropped."
        )

    def change() -> int:
        item.dropped_at = utcnow() if dropped else None
        return rescore_finished(quiz)

    return item, commit_with_retry(db.session, change)


def _finished_without(item: QuizItem) -> bool:
    """Whether an attempt finished while ``item`` was dropped, without an answer to it (it was never asked)."""
    return db.session.execute(
        db.select(Attempt.id)
        .where(
            Attempt.quiz_id == item.quiz_id,
            Attempt.finished_at >= item.dropped_at,
            ~db.select(Response.id)
            .where(Response.attempt_id == Attempt.id, Response.question_id == item.question_id)
            .exists(),
        )
        .limit(1)
    ).first() is not None


def rescore_finished(quiz: Quiz) -> int:
    """Score every finished attempt of ``quiz`` again on its asked questions; returns how many changed."""
    asked = quiz.asked_question_ids
    right_by_attempt: dict[int, set[int]] = {}
    for attempt_id, question_id in db.session.execute(
        db.select(Response.attempt_id, Response.question_id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Attempt.quiz_id == quiz.id, Response.correct.is_(True), Response.question_id.in_(asked))
    ):
        right_by_attempt.setdefault(attempt_id, set()).add(question_id)
    changed = 0
    for attempt in db.session.execute(
        db.select(Attempt).where(Attempt.quiz_id == quiz.id, Attempt.finished_at.is_not(None))
    ).scalars():
        its_questions = attempt.asked_of(asked)
        score = score_of(len(right_by_attempt.get(attempt.id, set()) & its_questions), len(its_questions))
        if attempt.score != score:
            attempt.score = score
            changed += 1
    return changed


def quiz_attempts(quiz: Quiz) -> list[Attempt]:
    return list(
        db.session.execute(
            db.select(Attempt).filter_by(quiz_id=quiz.id).order_by(Attempt.started_at, Attempt.id)
        ).scalars()
    )


def gradebook(quiz: Quiz, teacher: User) -> list[GradebookRow]:
    """Every row of the gradebook (see ``gradebook_page``), for the CSV download."""
    return _gradebook_rows(quiz, list(db.session.execute(_gradebook_students(quiz, teacher)).scalars()))


def gradebook_page(quiz: Quiz, teacher: User, page: int = 1, per_page: int = 50):
    """One page of the gradebook: one row per student of the quiz's class and anyone else who
    attempted it, by username (a Flask-SQLAlchemy ``Pagination`` whose ``items`` are GradebookRows).

    On a shared quiz (open to everyone, no owner) a teacher sees only students in their own
    classes; on their own quiz, everyone who took it, a student since taken out of the class too.
    Only the page's students' attempts are read.
    """
    students = page_of(_gradebook_students(quiz, teacher), page, per_page)
    students.items = _gradebook_rows(quiz, students.items)
    return students


def _gradebook_students(quiz: Quiz, teacher: User):
    takers = db.select(Attempt.user_id).where(Attempt.quiz_id == quiz.id)
    if quiz.owner_id != teacher.id:
        takers = takers.where(Attempt.user_id.in_(students_taught(teacher)))
    members = db.select(Enrollment.user_id).where(Enrollment.classroom_id == quiz.classroom_id)
    return (
        db.select(User)
        .where(User.id.in_(takers) | (User.id.in_(members) if quiz.classroom_id is not None else db.false()))
        .order_by(db.func.lower(User.username), User.id)
    )


def _gradebook_rows(quiz: Quiz, students: list[User]) -> list[GradebookRow]:
    by_student: dict[int, list[Attempt]] = {student.id: [] for student in students}
    if by_student:
        attempts = db.select(Attempt).where(Attempt.quiz_id == quiz.id, Attempt.user_id.in_(by_student))
        for attempt in db.session.execute(attempts.order_by(Attempt.started_at, Attempt.id)).scalars():
            by_student[attempt.user_id].append(attempt)
    rows = []
    for student in students:
        attempts = by_student[student.id]
        finished = [a for a in attempts if a.finished_at is not None]
        rows.append(
            GradebookRow(
                student=student,
                attempts=len(attempts),
                finished=len(finished),
                best=max((a.score for a in finished), default=None),
                last=finished[-1].score if finished else None,
                last_finished_at=finished[-1].finished_at if finished else None,
            )
        )
    return rows


