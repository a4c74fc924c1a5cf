"""Sign up, log in, log out; CSRF is enforced on forms."""

import re

import pytest
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.models import User

from .conftest import PASSWORD, log_in, make_app, make_user


def test_signup_creates_a_student_with_a_hashed_password(app, client):
    page = client.post(
        "/signup",
        data={"username": "ana", "password": PASSWORD, "password2": PASSWORD},
        follow_redirects=True,
    )
    assert "Welcome, ana!" in page.get_data(as_text=True)
    with app.app_context():
        user = db.session.execute(db.select(User).filter_by(username="ana")).scalar_one()
        assert user.role == "student"
        assert PASSWORD not in user.password_hash and user.check_password(PASSWORD)


def test_passwords_are_hashed_with_scrypt_unless_configured_otherwise(tmp_path):
    from quizapp.config import DefaultConfig

    assert DefaultConfig.PASSWORD_HASH_METHOD == "scrypt"  # the suite's cheaper hash is its own
    app = make_app(tmp_path, PASSWORD_HASH_METHOD=DefaultConfig.PASSWORD_HASH_METHOD)
    client = app.test_client()
    client.post("/signup", data={"username": "ana", "password": PASSWORD, "password2": PASSWORD})
    with app.app_context():
        user = db.session.execute(db.select(User).filter_by(username="ana")).scalar_one()
        assert user.password_hash.startswith("scrypt:32768:8:1$") and user.check_password(PASSWORD)


def test_signup_refuses_taken_username_and_mismatched_passwords(app, client):
    with app.app_context():
        make_user("ana")
    taken = client.post("/signup", data={"username": "ANA", "password": PASSWORD, "password2": PASSWORD})
    assert "That username is taken" in taken.get_data(as_text=True)
    mismatch = client.post("/signup", data={"username": "bo_b", "password": PASSWORD, "password2": PASSWORD + "x"})
    assert "The passwords differ." in mismatch.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 1


def test_login_wrong_password_then_right_then_logout(app, client):
    with app.app_context():
        make_user("ana")
    wrong = log_in(client, "ana", "not the password")
    assert "Wrong username or password." in wrong.get_data(as_text=True)
    right = log_in(client, "ana")
    assert "Log out" in right.get_data(as_text=True)
    out = client.post("/logout", follow_redirects=True)
    assert "You are logged out." in out.get_data(as_text=True)
    assert "Log in" in out.get_data(as_text=True)


def test_login_never_redirects_off_site(app, client):
    with app.app_context():
        make_user("ana")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"):
        response = client.post(f"/login?next={target}", data={"username": "ana", "password": PASSWORD})
        assert response.status_code == 302
        assert response.headers["Location"] == "/quizzes"
        client.post("/logout")
    response = client.post("/login?next=/articles/x", data={"username": "ana", "password": PASSWORD})
    assert response.headers["Location"] == "/articles/x"


def test_csrf_token_is_required_and_accepted(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        make_user("ana")
    refused = client.post("/login", data={"username": "ana", "password": PASSWORD})
    assert refused.status_code == 400
    assert "Your form expired" in refused.get_data(as_text=True)
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    accepted = client.post("/login", data={"username": "ana", "password": PASSWORD, "csrf_token": token})
    assert accepted.status_code == 302
    # Logging out also needs the token: a forged cross-site POST cannot log a user out.
    assert client.post("/logout").status_code == 400


def test_password_managers_know_which_field_is_which(client):
    login = client.get("/login").get_data(as_text=True)
    assert re.search(r'<input[^>]*autocomplete="username"[^>]*name="username"', login)
    assert re.search(r'<input[^>]*autocomplete="current-password"[^>]*name="password"', login)
    signup = client.get("/signup").get_data(as_text=True)
    assert re.search(r'<input[^>]*autocomplete="username"[^>]*name="username"', signup)
    assert re.search(r'<input[^>]*autocomplete="new-password"[^>]*name="password"', signup)
    assert re.search(r'<input[^>]*autocomplete="new-password"[^>]*name="password2"', signup)


def test_a_username_outside_ascii_is_refused_with_a_message_that_says_why(app, client):
    page = client.post("/signup", data={"username": "émile", "password": PASSWORD, "password2": PASSWORD})
    assert "letters (ASCII a-z, no accents)" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 0


def test_logging_out_ends_the_session_a_copied_cookie_included(app, client):
    from quizapp.models import Response

    from .conftest import make_quiz

    with app.app_context():
        make_user("ana")
        quiz_id = make_quiz().id
    log_in(client, "ana")
    attempt_id = int(client.post(f"/quizzes/{quiz_id}/start").headers["Location"].split("/")[2])
    copied = client.get_cookie("session").value  # as an attacker, or a shared computer, might keep it
    other_device = app.test_client()
    log_in(other_device, "ana")

    assert "You are logged out." in client.post("/logout", follow_redirects=True).get_data(as_text=True)
    replay = app.test_client()
    replay.set_cookie("session", copied)
    for response in (
        replay.get("/quizzes"),
        replay.post(f"/attempts/{attempt_id}/questions/0", data={"answer": "Warsaw"}),  # the answer fast path
        other_device.get("/quizzes"),  # logging out ends every session of the account
    ):
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    with app.app_context():
        assert db.session.execute(db.select(Response)).first() is None
    log_in(client, "ana")  # and logging in again works
    assert client.get("/quizzes").status_code == 200


def test_a_password_too_long_is_told_the_upper_limit_not_the_lower(app, client):
    long_password = "x" * 201
    page = client.post("/signup", data={"username": "ana", "password": long_password, "password2": long_password})
    text = page.get_data(as_text=True)
    assert "Use at most 200 characters." in text and "at least" not in text
    short = client.post("/signup", data={"username": "ana", "password": "short", "password2": "short"})
    assert "Use at least 8 characters." in short.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(User.id))).scalar() == 0


def test_usernames_differing_only_in_case_are_one_account(app, client):
    with app.app_context():
        make_user("Case")
        db.session.add(User(username="cASE", password_hash="x"))
        with pytest.raises(IntegrityError):  # the database itself refuses a second "case"
            db.session.commit()
    assert "Wrong username or password." not in log_in(client, "CASE").get_data(as_text=True)
