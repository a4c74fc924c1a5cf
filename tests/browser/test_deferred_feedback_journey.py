"""Feedback at the end, in a real browser: a student changes an answer before finishing; the review
shows what the teacher's review options allow; the teacher accepts another answer and regrades."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Attempt, Enrollment, Role, utcnow
from quizapp.services.classes import create_class

from ..conftest import make_quiz, make_user
from .conftest import assert_fits_phone, log_in, shot

pytestmark = pytest.mark.browser


def chemistry_quiz_with_feedback_at_the_end():
    """mrs_t's Chemistry class with ana in it, and its Curie quiz with feedback at the end
    (inside an app context): (ana, the quiz)."""
    teacher, student = make_user("mrs_t", role=Role.TEACHER), make_user("ana")
    classroom = create_class(teacher, "Chemistry")
    db.session.add(Enrollment(classroom_id=classroom.id, user_id=student.id))
    db.session.commit()
    quiz = make_quiz(feedback="end", classroom=classroom)
    quiz.owner_id = teacher.id
    return student, quiz


def test_student_changes_an_answer_and_the_teacher_accepts_another(live_app, page, phone):
    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        student, quiz = chemistry_quiz_with_feedback_at_the_end()
        quiz.closes_at = utcnow() + timedelta(days=2)
        quiz.review_after_submit = ["correctness"]  # the right answers and evidence once the quiz closes
        db.session.commit()
        quiz_id, cloze_id = quiz.id, next(i.question_id for i in quiz.items if i.question.type == "cloze")

    # The student, on a phone: answers, then changes the first answer from the summary before finishing.
    log_in(phone, url, "ana")
    phone.goto(f"{url}/quizzes")
    phone.get_by_role("button", name="Start").first.click()
    phone.get_by_label("Paris").check()
    phone.get_by_role("button", name="Save answer").click()
    phone.get_by_label("Your answer").fill("MCMIII")  # 1903 in Roman numerals: not what the key says
    phone.get_by_role("button", name="Save answer").click()
    phone.get_by_label("True", exact=True).check()
    phone.get_by_role("button", name="Save answer").click()
    for index, row in enumerate(phone.locator(".ordering-row").all()):
        label = row.locator("span").inner_text()
        position = ["Curie won the Nobel Prize in Physics", "Curie won the Nobel Prize in Chemistry", "Curie died"].index(label) + 1
        row.locator("select").select_option(str(position))
    phone.get_by_role("button", name="Save answer").click()
    expect(phone.get_by_role("heading", name="Check your answers before you finish")).to_be_visible()
    shot(phone, "50-attempt-summary-phone")
    phone.get_by_role("link", name="Question 1").click()
    expect(phone.get_by_text("Saved: Paris")).to_be_visible()
    phone.get_by_label("Warsaw").check()
    phone.get_by_role("button", name="Change answer").click()
    expect(phone.locator(".attempt-summary li").first).to_contain_text("Warsaw")
    assert_fits_phone(phone)
    phone.get_by_role("button", name="Finish and see your score").click()
    # Right after: whether right and the score only.
    expect(phone.get_by_text("Score 75%")).to_be_visible()
    expect(phone.locator("mark.evidence")).to_have_count(0)
    expect(phone.get_by_text("more once the quiz closes")).to_be_visible()
    shot(phone, "51-review-before-close-phone")

    # The teacher accepts the Roman numerals for the cloze question and regrades.
    log_in(page, url, "mrs_t")
    page.goto(f"{url}/teach/questions/{cloze_id}/edit")
    page.get_by_label("Also accepted, one per line").fill("MCMIII")
    page.get_by_role("button", name="Save accepted answers and regrade").click()
    expect(page.get_by_text("Regraded: 1 answer changed")).to_be_visible()
    expect(page.get_by_text("ana (Curie quiz): 75% → 100%")).to_be_visible()
    shot(page, "52-accepted-answers-regraded")
    with live_app.app_context():
        assert db.session.execute(db.select(Attempt.score).filter_by(quiz_id=quiz_id)).scalar_one() == 1.0

    # The quiz closes: the review shows the right answers and the evidence.
    page.goto(f"{url}/teach/quizzes/{quiz_id}")
    page.get_by_text("Settings: name, times, attempts, what reviews show").click()
    expect(page.get_by_text("Right after the attempt is finished, the review shows")).to_be_visible()
    page.get_by_role("button", name="Close now").click()
    phone.reload()
    expect(phone.get_by_text("Score 100%")).to_be_visible()
    expect(phone.locator("mark.evidence").first).to_be_visible()


def test_the_teacher_marks_one_answer_right_and_the_student_reads_why(live_app, page, phone):
    from quizapp.models import Quiz
    from quizapp.services import answers, attempts

    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        student, quiz = chemistry_quiz_with_feedback_at_the_end()
        db.session.commit()
        attempt = attempts.start_attempt(student, db.session.get(Quiz, quiz.id))
        cloze = next(i.question for i in quiz.items if i.question.type == "cloze")
        answers.record_answer(attempt, cloze, "MCMIII")  # 1903 in Roman numerals: wrong for the key
        attempts.finish_attempt(attempt)
        attempt_id, position = attempt.id, next(i.position + 1 for i in quiz.items if i.question.type == "cloze")

    log_in(page, url, "mrs_t")
    page.goto(f"{url}/teach/attempts/{attempt_id}")
    item = page.locator(f"#q{position}")
    item.get_by_label("Why (the student sees it)").fill("Roman numerals name the same year.")
    item.get_by_role("button", name="Mark right").click()
    expect(page.get_by_text("Marked ana's answer right: score 0% → 25%.")).to_be_visible()
    expect(page.locator(f"#q{position}")).to_contain_text("Marked right by mrs_t")
    shot(page, "55-answer-marked-right")

    log_in(phone, url, "ana")
    phone.goto(f"{url}/attempts/{attempt_id}/review")
    expect(phone.get_by_text("Score 25%")).to_be_visible()
    marked = phone.locator(f"#q{position}")
    expect(marked).to_contain_text("Marked right by mrs_t")
    expect(marked).to_contain_text("“Roman numerals name the same year.”")
    expect(marked.get_by_role("button")).to_have_count(0)  # nothing for the student to press
    assert_fits_phone(phone)
    shot(phone, "56-answer-marked-right-student-phone")
