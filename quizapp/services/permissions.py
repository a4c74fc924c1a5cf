"""Who may see or change what, in one place. Each rule is a query filter (a SQL condition) that the
lists and the single lookups share, so a list never shows what opening it would refuse; the
``may_*`` checks test one row against the same rule."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, or_, select

from ..extensions import db
from ..models import Article, Attempt, Classroom, Enrollment, HiddenSharedQuiz, Quiz, User


def quizzes_teacher_may_open(teacher: User) -> ColumnElement[bool]:
    """A teacher opens their own quizzes and the shared ones (bundled, no owner)."""
    return or_(Quiz.owner_id == teacher.id, Quiz.owner_id.is_(None))


def articles_teacher_may_edit(teacher: User) -> ColumnElement[bool]:
    """Teachers review and edit the questions of articles they imported; bundled articles are everyone's."""
    return or_(Article.imported_by_id == teacher.id, Article.imported_by_id.is_(None))


def quizzes_student_may_see(student: User) -> ColumnElement[bool]:
    """Published quizzes open to a class the student belongs to, or to everyone (the shared sample)
    unless one of the student's teachers has hidden it from their classes."""
    member_of = select(Enrollment.classroom_id).where(Enrollment.user_id == student.id)
    their_teachers = select(Classroom.teacher_id).join(Enrollment, Enrollment.classroom_id == Classroom.id).where(Enrollment.user_id == student.id)
    hidden_by_a_teacher = exists().where(HiddenSharedQuiz.quiz_id == Quiz.id, HiddenSharedQuiz.teacher_id.in_(their_teachers))
    shared = and_(Quiz.classroom_id.is_(None), ~hidden_by_a_teacher)
    return and_(Quiz.published.is_(True), or_(shared, Quiz.classroom_id.in_(member_of)))


def may_open(teacher: User, quiz: Quiz) -> bool:
    return quiz.owner_id is None or quiz.owner_id == teacher.id  # quizzes_teacher_may_open, for one quiz


def may_edit(teacher: User, article: Article) -> bool:
    return teacher.is_teacher and article.imported_by_id in (None, teacher.id)  # articles_teacher_may_edit


def may_see_quiz(student: User, quiz: Quiz) -> bool:
    return db.session.execute(select(Quiz.id).where(Quiz.id == quiz.id, quizzes_student_may_see(student))).first() is not None


def students_taught(teacher: User) -> set[int]:
    """The ids of the students in the teacher's classes."""
    return set(
        db.session.execute(
            select(Enrollment.user_id).join(Classroom, Classroom.id == Enrollment.classroom_id).where(Classroom.teacher_id == teacher.id)
        ).scalars()
    )


def teaches(teacher: User, student: User) -> bool:
    """Whether ``student`` is in one of ``teacher``'s classes, or has attempted one of their quizzes
    (a student taken out of a class keeps their attempts, and their teacher keeps seeing them)."""
    if student.id in students_taught(teacher):
        return True
    return db.session.execute(
        select(Attempt.id).join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(Attempt.user_id == student.id, Quiz.owner_id == teacher.id).limit(1)
    ).first() is not None
