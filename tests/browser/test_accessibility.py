"""Every page a student, a teacher and a visitor can open, checked by axe-core at laptop and phone
size: no serious or critical violation. And every question type answered with the keyboard alone."""

from __future__ import annotations

import json
import re

import pytest
from flask import url_for
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Attempt
from quizapp.services import attempts

from ..conftest import PASSWORD
from ..test_access import EXPECTED, ROLES, build_world
from .conftest import BLOCKING_IMPACTS, SCREENSHOTS, axe_violations, log_in

pytestmark = pytest.mark.browser



def pages_for(app, world: dict, role: str) -> list[tuple[str, str]]:
    """(endpoint, path) of every GET page ``role`` may open (status 200 in test_access's table)."""
    index = ROLES.index(role)
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint):
        if "GET" not in rule.methods or rule.endpoint == "static" or "." in rule.rule.rsplit("/", 1)[-1]:
            continue  # a download ("gradebook.csv", "export.<fmt>") or a static file, not a page
        if EXPECTED[rule.endpoint][index] != 200:
            continue
        with app.test_request_context():
            found.append((rule.endpoint, url_for(rule.endpoint, **{name: world[name] for name in rule.arguments})))
    return found


SIZES = {"laptop": {"viewport": {"width": 1280, "height": 900}},
         "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}}


def test_no_page_has_a_serious_or_critical_accessibility_violation(live_app, browser):
    url = live_app.config["LIVE_URL"]
    world = build_world(live_app)
    with live_app.app_context():  # a finished attempt too, so that its review is checked
        attempt = db.session.get(Attempt, world["attempt_id"])
        attempts.finish_attempt(attempt)
        review_path = f"/attempts/{attempt.id}/review"
    report, blocking = {}, []
    for role in ("anonymous", "student", "teacher"):
        for size, options in SIZES.items():
            context = browser.new_context(**options)
            browser_page = context.new_page()
            if role != "anonymous":
                log_in(browser_page, url, role)
            paths = pages_for(live_app, world, role) + ([("student.review", review_path)] if role == "student" else [])
            for endpoint, path in paths:
                response = browser_page.goto(url + path)
                assert response is not None and response.ok, (role, path)
                violations = axe_violations(browser_page)
                report[f"{role} {size} {path}"] = {v["id"]: v["impact"] for v in violations}
                blocking += [(role, size, path, v) for v in violations if v["impact"] in BLOCKING_IMPACTS]
            context.close()
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "axe-report.json").write_text(json.dumps(report, indent=1, sort_keys=True))
    assert len(report) >= 40, sorted(report)  # the sweep really visited the pages
    assert blocking == [], "\n".join(f"{role} {size} {path}: {v['id']} ({v['impact']}) {v['nodes']}" for role, size, path, v in blocking)


def test_every_question_type_is_answered_with_the_keyboard_alone_and_the_evidence_is_announced(live_app, browser):
    """Tab, arrows, space, typing and Enter only: no click from login to the review."""
    from ..conftest import make_quiz, make_user
    from quizapp.models import Role
    from quizapp.services.classes import create_class, join_class

    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        teacher, student = make_user("mrs_t", role=Role.TEACHER), make_user("ana")
        classroom = create_class(teacher, "Chemistry")
        join_class(student, classroom.join_code)
        quiz = make_quiz(classroom=classroom)  # multiple choice, fill in the blank, true/false, ordering
        quiz.owner_id = teacher.id
        db.session.commit()
        quiz_id = quiz.id
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)

    def tab_to(selector: str) -> None:
        """Press Tab until the element matching ``selector`` has the focus."""
        for _ in range(60):
            if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {selector}")

    page.goto(f"{url}/login")
    tab_to("#username")
    page.keyboard.type("ana")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto(f"{url}/quizzes")
    tab_to(f'form[action$="/quizzes/{quiz_id}/start"] button')
    page.keyboard.press("Enter")

    answered = 0
    for _ in range(8):
        page.wait_for_url(re.compile(r"/questions/\d+$"))
        expect(page.get_by_role("button", name="Check answer")).to_be_visible()
        if page.locator("input[type=radio]").count():
            tab_to("input[type=radio]")
            page.keyboard.press("ArrowDown")  # moves to, and checks, the next option
            page.keyboard.press("Space")
        elif page.locator("select.position-select").count():
            selects = page.locator("select.position-select")
            for index in range(selects.count()):
                tab_to(f".ordering-row:nth-child({index + 1}) select.position-select")
                page.keyboard.type(str(index + 1))  # typing a digit picks that position
        elif page.locator("input[name=answer]").count():
            tab_to("input[name=answer]")
            page.keyboard.type("Warsaw")
        else:
            break
        blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]  # each answer form
        assert blocking == [], blocking
        tab_to("#main form button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator(".verdict")).to_be_visible()
        blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]  # the feedback and its evidence
        assert blocking == [], blocking
        answered += 1
        # Feedback at once: the evidence is marked, and announced in words, not only by its colour.
        snapshot = page.locator("mark.evidence").first.evaluate(
            "m => getComputedStyle(m, '::before').content + getComputedStyle(m, '::after').content"
        )
        assert "evidence start" in snapshot and "evidence end" in snapshot
        if page.locator("nav.quiz-nav a.button").count():
            tab_to("nav.quiz-nav a.button")  # Next question
            page.keyboard.press("Enter")
        else:
            break
    assert answered == 4
    tab_to("nav.quiz-nav form button[type=submit]")  # Finish and see your score
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/review$"))
    with live_app.app_context():
        attempt = db.session.execute(db.select(Attempt).filter_by(quiz_id=quiz_id)).scalar_one()
        assert attempt.finished_at is not None and len(attempt.responses) == 4
    context.close()
