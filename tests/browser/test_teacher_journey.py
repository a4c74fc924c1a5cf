"""A teacher in a real browser: upload an article, publish its questions, draft more, add one by hand,
build a quiz for a class, then see a student's score and the item analysis."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Question, Quiz, Role, User
from quizapp.services import answers, attempts
from quizapp.services.classes import join_class

from ..conftest import PASSWORD, make_user
from .conftest import assert_fits_phone, open_on_phone, shot

pytestmark = pytest.mark.browser

ARTICLE = Path(__file__).resolve().parent.parent / "articles" / "discovery-of-penicillin.txt"


def test_teacher_journey(live_app, page, phone):
    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
        make_user("ana")

    page.goto(f"{url}/login")
    page.get_by_label("Username").fill("mrs_t")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Teaching").click()
    shot(page, "20-teacher-dashboard")

    # Upload an article: its questions arrive as drafts.
    page.get_by_role("link", name="Add an article").click()
    page.get_by_label("Article file (.txt, .md, .wiki, or a web page saved as .html)").set_input_files(str(ARTICLE))
    page.get_by_role("button", name="Import and generate questions").click()
    expect(page.get_by_text("Imported Discovery of penicillin")).to_be_visible()
    expect(page.get_by_text("Generating questions from the article's facts")).to_be_visible()
    shot(page, "21-import-progress")
    # The address is now the article's drafts: a refresh shows them, it does not send the upload again.
    expect(page).to_have_url(f"{url}/teach/articles/discovery-of-penicillin/questions?status=draft")
    page.reload()
    expect(page.get_by_role("heading", name="Discovery of penicillin", exact=True)).to_be_visible()  # (stems that never name it open with it)
    drafts = page.locator("li.question-review")
    expect(drafts.first).to_be_visible()
    generated = drafts.count()
    assert generated > 0
    assert page.locator("li.question-review mark.evidence").count() == generated
    shot(page, "21-review-drafts-list")

    # Publish them all at once.
    page.get_by_label("Select all").check()
    page.get_by_label("Publish").check()
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text(f"Published {generated} question")).to_be_visible()

    # The side details come when asked for, as drafts to review.
    page.get_by_role("button", name="Draft more questions").click()
    drafted = page.get_by_text(re.compile(r"\d+ more questions? drafted from the article"))
    expect(drafted).to_be_visible()
    more = int(drafted.inner_text().split()[0])
    assert more > 0
    expect(page.locator("li.question-review")).to_have_count(more)
    assert page.locator("li.question-review mark.evidence").count() == more

    # Add one by hand, citing its evidence verbatim.
    page.get_by_role("link", name="Add a question by hand").click()
    page.get_by_label("Question type").select_option("multiple_choice")
    page.get_by_label("Question", exact=True).fill("Where did Fleming notice the effect of penicillin?")
    page.get_by_label("Choices, one per line").fill("St Mary's Hospital\nKing's College\nGuy's Hospital\nSt Thomas' Hospital")
    page.get_by_label("Answer (for ordering").fill("St Mary's Hospital")
    page.get_by_label("Source passage").select_option(index=0)
    page.get_by_label("Evidence").fill("it was at St Mary's Hospital")  # not in the passage
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_text("was not found there")).to_be_visible()
    shot(page, "22-question-form-error")
    page.get_by_label("Evidence").fill(
        "The Scottish physician Alexander Fleming noticed its effect in September 1928 at St Mary's Hospital in London."
    )
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_text("Question saved and published.")).to_be_visible()

    # A class and a quiz for it.
    page.get_by_role("link", name="Teaching").click()
    page.get_by_placeholder("e.g. Year 10 History").fill("Biology 2")
    page.get_by_role("button", name="Create class").click()
    code = page.locator(".big-code code").inner_text()
    page.get_by_role("link", name="New quiz for this class").click()
    page.get_by_label("Quiz title").fill("Penicillin check")
    page.locator("details", has_text="Discovery of penicillin").locator("summary").click()
    boxes = page.locator("details", has_text="Discovery of penicillin").locator("input[type=checkbox]")
    for index in range(min(4, boxes.count())):
        boxes.nth(index).check()
    page.get_by_label("after each question").check()
    shot(page, "23-new-quiz")
    page.get_by_role("button", name="Create quiz").click()
    expect(page.get_by_text("Quiz Penicillin check created")).to_be_visible()

    # A student takes it (through the services: the student's browser journey has its own test).
    with live_app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(title="Penicillin check")).scalar_one()
        ana = db.session.execute(db.select(User).filter_by(username="ana")).scalar_one()
        join_class(ana, code)
        attempt = attempts.start_attempt(ana, quiz)
        for index, item in enumerate(quiz.items):
            question: Question = item.question
            given = question.answer if index % 2 == 0 else ("not it" if not question.choices else next(c for c in question.choices if c != question.answer))
            answers.record_answer(attempt, question, given)
        attempts.finish_attempt(attempt)
        expected = f"{attempt.score * 100:.0f}%"
        question_count = len(quiz.items)

    page.reload()
    gradebook = page.locator("table.table").first
    assert "ana" in gradebook.inner_text() and expected in gradebook.inner_text()
    shot(page, "24-gradebook")
    page.get_by_role("link", name="Item analysis").first.click()
    expect(page.get_by_text("Facility").first).to_be_visible()
    assert page.locator("section.analysis-row").count() == question_count
    shot(page, "25-item-analysis")
    open_on_phone(phone, page)
    shot(phone, "26-phone-item-analysis")
    assert_fits_phone(phone)
