"""A teacher marking one student's answer right or wrong: the score follows, the student sees the
change with the teacher's reason, the history keeps every change, and regrading leaves it."""

from __future__ import annotations

from quizapp.extensions import db
from quizapp.models import Attempt, Question, Quiz, Response, ResponseOverride, Role
from quizapp.services import attempts
from quizapp.services.overrides import OverrideError, override_answer
from quizapp.services.regrading import set_accepted_answers

import pytest

from .conftest import log_in, make_user
from .test_regrading import answer_and_finish, war_quiz


@pytest.fixture
def marked(app):
    """mrs_t's one-question quiz; ana typed "War of Nations" for the key "First World War" (wrong) and finished."""
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        quiz_id, question_id = war_quiz(teacher)
        attempt_id = answer_and_finish("ana", quiz_id, "War of Nations")
    return quiz_id, question_id, attempt_id


def test_a_teacher_marks_an_answer_right_and_the_student_sees_why(app, client, marked):
    quiz_id, question_id, attempt_id = marked
    log_in(client, "mrs_t")
    page = client.get(f"/teach/attempts/{attempt_id}").get_data(as_text=True)
    assert "Mark right</button>" in page
    done = client.post(f"/teach/attempts/{attempt_id}/answers/{question_id}/mark",
                       data={"verdict": "right", "note": "War of Nations names the same war."}, follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "Marked ana&#39;s answer right: score 0% → 100%." in text or "Marked ana's answer right: score 0% → 100%." in text
    assert "Marked right by mrs_t" in text and "“War of Nations names the same war.”" in text
    assert "Mark wrong</button>" in text  # and back again, if need be
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        response = db.session.execute(db.select(Response).filter_by(attempt_id=attempt_id)).scalar_one()
        assert attempt.score == 1.0 and response.correct and response.overridden
        [change] = db.session.execute(db.select(ResponseOverride)).scalars().all()
        assert (change.correct_before, change.correct_after, change.note, change.teacher.username) == (False, True, "War of Nations names the same war.", "mrs_t")

    student = app.test_client()
    log_in(student, "ana")
    review = student.get(f"/attempts/{attempt_id}/review").get_data(as_text=True)
    assert "Marked right by mrs_t" in review and "War of Nations names the same war." in review
    assert "Mark wrong" not in review  # no teacher's form for the student


def test_every_change_is_kept_and_regrading_leaves_the_teachers_verdict(app, marked):
    quiz_id, question_id, attempt_id = marked
    with app.app_context():
        teacher = make_user("mr_other_admin", role=Role.TEACHER)  # the service trusts its caller; routes check ownership
        attempt = db.session.get(Attempt, attempt_id)
        override_answer(attempt, question_id, teacher, True, "same war")
        override_answer(attempt, question_id, teacher, False, "  on second thoughts,\n spell it out  ")
        changes = db.session.execute(db.select(ResponseOverride).order_by(ResponseOverride.id)).scalars().all()
        assert [(c.correct_before, c.correct_after, c.note) for c in changes] == [
            (False, True, "same war"), (True, False, "on second thoughts, spell it out")]
        # Accepting "War of Nations" for everyone would make ana's answer right: her teacher's "wrong" stands.
        set_accepted_answers(db.session.get(Question, question_id), ["War of Nations"])
        assert db.session.get(Attempt, attempt_id).score == 0.0
        with pytest.raises(OverrideError, match="already marked wrong"):
            override_answer(db.session.get(Attempt, attempt_id), question_id, teacher, False)
        with pytest.raises(OverrideError, match="300 characters at most"):
            override_answer(db.session.get(Attempt, attempt_id), question_id, teacher, True, "x" * 301)
        assert db.session.execute(db.select(db.func.count(ResponseOverride.id))).scalar() == 2


def test_an_unfinished_attempt_or_an_unanswered_question_cannot_be_marked(app, client):
    with app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        quiz_id, question_id = war_quiz(teacher)
        ben = make_user("ben")
        open_attempt = attempts.start_attempt(ben, db.session.get(Quiz, quiz_id))
        with pytest.raises(OverrideError, match="still in progress"):
            override_answer(open_attempt, question_id, teacher, True)
        attempts.finish_attempt(open_attempt)
        with pytest.raises(OverrideError, match="did not answer this question"):
            override_answer(open_attempt, question_id, teacher, True)
        attempt_id = open_attempt.id
    log_in(client, "mrs_t")
    page = client.post(f"/teach/attempts/{attempt_id}/answers/{question_id}/mark", data={"verdict": "right"}, follow_redirects=True)
    assert "did not answer this question" in page.get_data(as_text=True)


def test_only_the_quizzes_teacher_may_mark_and_a_forged_form_changes_nothing(app, client, marked):
    quiz_id, question_id, attempt_id = marked
    with app.app_context():
        make_user("mr_x", role=Role.TEACHER)
    url = f"/teach/attempts/{attempt_id}/answers/{question_id}/mark"
    log_in(client, "mr_x")
    assert client.post(url, data={"verdict": "right"}).status_code == 404
    student = app.test_client()
    log_in(student, "ana")
    assert student.post(url, data={"verdict": "right"}).status_code == 403
    teacher = app.test_client()
    log_in(teacher, "mrs_t")
    assert teacher.post(url, data={"verdict": "maybe"}).status_code == 400
    assert teacher.post(url, data={"verdict": "right", "note": "x" * 301}).status_code == 400
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).score == 0.0
        assert db.session.execute(db.select(db.func.count(ResponseOverride.id))).scalar() == 0
