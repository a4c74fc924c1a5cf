"""A teacher corrects a typo in an article whose questions a student has already answered, in a
real browser: the edit box, the review of what changes, the save, the question left behind and the
one-click fix; the student's review still quotes what they read."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Role
from quizapp.services import answers, attempts

from ..conftest import make_quiz, make_user
from .conftest import assert_fits_phone, log_in, open_on_phone, shot

pytestmark = pytest.mark.browser


def test_teacher_corrects_an_article_in_use_and_fixes_the_question_it_left_behind(live_app, page, phone):
    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
        student = make_user("sam")
        quiz = make_quiz(feedback="immediate")
        attempt = attempts.start_attempt(student, quiz)
        born = quiz.items[0].question
        answers.record_answer(attempt, born, "Warsaw")
        attempts.finish_attempt(attempt)
        attempt_id = attempt.id
        db.session.commit()

    log_in(page, url, "mrs_t")
    page.goto(f"{url}/teach/articles/marie-curie/questions?status=published")
    page.get_by_role("link", name="Correct the text").click()
    box = page.get_by_label("The article's text")
    expect(box).to_have_value("= Marie Curie =\n\nMarie Curie was born in Warsaw in 1867. She won the Nobel Prize in Physics in 1903.\n\n== Later life ==\n\nIn 1911 Curie won a second Nobel Prize, in Chemistry. Curie died in 1934.\n")
    box.fill(box.input_value().replace("Warsaw in 1867", "Warsaw, then part of the Russian Empire, in 1867"))
    shot(page, "60-correct-article")
    page.get_by_role("button", name="Review the changes").click()

    expect(page.get_by_text("1 question cites words the correction changes")).to_be_visible()
    expect(page.locator("ins", has_text="then part of the Russian Empire,")).to_be_visible()
    shot(page, "61-correction-review")
    page.get_by_role("button", name="Save the corrected text").click()

    expect(page.get_by_text("Saved the corrected text: 1 passage new or changed.")).to_be_visible()
    panel = page.locator("#needs-evidence")
    expect(panel).to_contain_text("1 question cites text that is no longer in the article")
    expect(panel).to_contain_text("The corrected text reads: “Marie Curie was born in Warsaw, then part of the Russian Empire, in 1867.”")
    shot(page, "62-question-needs-evidence")
    open_on_phone(phone, page)
    assert_fits_phone(phone)
    shot(phone, "63-question-needs-evidence-phone")

    panel.get_by_role("button", name="Cite the corrected sentence").click()
    expect(page.get_by_text("The question now cites")).to_be_visible()
    expect(page.locator("#needs-evidence")).to_have_count(0)

    # The student's review of the answer given before still quotes the sentence as they read it.
    page.get_by_role("button", name="Log out").click()
    log_in(page, url, "sam")
    page.goto(f"{url}/attempts/{attempt_id}/review")
    expect(page.locator("mark.evidence", has_text="Marie Curie was born in Warsaw in 1867.")).to_be_visible()
    shot(page, "64-review-after-correction")
