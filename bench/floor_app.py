"""The floor for bench/load.py: quizapp itself, with the answer view reduced to a no-op.

Every request still passes through everything quizapp puts on every request (the signed
session cookie, the CSRF check, the before/after-request hooks, the security headers) and
gets the redirect the real view gives, but nothing is read, graded or stored. The answer
route cannot be faster than this without leaving Flask-WTF, Flask-Login and the session out.

    gunicorn -c quizapp/gunicorn_conf.py --bind 127.0.0.1:8002 bench.floor_app:app
"""

from __future__ import annotations

from flask import redirect, url_for

from quizapp import create_app

app = create_app()


def answer_floor(attempt_id: int, position: int):
    """Where the real view sends a stored answer: back to the question, now showing its feedback."""
    return redirect(url_for("student.question", attempt_id=attempt_id, position=position))


app.view_functions["student.answer"] = answer_floor
