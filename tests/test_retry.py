"""Writes that meet a busy database are tried again (commit_with_retry), not shown to the user as an error."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from quizapp import database
from quizapp.database import WRITE_RETRIES, commit_with_retry
from quizapp.extensions import db
from quizapp.models import Classroom, Enrollment, Question, Quiz, QuizItem, Role, User
from quizapp.services.authoring import set_status
from quizapp.services.classes import create_class, join_class
from quizapp.services.quizzes import QuizPlan, create_quiz

from .conftest import PASSWORD, count, log_in, make_quiz, make_user


@pytest.fixture(autouse=True)
def waits(monkeypatch):
    """The back-off waits, recorded instead of slept."""
    slept: list[float] = []
    monkeypatch.setattr(database.time, "sleep", slept.append)
    return slept


@contextmanager
def failing_writes(table: str, times: int, message: str = "database is locked"):
    """The next ``times`` INSERT/UPDATE/DELETE statements on ``table`` fail as the driver would fail them."""
    failures: list[str] = []
    pattern = re.compile(rf'^\s*(INSERT INTO|UPDATE|DELETE FROM) "?{table}"?\b', re.IGNORECASE)
    dbapi_error = db.engine.dialect.loaded_dbapi.OperationalError

    def fail(conn, cursor, statement, parameters, context, executemany):
        if len(failures) < times and pattern.match(statement):
            failures.append(statement)
            raise dbapi_error(message)

    event.listen(db.engine, "before_cursor_execute", fail)
    try:
        yield failures
    finally:
        event.remove(db.engine, "before_cursor_execute", fail)


def test_sign_up_on_a_busy_database_succeeds_and_stores_one_account(app, client, waits):
    with app.app_context(), failing_writes("users", times=1) as failures:
        page = client.post(
            "/signup", data={"username": "ana", "password": PASSWORD, "password2": PASSWORD}, follow_redirects=True
        )
        assert len(failures) == 1
        assert page.status_code == 200
        assert "Welcome, ana!" in page.get_data(as_text=True)
        user = db.session.execute(db.select(User)).scalar_one()
        assert user.username == "ana" and user.check_password(PASSWORD)
    assert waits == [database.RETRY_DELAY]
    assert log_in(app.test_client(), "ana").status_code == 200


def test_classes_quizzes_and_reviews_are_stored_once_after_busy_tries(app, waits):
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        student = make_user("sam")
        with failing_writes("classrooms", times=WRITE_RETRIES - 1):
            classroom = create_class(teacher, "Year 9 history")
        with failing_writes("enrollments", times=1):
            assert join_class(student, classroom.join_code) == (classroom, True)
        assert (count(Classroom), count(Enrollment)) == (1, 1)

        questions = make_quiz().items
        question_ids = [item.question_id for item in questions]
        article = questions[0].question.article
        plan = QuizPlan("Busy quiz", classroom, question_ids[:1], [article.id], 2, None, None, None, "immediate")
        with failing_writes("quiz_items", times=1):
            quiz = create_quiz(teacher, plan, seed=7)
        stored = db.session.execute(
            db.select(QuizItem.position, QuizItem.question_id).filter_by(quiz_id=quiz.id).order_by(QuizItem.position)
        ).all()
        assert [position for position, _ in stored] == [0, 1, 2]
        assert stored[0].question_id == question_ids[0] and len({qid for _, qid in stored}) == 3
        assert count(Quiz) == 2 and count(QuizItem) == len(question_ids) + 3

        with failing_writes("questions", times=1) as failures:
            assert set_status(article, question_ids, "draft") == len(question_ids)
        assert failures
        assert {q.status for q in db.session.execute(db.select(Question)).scalars()} == {"draft"}
    assert waits == [database.RETRY_DELAY, 2 * database.RETRY_DELAY] + [database.RETRY_DELAY] * 3


def test_a_database_busy_every_time_gives_up_after_the_last_try(app, waits):
    runs = []

    def add_user():
        runs.append(1)
        db.session.add(User(username="ana", role=Role.STUDENT, password_hash="x"))

    with app.app_context(), failing_writes("users", times=WRITE_RETRIES):
        with pytest.raises(OperationalError, match="database is locked"):
            commit_with_retry(db.session, add_user)
        assert len(runs) == WRITE_RETRIES
        assert count(User) == 0
    assert len(waits) == WRITE_RETRIES - 1


def test_other_errors_are_not_retried(app, waits):
    runs = []

    def add_user():
        runs.append(1)
        db.session.add(User(username="ana", role=Role.STUDENT, password_hash="x"))

    with app.app_context():
        with failing_writes("users", times=1, message="disk I/O error"), pytest.raises(OperationalError, match="disk I/O"):
            commit_with_retry(db.session, add_user)
        assert len(runs) == 1 and count(User) == 0

        def refuse():
            db.session.add(User(username="bo_b", role=Role.STUDENT, password_hash="x"))
            raise ValueError("a rule of the use case")

        with pytest.raises(ValueError, match="a rule"):
            commit_with_retry(db.session, refuse)
        assert count(User) == 0  # rolled back, not committed by a later request
    assert waits == []
