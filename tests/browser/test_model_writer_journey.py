"""A teacher with a language model configured, in a real browser: add an article written by both
the generator and the model, watch the model's progress page update itself, cancel a second run,
and read which of the model's questions quizapp kept and which it refused, and why."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizapp.models import Role

from ..conftest import make_user
from ..fake_llm import FakeChatServer, Reply, recorded
from .conftest import assert_fits_phone, log_in, open_on_phone, shot

pytestmark = pytest.mark.browser

GREAT_STINK = (Path(__file__).resolve().parent.parent / "articles" / "great-stink.txt").read_text()


def test_teacher_has_the_model_write_questions_follows_its_progress_and_reads_the_refusals(live_app, page, phone):
    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    # The first run answers after a moment (the progress page shows and reloads); the second run is cancelled.
    with FakeChatServer([Reply(recorded("great-stink"), delay=2.5), Reply(recorded("great-stink"), delay=3)]) as model:
        live_app.config.update(LLM_URL=model.url, LLM_MODEL="tiny-test-model", LLM_TIMEOUT=10, LLM_RETRIES=0)
        log_in(page, url, "mrs_t")
        page.get_by_role("link", name="Teaching").click()
        page.get_by_role("link", name="Add an article").click()
        page.get_by_label("…or paste the article").fill(GREAT_STINK)
        page.get_by_label("Both (the model's duplicates").check()
        shot(page, "50-new-article-with-model-writer")
        page.get_by_role("button", name="Import and generate questions").click()
        expect(page.get_by_text("The language model is writing questions for this article in the background.")).to_be_visible()
        page.get_by_role("link", name="Follow its progress").click()

        # Running: a progress bar and a Cancel button; the page reloads itself until the model is done.
        expect(page.get_by_role("progressbar")).to_be_visible()
        expect(page.get_by_role("button", name="Cancel")).to_be_visible()
        shot(page, "51-model-writing-progress")
        expect(page.get_by_text("proved by the article and saved as drafts")).to_be_visible(timeout=15_000)
        expect(page.get_by_role("heading", name="Refused (")).to_be_visible()
        refused = page.locator("table tr", has_text="Who explained making the sewer pipes twice as wide")
        expect(refused).to_contain_text('Answer "Joseph Bazalgette" is not in the cited evidence.')
        shot(page, "52-model-writing-done")
        open_on_phone(phone, page)
        assert_fits_phone(phone)
        shot(phone, "53-model-writing-done-phone")

        # The drafts, marked as the model's, each with its evidence highlighted.
        page.get_by_role("link", name="Review the drafts").click()
        written = page.locator("li.question-review", has_text="written by the language model")
        expect(written.first).to_be_visible()
        expect(written.first.locator("mark.evidence")).to_be_visible()

        # A second run, cancelled: nothing is saved.
        drafts_before = written.count()
        page.get_by_role("button", name="Ask the language model for questions").click()
        # Cancelled while the model is answering (its reply takes 3 s), not before the request is sent:
        # on a busy machine the click could otherwise beat the background job to it.
        deadline = time.monotonic() + 15
        while len(model.requests) < 2 and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        page.get_by_role("button", name="Cancel").click()
        expect(page.get_by_text("Cancelled. Nothing was saved.")).to_be_visible(timeout=15_000)
        shot(page, "54-model-writing-cancelled")
        page.get_by_role("link", name="All questions of this article").click()
        expect(page.locator("li.question-review", has_text="written by the language model")).to_have_count(drafts_before)
        assert len(model.requests) == 2
