"""Accounts in a real browser: a teacher invites a colleague, who joins through the link; a
student who forgot their password gets a one-time one from their teacher and must choose their own."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.models import Enrollment, Role
from quizapp.services.classes import create_class

from ..conftest import PASSWORD, make_user
from .conftest import log_in, shot

pytestmark = pytest.mark.browser


def test_a_colleague_joins_by_invitation_and_a_student_gets_a_one_time_password(live_app, page, phone, browser):
    url = live_app.config["LIVE_URL"]
    with live_app.app_context():
        teacher, student = make_user("mrs_t", role=Role.TEACHER), make_user("sam")
        classroom = create_class(teacher, "Year 9")
        db.session.add(Enrollment(classroom_id=classroom.id, user_id=student.id))
        db.session.commit()
        student_id = student.id

    log_in(page, url, "mrs_t")
    page.get_by_role("link", name="Teaching").click()
    page.get_by_role("link", name="Invite a teacher").click()
    page.get_by_role("button", name="Create an invitation link").click()
    link = page.get_by_label("Invitation link").input_value()
    assert re.fullmatch(rf"{re.escape(url)}/invite/[\w-]+", link)
    shot(page, "65-invitation-link")

    colleague = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    colleague.goto(link)
    colleague.get_by_label("Username").fill("mr_new")
    colleague.get_by_label("Password", exact=True).fill(PASSWORD)
    colleague.get_by_label("Repeat password").fill(PASSWORD)
    colleague.get_by_role("button", name="Create my teacher account").click()
    expect(colleague.get_by_text("Welcome, mr_new! Your teacher account is ready")).to_be_visible()
    expect(colleague.get_by_role("heading", name="Teaching")).to_be_visible()
    colleague.goto(link)  # used: a clear message, no form
    colleague.context.clear_cookies()
    colleague.goto(link)
    expect(colleague.get_by_text("This invitation has already been used.")).to_be_visible()
    colleague.context.close()

    # The student forgot their password: the teacher gives a one-time one.
    page.goto(f"{url}/teach/students/{student_id}")
    page.get_by_text("Forgotten password?").click()
    page.get_by_role("button", name="Reset sam's password").click()
    one_time = page.locator("strong.one-time").inner_text()
    shot(page, "66-one-time-password")

    phone.goto(f"{url}/login")
    phone.get_by_label("Username").fill("sam")
    phone.get_by_label("Password").fill(one_time)
    phone.get_by_role("button", name="Log in").click()
    expect(phone.get_by_text("Your teacher gave you a one-time password: choose your own to go on.")).to_be_visible()
    phone.get_by_label("Current password").fill(one_time)
    phone.get_by_label("New password", exact=True).fill("my own passphrase")
    phone.get_by_label("Repeat the new password").fill("my own passphrase")
    shot(phone, "67-choose-own-password-phone")
    phone.get_by_role("button", name="Change password").click()
    expect(phone.get_by_text("Password changed.")).to_be_visible()
    expect(phone.get_by_role("heading", name="Your quizzes")).to_be_visible()
