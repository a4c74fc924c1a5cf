"""The app factory: configuration layers, the secret key, SQLite settings, first start."""

import json

from sqlalchemy import text

from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import Article, Question, Quiz

from .conftest import ROOT, make_app, sqlite_only


def test_testing_config_is_applied(app):
    assert app.testing
    assert app.config["SECRET_KEY"] == "test-secret"


def test_instance_config_then_environment(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("MAX_ARTICLE_BYTES = 1234\nAUTO_SETUP = False\nSECRET_KEY = 'from-file'\n")
    monkeypatch.setattr("quizapp.app.Flask", _flask_with_instance(instance))
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", "from-env")
    app = create_app()
    assert app.config["MAX_ARTICLE_BYTES"] == 1234
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'env.sqlite'}"
    assert app.config["SECRET_KEY"] == "from-env"


def test_missing_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    monkeypatch.setattr("quizapp.app.Flask", _flask_with_instance(instance))
    monkeypatch.delenv("QUIZAPP_SECRET_KEY", raising=False)
    monkeypatch.setenv("QUIZAPP_AUTO_SETUP", "false")
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert len(first) == 64 and first == second
    assert (instance / "secret_key").read_text() == first
    assert (instance / "secret_key").stat().st_mode & 0o077 == 0


@sqlite_only
def test_sqlite_runs_in_wal_mode_with_foreign_keys(app):
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_default_database_lives_in_the_instance_folder(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    monkeypatch.setattr("quizapp.app.Flask", _flask_with_instance(instance))
    monkeypatch.delenv("QUIZAPP_DATABASE_URL", raising=False)
    monkeypatch.setenv("QUIZAPP_AUTO_SETUP", "false")
    app = create_app()
    with app.app_context():
        assert db.engine.url.database == str(instance / "quizapp.sqlite")


def test_first_start_creates_schema_and_imports_the_sample_quiz(tmp_path):
    app = make_app(tmp_path, AUTO_SETUP=True)
    with app.app_context():
        article = db.session.execute(db.select(Article)).scalar_one()
        assert article.slug == "2021-ukrainian-coup-attempt-allegations"
        questions = db.session.execute(db.select(Question)).scalars().all()
        bank = json.loads((ROOT / "questions" / f"{article.slug}.json").read_text())
        # The reviewed bank in questions/ is what students get, on the article's own structure.
        assert sorted(q.bank_id for q in questions) == sorted(q["id"] for q in bank["questions"])
        assert {q.type for q in questions} == {"multiple_choice", "cloze", "true_false", "who_said", "ordering"}
        assert all(q.status == "published" and q.origin == "bank" for q in questions)
        assert [p.kind for p in article.passages][-3:] == ["list_item"] * 3
        quiz = db.session.execute(db.select(Quiz)).scalar_one()
        assert quiz.classroom_id is None and len(quiz.items) == len(questions)
    # A second start (another worker, a restart) imports nothing twice.
    again = make_app(tmp_path, fresh=False, AUTO_SETUP=True)
    with again.app_context():
        assert db.session.execute(db.select(db.func.count(Article.id))).scalar() == 1
        assert db.session.execute(db.select(db.func.count(Quiz.id))).scalar() == 1
    with again.app_context():
        assert db.session.execute(text("select count(*) from alembic_version")).scalar() == 1
    client = app.test_client()
    page = client.get("/articles/2021-ukrainian-coup-attempt-allegations")
    assert page.status_code == 200


def _flask_with_instance(instance):
    """Flask with its instance folder moved under the test's temporary directory."""
    from flask import Flask

    def factory(*args, **kwargs):
        kwargs["instance_path"] = str(instance)
        return Flask(*args, **kwargs)

    return factory
