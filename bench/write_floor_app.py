"""The write floor for bench/load.py: the floor (bench/floor_app.py) plus the cheapest durable write.

Its answer view does nothing quizapp's does (no read, no grading, no practice card, no
SQLAlchemy) but one thing every design that saves answers as they are given must do: one
INSERT and COMMIT per answer, here on a plain ``sqlite3`` connection per worker into a table of
its own, with quizapp's pragmas (WAL, synchronous NORMAL, busy timeout). Answering cannot
reach this rate while it stores each answer in its own transaction on SQLite.

    gunicorn -c quizapp/gunicorn_conf.py --bind 127.0.0.1:8003 bench.write_floor_app:app
"""

from __future__ import annotations

from flask import redirect, url_for
from sqlalchemy.engine import make_url

from bench.raw_sqlite import raw_connection
from quizapp import create_app

app = create_app()
_database = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
_TABLE = "CREATE TABLE IF NOT EXISTS write_floor (id INTEGER PRIMARY KEY, attempt_id INT, position INT)"


def answer_write_floor(attempt_id: int, position: int):
    connection = raw_connection(_database, _TABLE)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO write_floor (attempt_id, position) VALUES (?, ?)", (attempt_id, position))
    connection.execute("COMMIT")
    return redirect(url_for("student.question", attempt_id=attempt_id, position=position))


app.view_functions["student.answer"] = answer_write_floor
