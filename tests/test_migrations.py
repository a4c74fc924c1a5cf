"""Schema changes go through migrations: the migrations build exactly the models' schema."""

import flask_migrate
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from quizapp.database import MIGRATIONS_DIR
from quizapp.extensions import db


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_downgrade_to_base_and_upgrade_again(app):
    with app.app_context():
        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        assert {"articles", "passages", "questions", "responses"} <= set(inspect(db.engine).get_table_names())


def test_the_upgrade_settles_case_clashing_usernames_and_duplicate_open_attempts(app, capsys):
    """Data the races left before the constraints existed: renamed and finished, nothing deleted."""
    from sqlalchemy import text

    from quizapp.models import Attempt, Response, User

    from .conftest import make_quiz, make_user

    with app.app_context():
        quiz = make_quiz()
        first_question = quiz.items[0].question_id
        make_user("Case")
        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision="aedc64b500f5")
        with db.engine.begin() as connection:
            for name in ("case", "cAse"):
                connection.execute(
                    text("INSERT INTO users (username, password_hash, role, created_at, session_token) "
                         "VALUES (:name, 'x', 'student', '2026-01-01', 'token')"),
                    {"name": name},
                )
            user_id = connection.execute(text("SELECT id FROM users WHERE username = 'Case'")).scalar()
            for n in range(3):
                connection.execute(
                    text("INSERT INTO attempts (quiz_id, user_id, started_at) VALUES (:quiz, :user, :started)"),
                    {"quiz": quiz.id, "user": user_id, "started": f"2026-01-01 10:0{n}:00"},
                )
            answered = connection.execute(text("SELECT min(id) FROM attempts")).scalar()
            connection.execute(
                text("INSERT INTO responses (attempt_id, question_id, given, correct, answered_at) "
                     "VALUES (:attempt, :question, '\"Warsaw\"', :right, '2026-01-01 10:00:30')"),
                {"attempt": answered, "question": first_question, "right": True},
            )
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        db.session.expire_all()
        names = db.session.execute(db.select(User.username, User.username_key).order_by(User.id)).all()
        assert names == [("Case", "case"), ("case-2", "case-2"), ("cAse-3", "case-3")]
        attempts = db.session.execute(db.select(Attempt).order_by(Attempt.id)).scalars().all()
        assert [a.finished_at is None for a in attempts] == [True, False, False]  # the one with an answer stays open
        assert [a.score for a in attempts] == [None, 0.0, 0.0]
        assert db.session.execute(db.select(db.func.count(Response.id))).scalar() == 1
    printed = capsys.readouterr().out
    assert "Renamed user 'case' (id 2) to 'case-2'" in printed and "to 'cAse-3'" in printed
