"""On a phone (390 px), nothing a reader needs is cut off: every column of the attempt tables (the
score above all) and every review tab lie within the screen, with no sideways scrolling; the
progress chart draws one line per quiz."""

from __future__ import annotations

import pytest

from quizapp.extensions import db
from quizapp.models import Enrollment, Role
from quizapp.services import answers, attempts
from quizapp.services.classes import create_class

from ..conftest import make_quiz, make_user
from .conftest import assert_fits_phone, log_in, shot

pytestmark = pytest.mark.browser

# Elements shown (not display:none) whose right edge passes the screen's or their scrolling box's.
OUTSIDE = """(selector) => [...document.querySelectorAll(selector)]
  .filter((element) => {
    const box = element.getBoundingClientRect();
    const frame = (element.closest('.table-wrap, nav.tabs') || document.documentElement).getBoundingClientRect();
    return box.width > 0 && box.right > Math.min(frame.right, document.documentElement.clientWidth) + 0.5;
  })
  .map((element) => element.textContent.trim())"""


def test_attempt_tables_and_review_tabs_fit_a_phone(live_app, phone):
    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        teacher, student = make_user("mrs_t", role=Role.TEACHER), make_user("anastasia_kowalczyk")
        classroom = create_class(teacher, "Chemistry")
        db.session.add(Enrollment(classroom_id=classroom.id, user_id=student.id))
        db.session.commit()
        quiz = make_quiz(classroom=classroom, title="Marie Curie and the discovery of radium and polonium")
        quiz.owner_id = teacher.id
        db.session.commit()
        other = make_quiz(classroom=classroom, title="Curie again")
        for taken, given in ((other, "Paris"), (quiz, "Paris"), (quiz, "Warsaw")):
            attempt = attempts.start_attempt(student, taken)
            answers.record_answer(attempt, taken.items[0].question, given)
            attempts.finish_attempt(attempt)
        attempt_id, student_id = attempt.id, student.id

    log_in(phone, url, "anastasia_kowalczyk")
    phone.goto(f"{url}/progress")
    # One line per quiz: the two attempts at the long-titled quiz are joined, the other quiz's is not.
    assert phone.locator("svg.chart polyline").count() == 1
    assert [t.strip() for t in phone.locator(".chart-legend li").all_inner_texts()] == ["Curie again", "Marie Curie and the discovery of radium and polonium"]
    shot(phone, "64-progress-chart-phone")
    assert phone.evaluate(OUTSIDE, "table th, table td") == []
    assert_fits_phone(phone)
    phone.goto(f"{url}/attempts/{attempt_id}/review")
    assert phone.evaluate(OUTSIDE, "nav.tabs a") == []
    shot(phone, "62-review-tabs-phone")

    phone.context.clear_cookies()
    log_in(phone, url, "mrs_t")
    phone.goto(f"{url}/teach/students/{student_id}")
    assert phone.evaluate(OUTSIDE, "table th, table td") == [], "the score column is cut off"
    assert_fits_phone(phone)
    shot(phone, "63-student-history-phone")
