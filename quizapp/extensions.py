"""Extensions are created here once and bound to an app in ``create_app``."""

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    # Named constraints, so that Alembic migrations can alter them on SQLite and PostgreSQL alike.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


# Objects stay loaded after a commit: a view that commits and then renders or redirects
# does not reload what it already has (fewer queries on the hot answer route).
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page. (If you were logged in, your session has expired.)"
login_manager.login_message_category = "info"


def login_attempt_key() -> str:
    """Rate-limit logins per address *and* username: a whole class behind one school NAT
    can still log in at once, while guessing one account's password is slowed down."""
    username = (request.form.get("username") or "").strip().lower()[:64]
    return f"{get_remote_address()}|{username}"


limiter = Limiter(key_func=get_remote_address)


def skip_idle_limit_check(app) -> None:
    """Flask-Limiter checks app-wide, default, blueprint and meta limits before every request;
    quizapp sets none (login and sign-up carry their own limits and check them as they run), so
    unless some are configured that check is left out of every other request. Call it after the
    blueprints are registered: a blueprint may carry limits."""
    manager = limiter.limit_manager
    configured = (
        manager._application_limits or manager._default_limits or manager._blueprint_limits or limiter._meta_limits
    )
    checks = app.before_request_funcs.get(None, [])
    if not configured and limiter._check_request_limit in checks:  # absent when RATELIMIT_ENABLED is off
        checks.remove(limiter._check_request_limit)
