"""Who may open what in the teacher area: the role check on every route, and lookups that answer
404 for what is not the teacher's (another teacher's class or quiz must look like no class or quiz)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ..extensions import db, login_manager
from ..models import Article, Classroom, Question, Quiz
from ..services.permissions import may_edit, may_open
from . import bp


@bp.before_request
def require_teacher():
    """Every route here is for teachers only: anonymous users log in, students get 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_teacher:
        abort(403)
    return None


def own_question(question_id: int) -> Question:
    question = db.get_or_404(Question, question_id)
    if not may_edit(current_user, question.article):
        abort(404)
    return question


def own_classroom(classroom_id: int) -> Classroom:
    classroom = db.get_or_404(Classroom, classroom_id)
    if classroom.teacher_id != current_user.id:
        abort(404)
    return classroom


def openable_quiz(quiz_id: int) -> Quiz:
    """A quiz this teacher may open: their own, or a shared (bundled) one; any other is not found."""
    quiz = db.get_or_404(Quiz, quiz_id)
    if not may_open(current_user, quiz):
        abort(404)
    return quiz


def quiz_to_change(quiz_id: int) -> Quiz:
    """A quiz this teacher may change: only their own (a shared quiz is every teacher's students')."""
    quiz = openable_quiz(quiz_id)
    if quiz.owner_id != current_user.id:
        abort(403)
    return quiz


def article_by_slug(slug: str) -> Article:
    """An article whose questions this teacher may review and edit: one they imported, or a bundled one."""
    article = db.first_or_404(db.select(Article).filter_by(slug=slug))
    if not may_edit(current_user, article):
        abort(404)
    return article
