from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import limiter, login_attempt_key
from ..models import Role
from ..security import local_path
from ..services.accounts import (
    AccountError,
    accept_invitation,
    authenticate,
    TAKEN,
    change_password as change_password_of,
    create_user,
    end_sessions,
    invitation_problem,
)
from . import bp
from .forms import ChangePasswordForm, InvitedSignupForm, LoginForm, LogoutForm, SignupForm

# What a user whose password a teacher reset may still open before choosing their own.
_OPEN_BEFORE_NEW_PASSWORD = {"auth.change_password", "auth.logout", "static"}


@bp.before_app_request
def require_own_password():
    """After a teacher's reset, the one-time password opens nothing but the page to replace it."""
    if current_user.is_authenticated and current_user.must_change_password and request.endpoint not in _OPEN_BEFORE_NEW_PASSWORD:
        flash("Your teacher gave you a one-time password: choose your own to go on.", "info")
        return redirect(url_for("auth.change_password"))
    return None


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login (no open redirects); otherwise the user's home."""
    return local_path(target) or home_page()


def home_page() -> str:
    return url_for("teacher.dashboard" if current_user.is_teacher else "student.quizzes")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], key_func=login_attempt_key, methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"], methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_page())
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        if user is None:
            flash("Wrong username or password.", "error")
        else:
            login_user(user, remember=form.remember_me.data)
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form, title="Log in")


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"], methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(home_page())
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = create_user(form.username.data, form.password.data, Role.STUDENT)
        except AccountError as error:  # taken a moment ago by another sign-up
            form.username.errors.append(str(error))
        else:
            login_user(user)
            flash(f"Welcome, {user.username}! Your account is ready. Join your class with its code below.", "success")
            return redirect(home_page())
    return render_template("auth/signup.html", form=form, title="Sign up")


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password_of(current_user._get_current_object(), form.current_password.data, form.new_password.data)
        except AccountError as error:
            form.form_errors.append(str(error))
        else:
            login_user(current_user._get_current_object())  # this session goes on; every other one has ended
            flash("Password changed. Every other session of yours has been logged out.", "success")
            return redirect(home_page())
    return render_template("auth/password.html", form=form, title="Change password")


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"], methods=["POST"])
def invited_signup(token: str):
    """A teacher account from a colleague's single-use invitation link."""
    if len(token) > 100:
        abort(404)
    if current_user.is_authenticated:
        flash("You are logged in already: log out first to create another account with this invitation.", "info")
        return redirect(home_page())
    problem = invitation_problem(token)
    form = InvitedSignupForm()
    if problem is None and form.validate_on_submit():
        try:
            user = accept_invitation(token, form.username.data, form.password.data)
        except AccountError as error:
            if str(error) == TAKEN:
                form.username.errors.append(TAKEN)  # taken a moment ago: the invitation is still unused
            else:
                problem = str(error)  # used or expired a moment ago
        else:
            login_user(user)
            flash(f"Welcome, {user.username}! Your teacher account is ready: add an article or create a class.", "success")
            return redirect(home_page())
    return render_template("auth/invited.html", form=form, problem=problem, title="Join quizapp as a teacher"), (410 if problem else 200)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    if LogoutForm().validate_on_submit():
        if current_user.is_authenticated:
            end_sessions(current_user)  # a copy of this session's cookie is now worthless
        logout_user()
        flash("You are logged out.", "info")
    return redirect(url_for("reader.index"))
