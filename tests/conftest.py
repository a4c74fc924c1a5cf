"""Fixtures in the style of Flask's tutorial: an app on a temporary database, its client and CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from quizapp import create_app
from quizapp.articles import parse_article
from quizapp.database import upgrade_schema
from quizapp.extensions import db
from quizapp.models import Role, User

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLE = ROOT / "questions" / "2021-ukrainian-coup-attempt-allegations.txt"
PASSWORD = "correct horse battery"


# Set to a PostgreSQL URL (postgresql+psycopg://...) to run the whole suite against PostgreSQL.
POSTGRES_URL = os.environ.get("QUIZAPP_TEST_DATABASE_URL")
sqlite_only = pytest.mark.skipif(POSTGRES_URL is not None, reason="checks SQLite specifics")


def make_app(tmp_path: Path, fresh: bool = True, **overrides) -> object:
    """An app on a temporary SQLite file, or on the test PostgreSQL database emptied when ``fresh``."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": POSTGRES_URL or f"sqlite:///{tmp_path / 'test.sqlite'}",
        "WTF_CSRF_ENABLED": False,
        "AUTO_SETUP": False,
        "RATELIMIT_ENABLED": False,
        "BUNDLED_QUESTIONS_DIR": str(ROOT / "questions"),
    }
    config.update(overrides)
    if POSTGRES_URL and fresh:
        _empty_postgres(config["SQLALCHEMY_DATABASE_URI"])
    app = create_app(config)
    _apps_to_close.append(app)
    if not config["AUTO_SETUP"]:
        with app.app_context():
            upgrade_schema()
    return app


_apps_to_close: list = []


@pytest.fixture(autouse=True)
def close_databases():
    """Close every app's database connections after each test (PostgreSQL warns about open ones)."""
    yield
    while _apps_to_close:
        app = _apps_to_close.pop()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _empty_postgres(url: str) -> None:
    """Drop every table, so each test starts from an empty database as it does on SQLite."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


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


def count(model) -> int:
    """Rows of ``model``'s table (inside an app context)."""
    return db.session.execute(db.select(db.func.count()).select_from(model)).scalar()


def make_user(username: str = "sam", role: str = Role.STUDENT, password: str = PASSWORD) -> User:
    """Create a user inside the current app context."""
    user = User(username=username, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def log_in(client, username: str, password: str = PASSWORD):
    return client.post("/login", data={"username": username, "password": password}, follow_redirects=True)


CURIE = """= Marie Curie =

Marie Curie was born in Warsaw in 1867. She won the Nobel Prize in Physics in 1903.

== Later life ==

In 1911 Curie won a second Nobel Prize, in Chemistry. Curie died in 1934.
"""


def curie_questions():
    """Four hand-checked questions on CURIE, one per way of answering."""
    from quizapp.generation import Citation, GeneratedQuestion

    lead = "Marie Curie was born in Warsaw in 1867. She won the Nobel Prize in Physics in 1903."
    later = "In 1911 Curie won a second Nobel Prize, in Chemistry. Curie died in 1934."
    first_sentence = (0, lead.index(".") + 1)
    return [
        GeneratedQuestion(
            id="born",
            type="multiple_choice",
            prompt="In which city was Marie Curie born?",
            choices=["Paris", "Warsaw", "Kraków", "Lyon"],
            answer="Warsaw",
            source=Citation("intro-1", *first_sentence),
        ),
        GeneratedQuestion(
            id="physics",
            type="cloze",
            prompt="Marie Curie won the Nobel Prize in Physics in _____.",
            choices=[],
            answer="1903",
            source=Citation("intro-1", first_sentence[1] + 1, len(lead)),
        ),
        GeneratedQuestion(
            id="died",
            type="true_false",
            prompt="True or false: Curie died in 1934.",
            choices=["True", "False"],
            answer="True",
            source=Citation("later-life-1", later.index("Curie died"), len(later)),
        ),
        GeneratedQuestion(
            id="order",
            type="ordering",
            prompt="Put these events in the order they happened.",
            choices=["Curie died", "Curie won the Nobel Prize in Chemistry", "Curie won the Nobel Prize in Physics"],
            answer=["Curie won the Nobel Prize in Physics", "Curie won the Nobel Prize in Chemistry", "Curie died"],
            source=Citation("later-life-1", 0, len(later)),
        ),
    ]


def make_quiz(feedback: str = "immediate", classroom=None, max_attempts=None, title: str = "Curie quiz"):
    """Import CURIE with its questions published and build a quiz of them (in an app context)."""
    from quizapp.models import Article, Quiz, QuizItem
    from quizapp.services.importing import import_article

    article = db.session.execute(db.select(Article).filter_by(slug="marie-curie")).scalar_one_or_none()
    if article is None:
        article = import_article(parse_article(CURIE), curie_questions(), status="published").article
    order = {q.id: i for i, q in enumerate(curie_questions())}
    questions = sorted(article.questions, key=lambda q: order[q.bank_id])
    quiz = Quiz(
        title=title,
        classroom_id=classroom.id if classroom else None,
        feedback=feedback,
        max_attempts=max_attempts,
    )
    quiz.items = [QuizItem(question=q, position=i) for i, q in enumerate(questions)]
    db.session.add(quiz)
    db.session.commit()
    return quiz


CURIE_ORDER = ["Curie won the Nobel Prize in Physics", "Curie won the Nobel Prize in Chemistry", "Curie died"]


def ordering_fields(page: str, order: list[str]) -> dict:
    """The form fields that put the events of an ordering question, as the page lists them
    (each attempt shuffles them), in ``order``."""
    import html
    import re

    rows = re.findall(r'name="(item_\d+)".*?</select>\s*<span>([^<]*)</span>', page, re.S)
    assert rows, "no ordering question on the page"
    return {name: str(order.index(html.unescape(label)) + 1) for name, label in rows}
