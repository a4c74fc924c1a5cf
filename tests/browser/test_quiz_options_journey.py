"""Quiz options in a real browser: a teacher builds a timed quiz of a whole article with its
questions shuffled, removes one before anyone starts, copies it to a second class; a student on a
phone sees the time limit."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Classroom, Enrollment, Role, User

from ..conftest import make_user
from .conftest import assert_fits_phone, log_in, shot

pytestmark = pytest.mark.browser


def teacher_with_classes(live_app, page, *names: str) -> None:
    """mrs_t (and ana, a student in no class yet); mrs_t logs in and creates these classes, ending
    on her dashboard."""
    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
        make_user("ana")
    log_in(page, url, "mrs_t")
    page.get_by_role("link", name="Teaching").click()
    for name in names:
        page.get_by_placeholder("e.g. Year 10 History").fill(name)
        page.get_by_role("button", name="Create class").click()
        page.get_by_role("link", name="Teaching").click()


def quiz_card_of_new_member(live_app, phone, class_name: str, quiz_title: str):
    """Ana joins the class; her quiz list's card for the quiz, on her phone."""
    with live_app.app_context():
        classroom = db.session.execute(db.select(Classroom).filter_by(name=class_name)).scalar_one()
        ana_id = db.session.execute(db.select(User.id).filter_by(username="ana")).scalar_one()
        db.session.add(Enrollment(classroom_id=classroom.id, user_id=ana_id))
        db.session.commit()
    log_in(phone, live_app.config["LIVE_URL"], "ana")
    phone.goto(f"{live_app.config['LIVE_URL']}/quizzes")
    return phone.locator("li", has_text=quiz_title).first


def test_teacher_builds_a_timed_shuffled_quiz_of_a_whole_article_and_copies_it(live_app, page, phone):
    teacher_with_classes(live_app, page, "History 9", "History 10")

    page.get_by_role("link", name="New quiz").click()
    page.get_by_label("Quiz title").fill("Coup allegations")
    page.get_by_label("For the class").select_option(label="History 9")
    page.get_by_label("Every published question of this article").check()
    page.get_by_label("Time limit per attempt, in minutes").fill("25")
    page.get_by_label("Ask the questions in a different order in each attempt").check()
    page.get_by_role("button", name="Create quiz").click()
    expect(page.get_by_text("Quiz Coup allegations created with")).to_be_visible()
    expect(page.get_by_text("25 minutes per attempt")).to_be_visible()
    total = page.locator("ol.quiz-questions > li").count()
    assert total > 3

    # Nobody has started: a question can still be removed.
    page.get_by_role("button", name="Remove question 1", exact=True).click()
    expect(page.get_by_text("Question removed from the quiz.")).to_be_visible()
    expect(page.locator("ol.quiz-questions > li")).to_have_count(total - 1)
    shot(page, "57-quiz-questions-before-start")

    # The same quiz for the other class.
    page.get_by_text("Copy this quiz to a class").click()
    page.get_by_label("For the class").select_option(label="History 10")
    page.get_by_label("Title of the copy").fill("Coup allegations (History 10)")
    page.get_by_role("button", name="Copy the quiz").click()
    expect(page.get_by_text(f"Copied to History 10 as Coup allegations (History 10), with {total - 1} questions.")).to_be_visible()
    shot(page, "58-quiz-copied")

    # A student of History 10 sees the time limit before and during the attempt.
    card = quiz_card_of_new_member(live_app, phone, "History 10", "Coup allegations (History 10)")
    expect(card).to_contain_text("25 minutes per attempt")
    card.get_by_role("button", name="Start").click()
    expect(phone.get_by_text("Timed: your time is up at")).to_be_visible()
    assert_fits_phone(phone)
    shot(phone, "59-timed-question-phone")


def test_teacher_has_each_student_draw_their_own_random_questions(live_app, page, phone):
    teacher_with_classes(live_app, page, "History 9")
    page.get_by_role("link", name="New quiz").click()
    page.get_by_label("Quiz title").fill("Five of them")
    page.get_by_label("For the class").select_option(label="History 9")
    page.get_by_label("How many random questions").fill("5")
    page.locator("input[name=random_articles]").first.check()
    page.get_by_label("Draw them for each student").check()
    shot(page, "65-quiz-drawn-per-student")
    page.get_by_role("button", name="Create quiz").click()
    expect(page.get_by_text("each attempt asks 5: 5 drawn at random from the")).to_be_visible()
    expect(page.locator("ol.quiz-questions .tag", has_text="drawn").first).to_be_visible()
    shot(page, "66-quiz-page-drawn")

    card = quiz_card_of_new_member(live_app, phone, "History 9", "Five of them")
    expect(card).to_contain_text("5 questions")
    card.get_by_role("button", name="Start").click()
    expect(phone.get_by_text("Question 1 of 5")).to_be_visible()
    shot(phone, "67-drawn-question-phone")
