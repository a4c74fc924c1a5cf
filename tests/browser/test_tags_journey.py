"""A teacher tags questions in a real browser, finds them in the question bank, builds a quiz whose
random questions come from the tag, and downloads it for Canvas."""

from __future__ import annotations

import zipfile

import pytest
from playwright.sync_api import expect

from quizapp.models import Role

from ..conftest import make_user
from .conftest import log_in, shot

pytestmark = pytest.mark.browser


def test_teacher_tags_questions_and_draws_a_quiz_from_the_tag(live_app, page):
    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    log_in(page, url, "mrs_t")
    page.get_by_role("link", name="Teaching").click()
    page.get_by_placeholder("e.g. Year 10 History").fill("History 9")
    page.get_by_role("button", name="Create class").click()

    # Tag two published questions of the bundled article at once.
    page.goto(f"{url}/teach/articles/2021-ukrainian-coup-attempt-allegations/questions?status=published")
    page.get_by_label("Select question 1", exact=True).check()
    page.get_by_label("Select question 2", exact=True).check()
    page.get_by_label("Add the tag").check()
    page.get_by_label("Tag", exact=True).fill("Exam 1")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text("Tagged 2 questions “exam 1”.")).to_be_visible()
    page.get_by_role("navigation", name="Filter by tag").get_by_role("link", name="exam 1").click()
    expect(page.locator("li.question-review")).to_have_count(2)
    shot(page, "60-questions-filtered-by-tag")

    # The question bank finds them across articles.
    page.get_by_role("link", name="Teaching").click()
    page.get_by_role("link", name="Question bank").click()
    page.get_by_label("Tag").select_option("exam 1")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("2 questions", exact=True)).to_be_visible()
    shot(page, "61-question-bank")

    # A quiz of two random questions drawn from the tag.
    page.get_by_role("link", name="Teaching").click()
    page.get_by_role("link", name="New quiz").click()
    page.get_by_label("Quiz title").fill("Exam practice")
    page.get_by_label("How many random questions").fill("2")
    page.get_by_label("exam 1", exact=True).check()
    page.get_by_role("button", name="Create quiz").click()
    expect(page.get_by_text("Quiz Exam practice created with 2 questions.")).to_be_visible()

    # The quiz leaves for Canvas as a QTI package.
    with page.expect_download() as download:
        page.get_by_role("link", name="Canvas (QTI)").click()
    assert download.value.suggested_filename.endswith(".qti.zip")
    with zipfile.ZipFile(download.value.path()) as archive:
        assert "imsmanifest.xml" in archive.namelist() and len(archive.namelist()) == 2
