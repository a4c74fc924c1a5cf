"""Fixtures in the style of Flask's tutorial: an app on a temporary database, its client and CLI runner."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
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
        # A cheap hash: the suite hashes thousands of passwords (scrypt costs 0.15 s each). The test
        # of login timing and the live servers use the default.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    config.update(overrides)
    url = config["SQLALCHEMY_DATABASE_URI"]
    migrated = False
    if url == POSTGRES_URL and fresh:
        migrated = _empty_postgres(url)
    elif not config["AUTO_SETUP"] and url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        shutil.copyfile(_migrated_sqlite_template(), url.removeprefix("sqlite:///"))
        migrated = True
    app = create_app(config)
    _apps_to_close.append(app)
    if not config["AUTO_SETUP"] and not migrated:
        with app.app_context():
            upgrade_schema()
    return app


_template_dir: list[Path] = []


def _migrated_sqlite_template() -> Path:
    """An empty SQLite database at the newest migration, made once per test run and copied for
    each test: migrating every test's database with Alembic cost more than most tests."""
    if not _template_dir:
        _template_dir.append(Path(tempfile.mkdtemp(prefix="quizapp-template-")))
        template = _template_dir[0] / "template.sqlite"
        app = create_app({"TESTING": True, "SECRET_KEY": "t", "AUTO_SETUP": False, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{template}"})
        with app.app_context():
            upgrade_schema()
            db.engine.dispose()  # checkpoints the WAL: the copy is the whole database
    return _template_dir[0] / "template.sqlite"


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


_postgres_migrated: list[str] = []


@functools.cache
def _head_revision() -> str:
    from alembic.script import ScriptDirectory

    from quizapp.database import MIGRATIONS_DIR

    return ScriptDirectory(MIGRATIONS_DIR).get_current_head()


def _empty_postgres(url: str) -> bool:
    """Start each test from an empty database, as on SQLite. The first time in a run the schema is
    dropped (the caller migrates it); after that every table is emptied, which is much faster.
    Returns whether the schema is already migrated."""
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    with engine.begin() as connection:
        tables = inspect(connection).get_table_names()
        at_head = "alembic_version" in tables and connection.execute(
            text("SELECT version_num FROM alembic_version")
        ).scalar() == _head_revision()
        if _postgres_migrated and at_head:  # a test may have left it elsewhere (the migration tests)
            emptied = [t for t in tables if t != "alembic_version"]
            connection.execute(text(f"TRUNCATE {', '.join(emptied)} RESTART IDENTITY CASCADE"))
            migrated = True
        else:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
            _postgres_migrated.append(url)
            migrated = False
    engine.dispose()
    return migrated


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
            also_cites=[Citation("intro-1", first_sentence[1] + 1, len(lead))],  # the Physics prize's year
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


def all_at_once(actions: list[Callable[[], object]]) -> list[object]:
    """Run every action in a thread of its own, released at the same instant; their results in order."""
    barrier = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[index] = action()
        except Exception as error:  # noqa: BLE001 - handed back to the test, which asserts on it
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, action)) for i, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
