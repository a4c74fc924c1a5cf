"""The application factory: configuration, extensions, blueprints, error pages, CLI."""

from __future__ import annotations

import hmac
import os

from flask import Flask

from .config import load_config
from .extensions import csrf, db, limiter, login_manager, migrate, skip_idle_limit_check


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration layers, extensions, blueprints, error pages, CLI."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    load_config(app, test_config)

    from . import models  # registers the tables on db.metadata
    from . import rate_limits  # noqa: F401 (registers the "database://" rate-limit storage)
    from .models import parse_session_id
    from .database import MIGRATIONS_DIR
    from .services.importing import setup_database

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    if app.config["HTTPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    @login_manager.user_loader
    def load_user(session_id: str):
        """The user a session belongs to, if its token is still theirs (not ended by logging out)."""
        user_id, token = parse_session_id(session_id)
        user = db.session.get(models.User, user_id) if user_id is not None else None
        return user if user is not None and hmac.compare_digest(user.session_token, token) else None

    from .auth import bp as auth_bp
    from .errors import register_error_handlers
    from .generation.types import question_type, type_label
    from .links import evidence_link
    from .reader import bp as reader_bp
    from .security import linkify, register_security_headers
    from .timezones import school_time
    from .student import bp as student_bp
    from .teacher import bp as teacher_bp
    from .services.quizzes import review_shows
    from .wording import number, percent, plural

    app.register_blueprint(auth_bp)
    app.register_blueprint(reader_bp)
    app.register_blueprint(student_bp)
    app.register_blueprint(teacher_bp)
    register_error_handlers(app)
    app.add_template_filter(linkify, "linkify")  # an article's attribution: escaped, its addresses as links
    app.add_template_global(evidence_link)  # the reader at a question's highlighted evidence
    app.add_template_filter(type_label, "type_label")  # question-type names, on student and teacher pages
    app.add_template_global(question_type)  # how a question is answered and shown is its type's to say
    app.add_template_global(plural)  # counts read as in the messages: "1 question", "4,026 questions"
    app.add_template_global(number)
    app.add_template_global(percent)  # scores: 62.5% reads 63%
    app.add_template_global(review_shows)  # what a quiz's reviews (and scores) show students now
    app.add_template_filter(school_time, "school_time")  # stored UTC shown in the school's time zone
    register_security_headers(app)
    skip_idle_limit_check(app)

    from .cli import loaded_for_a_command, register_commands

    register_commands(app)

    if app.config["AUTO_SETUP"] and not loaded_for_a_command():
        # Idempotent and locked: safe for every worker. CLI commands set up only if they need to.
        setup_database(app)
    return app
