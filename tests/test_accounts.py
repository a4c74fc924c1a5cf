"""Accounts without the server's shell: a teacher invites a teacher with a single-use link that
expires; anyone changes their password; a teacher gives a student who forgot theirs a one-time
one, which opens nothing but the page to choose their own."""

from __future__ import annotations

import re
from datetime import timedelta

from quizapp.extensions import db
from quizapp.models import Enrollment, Invitation, Role, User, utcnow
from quizapp.services.classes import create_class

from .conftest import PASSWORD, log_in, make_user

NEW_PASSWORD = "a brand new passphrase"


def invitation_link(client) -> str:
    page = client.post("/teach/invitations", follow_redirects=True).get_data(as_text=True)
    return re.search(r'value="(http://localhost/invite/[^"]+)"', page).group(1).removeprefix("http://localhost")


def sign_up(client, link, username="mr_new"):
    return client.post(link, data={"username": username, "password": PASSWORD, "password2": PASSWORD})


def test_a_teacher_invites_a_teacher_and_the_link_works_once(app, client):
    with app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    log_in(client, "mrs_t")
    assert "Invite a teacher" in client.get("/teach/").get_data(as_text=True)
    link = invitation_link(client)
    assert "shown only now" not in client.get("/teach/invitations").get_data(as_text=True)  # once
    with app.app_context():
        invitation = db.session.execute(db.select(Invitation)).scalar_one()
        assert link.rsplit("/", 1)[1] not in (invitation.token_hash, str(invitation.id))  # only a hash is kept
        assert timedelta(days=6, hours=23) < invitation.expires_at - invitation.created_at <= timedelta(days=7)
    newcomer = app.test_client()
    assert "Join quizapp as a teacher" in newcomer.get(link).get_data(as_text=True)
    done = sign_up(newcomer, link)
    assert done.status_code == 302 and done.headers["Location"] == "/teach/"
    with app.app_context():
        user = db.session.execute(db.select(User).filter_by(username="mr_new")).scalar_one()
        assert user.role == Role.TEACHER
        assert db.session.execute(db.select(Invitation.used_by_id)).scalar_one() == user.id
    again = app.test_client()
    reused = sign_up(again, link, "mr_second")
    assert reused.status_code == 410 and "already been used" in reused.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(User).filter_by(username="mr_second")).first() is None


def test_an_expired_or_unknown_invitation_is_refused_and_a_taken_name_leaves_it_unused(app, client):
    with app.app_context():
        make_user("mrs_t", role=Role.TEACHER)
    log_in(client, "mrs_t")
    link = invitation_link(client)
    newcomer = app.test_client()
    taken = sign_up(newcomer, link, "MRS_T")
    assert taken.status_code == 200 and "That username is taken" in taken.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(Invitation.used_at)).scalar_one() is None
        db.session.execute(db.update(Invitation).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    expired = sign_up(newcomer, link)
    assert expired.status_code == 410 and "This invitation has expired" in expired.get_data(as_text=True)
    forged = newcomer.get("/invite/not-a-real-token")
    assert forged.status_code == 410 and "This invitation link is not valid" in forged.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 1
    # a student cannot invite
    with app.app_context():
        make_user("sam")
    student = app.test_client()
    log_in(student, "sam")
    assert student.post("/teach/invitations").status_code == 403


def test_anyone_changes_their_password_and_their_other_sessions_end(app, client):
    with app.app_context():
        make_user("sam")
    log_in(client, "sam")
    elsewhere = app.test_client()
    log_in(elsewhere, "sam")
    wrong = client.post("/account/password", data={"current_password": "not it", "new_password": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "Your current password is not right." in wrong.get_data(as_text=True)
    short = client.post("/account/password", data={"current_password": PASSWORD, "new_password": "short", "new_password2": "short"})
    assert "Use at least 8 characters." in short.get_data(as_text=True)
    changed = client.post("/account/password", data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
                          follow_redirects=True)
    assert "Password changed. Every other session of yours has been logged out." in changed.get_data(as_text=True)
    assert client.get("/quizzes").status_code == 200  # this session goes on
    assert elsewhere.get("/quizzes").status_code == 302  # the other one has ended
    fresh = app.test_client()
    assert fresh.post("/login", data={"username": "sam", "password": PASSWORD}).status_code == 200  # refused
    assert fresh.post("/login", data={"username": "sam", "password": NEW_PASSWORD}).headers["Location"] == "/quizzes"


def test_a_teacher_gives_a_student_a_one_time_password_they_must_replace(app, client):
    with app.app_context():
        teacher, student = make_user("mrs_t", role=Role.TEACHER), make_user("sam")
        classroom = create_class(teacher, "Year 9")
        db.session.add(Enrollment(classroom_id=classroom.id, user_id=student.id))
        db.session.commit()
        student_id = student.id
        make_user("mr_x", role=Role.TEACHER)
    stolen_session = app.test_client()
    log_in(stolen_session, "sam")
    log_in(client, "mrs_t")
    page = client.post(f"/teach/students/{student_id}/password", follow_redirects=True).get_data(as_text=True)
    one_time = re.search(r'class="one-time">([0-9a-f-]+)<', page).group(1)
    assert "Tell it to them" in page
    assert "one-time" not in client.get(f"/teach/students/{student_id}").get_data(as_text=True).split("Forgotten password?")[0]
    assert stolen_session.get("/quizzes").status_code == 302  # the student's sessions ended
    student = app.test_client()
    assert student.post("/login", data={"username": "sam", "password": PASSWORD}).status_code == 200  # the old one: refused
    student.post("/login", data={"username": "sam", "password": one_time})
    blocked = student.get("/quizzes")
    assert blocked.status_code == 302 and blocked.headers["Location"] == "/account/password"
    student.post("/account/password", data={"current_password": one_time, "new_password": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert student.get("/quizzes").status_code == 200
    with app.app_context():
        assert db.session.get(User, student_id).must_change_password is False
    # another teacher, and a teacher's own colleague account, cannot be reset this way
    other = app.test_client()
    log_in(other, "mr_x")
    assert other.post(f"/teach/students/{student_id}/password").status_code == 404
    with app.app_context():
        teacher_id = db.session.execute(db.select(User.id).filter_by(username="mr_x")).scalar_one()
    assert client.post(f"/teach/students/{teacher_id}/password").status_code == 404
