"""The ceiling for bench/load.py: a bare Flask app served by the same gunicorn settings as quizapp.

Every path answers GET and POST with a tiny body; a POST parses its form first, as the
real answer route does, so the ceiling costs what gunicorn + Flask cost and nothing more.

    gunicorn -c quizapp/gunicorn_conf.py --bind 127.0.0.1:8001 bench.bare_app:app
"""

from __future__ import annotations

from flask import Flask, request

app = Flask(__name__)


@app.route("/", defaults={"path": ""}, methods=["GET", "POST"])
@app.route("/<path:path>", methods=["GET", "POST"])
def bare(path: str):  # noqa: ARG001 (every path is the same endpoint)
    if request.method == "POST":
        request.form  # noqa: B018 (parse the body like a real form handler)
    return "ok"
