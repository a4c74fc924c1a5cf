from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import limiter, login_attempt_key
from ..models import Role
from ..security import local_path
from ..services.accounts import AccountError, authenticate, create_user, end_sessions
from . import bp
from .forms import LoginForm, LogoutForm, SignupForm


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


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    if LogoutForm().validate_on_submit():
        if current_user.is_authenticated:
            end_sessions(current_user)  # a copy of this session's cookie is now worthless
        logout_user()
        flash("You are logged out.", "info")
    return redirect(url_for("reader.index"))
