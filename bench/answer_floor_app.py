"""The answer floor for bench/load.py: the least any design must do to store an answer as it is given.

The floor (bench/floor_app.py) plus one read and one durable write: read the attempt's owner
and state and the question's key (an answer must be checked against its owner and graded),
then one INSERT and COMMIT into a table of its own. No practice card, no re-checks, no retries.

By default both statements go through SQLAlchemy Core as quizapp's own do (a pooled engine
connection, ``text()`` statements): the least an answer costs on this stack. With
``BENCH_ANSWER_FLOOR=raw`` they go to a plain ``sqlite3`` connection per worker (quizapp's
pragmas), which shows what SQLAlchemy itself costs on the hot path.

    gunicorn -c quizapp/gunicorn_conf.py --bind 127.0.0.1:8004 bench.answer_floor_app:app
"""

from __future__ import annotations

import json
import os

from flask import abort, redirect, request, session, url_for
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bench.raw_sqlite import raw_connection
from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import parse_session_id

app = create_app()
RAW = os.environ.get("BENCH_ANSWER_FLOOR") == "raw"
_database = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database

_READ = """
    SELECT attempts.user_id, attempts.finished_at, questions.answer
    FROM attempts
    JOIN quiz_items ON quiz_items.quiz_id = attempts.quiz_id AND quiz_items.position = :position
    JOIN questions ON questions.id = quiz_items.question_id
    WHERE attempts.id = :attempt_id
"""
_INSERT = "INSERT INTO answer_floor (attempt_id, position, correct) VALUES (:attempt_id, :position, :correct)"
_READ_CORE, _INSERT_CORE = text(_READ), text(_INSERT)


with app.app_context(), db.engine.begin() as connection:
    connection.execute(
        text("CREATE TABLE IF NOT EXISTS answer_floor (id INTEGER PRIMARY KEY, attempt_id INT, position INT, correct INT)")
    )


def _is_right(row) -> bool:
    if row is None or row[0] != parse_session_id(session.get("_user_id"))[0]:
        abort(404)
    return request.form.get("answer", "") == (json.loads(row[2]) if isinstance(row[2], str) else row[2])


def answer_floor(attempt_id: int, position: int):
    where = {"attempt_id": attempt_id, "position": position}
    if RAW:
        raw = raw_connection(_database)
        correct = _is_right(raw.execute(_READ, where).fetchone())
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(_INSERT, {**where, "correct": correct})
        raw.execute("COMMIT")
    else:
        with db.engine.connect() as connection:
            correct = _is_right(connection.execute(_READ_CORE, where).one_or_none())
            connection.execute(_INSERT_CORE, {**where, "correct": correct})
            connection.commit()
    return redirect(url_for("student.question", attempt_id=attempt_id, position=position))


app.view_functions["student.answer"] = answer_floor
