"""A teacher moving from Moodle in a real browser: paste an article, import an Aiken file into it,
confirm the evidence quizapp proposes, and find the question cited in the article as students will."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from quizapp.models import Role

from ..conftest import make_user
from ..test_question_import import AIKEN, TAY_BRIDGE
from .conftest import assert_fits_phone, log_in, open_on_phone, shot

pytestmark = pytest.mark.browser


def test_teacher_imports_an_aiken_file_and_confirms_its_evidence(live_app, page, phone, tmp_path):
    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    aiken = tmp_path / "bridges.txt"
    aiken.write_text(AIKEN, encoding="utf-8")
    bad = tmp_path / "broken.gift"
    bad.write_text("::ok:: Fine {T}\n\n::broken:: Who designed it? {=Bouch ~Barlow\n", encoding="utf-8")

    log_in(page, url, "mrs_t")
    page.get_by_role("link", name="Teaching").click()
    page.get_by_role("link", name="Add an article").click()
    page.get_by_label("…or paste the article").fill(TAY_BRIDGE)
    page.get_by_role("button", name="Import and generate questions").click()
    page.get_by_role("link", name="Review the questions").click()
    page.get_by_role("link", name="Import questions from a file").click()

    # A malformed file: the line and the question, and nothing imported.
    page.get_by_label("Question file").set_input_files(str(bad))
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_text("Line 3, question “broken”")).to_be_visible()
    expect(page.get_by_text("Nothing was imported.")).to_be_visible()

    # The Aiken file: one question's evidence proposed, one not found in this article.
    page.get_by_label("Question file").set_input_files(str(aiken))
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_text("Nothing is saved until you press Import.")).to_be_visible()
    expect(page.get_by_role("heading", name="Cannot be imported (1)")).to_be_visible()
    proposed = page.locator("li.question-review", has_text="Who designed the first Tay Rail Bridge?")
    expect(proposed.locator("mark.evidence")).to_contain_text("Thomas Bouch")
    shot(page, "40-import-questions-preview")
    open_on_phone(phone, page)  # the upload page at phone size: nothing wider than the screen
    assert_fits_phone(phone)

    # Keyboard alone: tab to the confirmation, tick it with the space bar, submit.
    checkbox = proposed.get_by_label("The marked text is this question's evidence: import it")
    checkbox.focus()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    page.get_by_role("button", name="Import the checked questions").click()
    expect(page.get_by_text("Imported 1 question as drafts: review and publish them.")).to_be_visible()
    imported = page.locator("li.question-review", has_text="Who designed the first Tay Rail Bridge?")
    expect(imported.get_by_text("imported from a file by mrs_t")).to_be_visible()
    expect(imported.locator("mark.evidence")).to_contain_text("Thomas Bouch")

    # A refresh of the page after the import resubmits nothing: it is a GET.
    page.reload()
    expect(page.locator("li.question-review", has_text="Who designed the first Tay Rail Bridge?")).to_have_count(1)

    # Where students will be sent: the article at the highlighted evidence.
    imported.get_by_role("link", name="in the article").click()
    expect(page.locator("mark").first).to_contain_text("Thomas Bouch")
    shot(page, "41-imported-question-evidence-in-article")


def test_teacher_imports_a_wikipedia_article_by_its_address_and_students_see_its_licence(live_app, page, phone):
    from ..fake_mediawiki import FakeMediaWiki

    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    with FakeMediaWiki() as wiki:
        live_app.config.update(WIKIPEDIA_API_URL=wiki.api_url, WIKIPEDIA_TIMEOUT=0.5)
        log_in(page, url, "mrs_t")
        page.get_by_role("link", name="Teaching").click()
        page.get_by_role("link", name="Add an article").click()

        # The site cannot answer in time: the form says so, and what to do instead.
        page.get_by_label("…or a Wikipedia article's address").fill("https://en.wikipedia.org/wiki/Slow_answer")
        page.get_by_role("button", name="Import and generate questions").click()
        expect(page.get_by_text("Wikipedia did not answer within 0.5 seconds")).to_be_visible()

        page.get_by_label("…or a Wikipedia article's address").fill("https://en.wikipedia.org/wiki/Tay_Bridge_disaster")
        page.get_by_role("button", name="Import and generate questions").click()
        expect(page.get_by_text("Imported Tay Bridge disaster")).to_be_visible()
        shot(page, "42-wikipedia-import")

    # What a student reading the article sees: the text without markup, and where it comes from.
    phone.goto(f"{url}/articles/tay-bridge-disaster")
    expect(phone.get_by_text("Tay Rail Bridge collapsed during a violent storm")).to_be_visible()
    expect(phone.locator(".attribution")).to_contain_text("Creative Commons Attribution-Share Alike 4.0")
    expect(phone.locator(".attribution a").first).to_have_attribute("href", "https://en.wikipedia.org/wiki/Tay_Bridge_disaster")
    assert_fits_phone(phone)
    shot(phone, "43-wikipedia-article-attribution-phone")
