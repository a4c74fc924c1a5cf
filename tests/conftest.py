"""Fixtures in the style of Flask's tutorial: an app on a temporary database, its client and CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp import create_app
from quizapp.articles import parse_article
from quizapp.database import upgrade_schema
from quizapp.extensions import db
from quizapp.models import Role, User

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLE = ROOT / "questions" / "2021-ukrainian-coup-attempt-allegations.txt"
PASSWORD = "correct horse battery"


def make_app(tmp_path: Path, **overrides) -> object:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite'}",
        "WTF_CSRF_ENABLED": False,
        "AUTO_SETUP": False,
        "BUNDLED_QUESTIONS_DIR": str(ROOT / "questions"),
    }
    config.update(overrides)
    app = create_app(config)
    if not config["AUTO_SETUP"]:
        with app.app_context():
            upgrade_schema()
    return app


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def sample_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def sample_article(sample_text):
    return parse_article(sample_text)


def make_user(username: str = "sam", role: str = Role.STUDENT, password: str = PASSWORD) -> User:
    """Create a user inside the current app context."""
    user = User(username=username, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def log_in(client, username: str, password: str = PASSWORD):
    return client.post("/login", data={"username": username, "password": password}, follow_redirects=True)
