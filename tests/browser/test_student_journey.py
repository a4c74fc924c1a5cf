"""A student in a real browser: sign up, join a class, take the sample quiz, check a source, resume."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Attempt, Role
from quizapp.services.classes import create_class

from ..conftest import make_user
from .conftest import assert_fits_phone, open_on_phone, shot

pytestmark = pytest.mark.browser

PASSWORD = "a long enough password"


def wrong_answer(page, question: ShownQuestion) -> None:
    if question.type == "ordering":
        for index, select in enumerate(page.locator("select.position-select").all()):
            select.select_option(str(index + 1))
        return
    if question.choices:
        wrong = next(choice for choice in question.choices if choice != question.answer)
        page.get_by_label(wrong, exact=True).check()
        return
    page.get_by_label("Your answer").fill("definitely not it")


def right_answer(page, question: ShownQuestion) -> None:
    if question.type == "ordering":
        for select, label in zip(page.locator("select.position-select").all(), question.choices):
            select.select_option(str(question.answer.index(label) + 1))
        return
    if question.choices:
        page.get_by_label(question.answer, exact=True).check()
        return
    page.get_by_label("Your answer").fill(question.answer)


@dataclass
class ShownQuestion:
    type: str
    choices: list
    answer: object
    anchor: str
    evidence: str


def current_question(app, page) -> ShownQuestion:
    """What the page at hand asks, read from the database the live server uses."""
    match = re.search(r"/attempts/(\d+)/questions/(\d+)", page.url)
    attempt_id, position = int(match.group(1)), int(match.group(2))
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        question = next(item.question for item in attempt.quiz.items if item.position == position)
        return ShownQuestion(question.type, list(question.choices), question.answer, question.passage.anchor, question.evidence)


def test_student_journey(live_app, page, phone):
    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        teacher = make_user("mrs_t", role=Role.TEACHER)
        code = create_class(teacher, "Year 11 History").join_code

    page.goto(f"{url}/signup")
    shot(page, "01-signup")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Welcome, ana!")).to_be_visible()

    page.goto(f"{url}/quizzes")
    page.get_by_label("Join a class with its code").fill(code.lower())
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text("You joined Year 11 History.")).to_be_visible()
    shot(page, "02-quizzes")

    quiz_card = page.locator(".quiz-card", has_text="2021 Ukrainian coup attempt allegations")
    quiz_card.get_by_role("button", name="Start").click()
    expect(page.get_by_text(re.compile(r"Question 1 of \d+"))).to_be_visible()
    shot(page, "03-question")

    question = current_question(live_app, page)
    wrong_answer(page, question)
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_text("Not quite.")).to_be_visible()
    evidence = page.locator("mark.evidence")
    assert evidence.inner_text() == question.evidence
    shot(page, "04-feedback-wrong")

    page.locator(".source figcaption a").click()
    page.wait_for_url(re.compile(r"/articles/2021-ukrainian-coup-attempt-allegations\?evidence="))
    highlighted = page.locator(f"#{question.anchor} mark.evidence")
    assert highlighted.inner_text() == question.evidence
    expect(highlighted).to_be_visible()
    shot(page, "05-article-evidence")

    # The student leaves mid-quiz (closed tab) and comes back: Resume goes to question 2.
    page.goto(f"{url}/quizzes")
    page.locator(".quiz-card", has_text="2021 Ukrainian").get_by_role("button", name="Resume").click()
    expect(page.get_by_text(re.compile(r"Question 2 of \d+"))).to_be_visible()
    second = current_question(live_app, page)
    right_answer(page, second)
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_text("Right.")).to_be_visible()

    open_on_phone(phone, page)
    shot(phone, "06-phone-feedback")
    assert_fits_phone(phone)

    attempt_url = page.url.split("/questions/")[0]
    page.goto(f"{attempt_url}/finish")
    page.get_by_role("button", name="Finish and see your score").click()
    expect(page.get_by_text(re.compile(r"Score \d+%"))).to_be_visible()
    shot(page, "07-review")
    phone.goto(page.url)
    shot(phone, "08-phone-review")

    page.goto(f"{url}/progress")
    assert page.locator("svg.chart circle").count() == 1
    assert page.locator("table.table td.num").first.inner_text().endswith("%")
    shot(page, "09-progress")
    page.goto(f"{url}/articles/2021-ukrainian-coup-attempt-allegations?mastery=1")
    assert page.locator(f"#{question.anchor}.mastery-missed").count() == 1
    shot(page, "10-article-mastery")
