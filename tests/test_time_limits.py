"""Timed attempts: the attempt is finished and scored when its time is up, on the server, whatever
the browser does; no answer is stored after the deadline; a time limit on a closed quiz is refused."""

from __future__ import annotations

from datetime import timedelta

from dataclasses import replace

import pytest

from quizapp.extensions import db
from quizapp.models import Attempt, Quiz, Response, Role, utcnow
from quizapp.services import answers
from quizapp.services.attempts import AttemptClosed, finish_overdue
from quizapp.services.quizzes import QuizError, update_settings

from .conftest import log_in, make_quiz, make_user
from .test_student import answer, start


@pytest.fixture
def timed_quiz(app):
    with app.app_context():
        make_user("sam")
        teacher = make_user("mrs_t", role=Role.TEACHER)
        quiz = make_quiz()
        quiz.owner_id, quiz.time_limit_minutes = teacher.id, 20
        db.session.commit()
        return quiz.id


def expire(app, attempt_id: int, minutes_ago: int = 1) -> None:
    """The attempt's time ran out ``minutes_ago`` minutes ago (as if 20 minutes had passed)."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.deadline = utcnow() - timedelta(minutes=minutes_ago)
        db.session.commit()


def test_a_timed_attempt_shows_its_deadline_and_refuses_answers_after_it(app, client, timed_quiz):
    log_in(client, "sam")
    assert "20 minutes per attempt" in client.get("/quizzes").get_data(as_text=True)
    attempt_id = start(client, timed_quiz)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert timedelta(minutes=19, seconds=55) < attempt.deadline - attempt.started_at <= timedelta(minutes=20, seconds=1)
    page = client.get(f"/attempts/{attempt_id}/questions/0").get_data(as_text=True)
    assert "Timed: your time is up at" in page
    answer(client, attempt_id, 0, {"answer": "Warsaw"})  # in time: counts
    expire(app, attempt_id)
    late = answer(client, attempt_id, 1, {"answer": "1903"})  # after the deadline: not stored, the attempt finished
    text = late.get_data(as_text=True)
    assert "Time is up: your answers up to then were saved and scored." in text
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        answered = db.session.execute(db.select(Response.question_id).filter_by(attempt_id=attempt_id)).scalars().all()
        assert len(answered) == 1 and attempt.score == 0.25
        assert attempt.finished_at == attempt.deadline  # finished as of the deadline, not of the late visit


def test_an_attempt_nobody_returns_to_is_finished_when_the_teacher_looks(app, client, timed_quiz):
    log_in(client, "sam")
    attempt_id = start(client, timed_quiz)
    answer(client, attempt_id, 0, {"answer": "Warsaw"})
    expire(app, attempt_id, minutes_ago=60)  # the student closed the tab an hour ago
    teacher = app.test_client()
    log_in(teacher, "mrs_t")
    page = teacher.get(f"/teach/quizzes/{timed_quiz}").get_data(as_text=True)
    assert "20 minutes per attempt" in page
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.finished_at == attempt.deadline and attempt.score == 0.25
        assert finish_overdue(db.session.get(Quiz, timed_quiz)) == 0  # once only


def test_a_new_time_limit_applies_to_attempts_started_after_it(app, client, timed_quiz):
    log_in(client, "sam")
    attempt_id = start(client, timed_quiz)
    with app.app_context():
        quiz = db.session.get(Quiz, timed_quiz)
        update_settings(quiz, title=quiz.title, opens_at=None, closes_at=None, max_attempts=None, time_limit_minutes=None)
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.deadline is not None  # the limit it started under stands
    answer(client, attempt_id, 0, {"answer": "Warsaw"})
    client.post(f"/attempts/{attempt_id}/finish")
    second = start(client, timed_quiz)
    with app.app_context():
        assert db.session.get(Attempt, second).deadline is None


def test_a_time_limit_is_set_in_the_settings_and_refused_on_a_closed_quiz(app, timed_quiz):
    teacher = app.test_client()
    log_in(teacher, "mrs_t")
    saved = teacher.post(f"/teach/quizzes/{timed_quiz}/settings", data={"title": "Curie quiz", "time_limit": "45"})
    assert saved.status_code == 302
    with app.app_context():
        assert db.session.get(Quiz, timed_quiz).time_limit_minutes == 45
    for bad, message in (("0", "Number must be between 1 and 600."), ("abc", "Not a valid integer value.")):
        page = teacher.post(f"/teach/quizzes/{timed_quiz}/settings", data={"title": "Curie quiz", "time_limit": bad})
        assert page.status_code == 400 and message in page.get_data(as_text=True)
    teacher.post(f"/teach/quizzes/{timed_quiz}/close")
    with app.app_context():
        quiz = db.session.get(Quiz, timed_quiz)
        with pytest.raises(QuizError, match="This quiz has closed: a time limit would change nothing"):
            update_settings(quiz, title=quiz.title, opens_at=None, closes_at=quiz.closes_at, max_attempts=None, time_limit_minutes=10)
        assert db.session.get(Quiz, timed_quiz).time_limit_minutes == 45


def test_the_deadline_is_checked_by_the_write_itself(app, client, timed_quiz):
    """A request that read the attempt just before its deadline and writes just after stores nothing:
    the guard is part of the INSERT, as the finish and close guards are."""
    log_in(client, "sam")
    attempt_id = start(client, timed_quiz)
    expire(app, attempt_id)
    with app.app_context():
        with answers.answering(attempt_id, 0) as target:
            assert target.time_up
            stale = replace(target, deadline=None)  # as read a moment before the time ran out
            with pytest.raises(AttemptClosed, match="Time is up"):
                answers.save_answer(stale, "Warsaw")
        assert db.session.execute(db.select(Response).filter_by(attempt_id=attempt_id)).first() is None
