"""Where an answer's time goes: CPU per request inside one process, no server, no network.

    python bench/request_cost.py [--students 40]

``load.py`` measures quizapp against a bare Flask endpoint under gunicorn. This script splits the
difference into layers by sending the same kind of request, already built (``werkzeug`` environ,
the students' real session cookies and CSRF tokens), straight to each WSGI app in turn:

1. the bare Flask endpoint of ``bench/bare_app.py`` (parses the form, answers "ok");
2. quizapp's floor: a no-op POST route on the real app, so the session, the CSRF check, every
   before/after/teardown hook and a redirect run, but nothing else;
3. the floor plus one trivial query through the ORM session (a connection from the pool);
4. answering a question (read one row, build and validate the form, grade, FSRS, three inserts,
   commit, redirect);
5. the feedback page that follows (a full page: user, attempt, progress, question and source).

It prints CPU milliseconds per request (``time.process_time``), each as a multiple of the bare
endpoint. Under gunicorn every figure grows (HTTP parsing, and five workers and the load
generator sharing two cores), but the layers keep their order.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
import time
from pathlib import Path

from werkzeug.test import EnvironBuilder

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bare_app import app as bare_app  # noqa: E402
from quizapp import create_app  # noqa: E402
from quizapp.extensions import db  # noqa: E402
from quizapp.models import Quiz  # noqa: E402
from quizapp.services.accounts import create_user  # noqa: E402
from quizapp.shuffling import shuffled  # noqa: E402
from quizapp.student.forms import attempt_shuffle  # noqa: E402

PASSWORD = "bench-password-1"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')


def build_app(workdir: Path):
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'quizapp.sqlite'}",
            "BUNDLED_QUESTIONS_DIR": str(ROOT / "questions"),
        }
    )

    # Registered before the first request, as any route must be.
    def noop(attempt_id: int, position: int):
        from flask import redirect, url_for

        return redirect(url_for("student.question", attempt_id=attempt_id, position=position))

    def one_query(attempt_id: int, position: int):
        db.session.execute(db.select(1)).scalar()
        return noop(attempt_id, position)

    app.add_url_rule("/bench-noop/<int:attempt_id>/<int:position>", "bench_noop", noop, methods=["POST"])
    app.add_url_rule("/bench-query/<int:attempt_id>/<int:position>", "bench_query", one_query, methods=["POST"])
    return app


def answer_fields(attempt_id: int, question_id: int, question_type: str, choices: list, answer) -> dict:
    if question_type == "ordering":  # the events as this attempt lists them
        events = shuffled(choices, attempt_shuffle(attempt_id, question_id), avoid=answer)
        return {f"item_{i}": str(answer.index(event) + 1) for i, event in enumerate(events)}
    return {"answer": answer}


def prepare(app, students: int):
    """Accounts, logged-in sessions and started attempts; returns prebuilt environs per request kind."""
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz)).scalars().first()
        items = [(i.position, i.question_id, i.question.type, list(i.question.choices), i.question.answer) for i in quiz.items]
        quiz_id = quiz.id
        for n in range(students):
            create_user(f"student{n:03d}", PASSWORD)
    kinds: dict[str, list] = {"answer": [], "noop": [], "query": [], "feedback": []}
    for n in range(students):
        client = app.test_client()
        token = CSRF_RE.search(client.get("/login").get_data(as_text=True)).group(1)
        client.post("/login", data={"username": f"student{n:03d}", "password": PASSWORD, "csrf_token": token})
        started = client.post(f"/quizzes/{quiz_id}/start", data={"csrf_token": token})
        attempt_id = int(started.headers["Location"].rstrip("/").rsplit("/", 1)[1])
        headers = {"Cookie": f"session={client.get_cookie('session').value}", "User-Agent": "bench"}
        for position, question_id, question_type, choices, answer in items:
            form = {"csrf_token": token, **answer_fields(attempt_id, question_id, question_type, choices, answer)}
            for kind, path in (
                ("answer", f"/attempts/{attempt_id}/questions/{position}"),
                ("noop", f"/bench-noop/{attempt_id}/{position}"),
                ("query", f"/bench-query/{attempt_id}/{position}"),
            ):
                environ = EnvironBuilder(path=path, method="POST", data=form, headers=headers).get_environ()
                kinds[kind].append((environ, environ["wsgi.input"].read()))
            page = EnvironBuilder(path=f"/attempts/{attempt_id}/questions/{position}", headers=headers).get_environ()
            kinds["feedback"].append((page, b""))
    return kinds


def cpu_per_request(wsgi_app, requests: list) -> tuple[float, dict]:
    statuses: dict[str, int] = {}

    def start_response(status, headers, exc_info=None):
        statuses[status] = statuses.get(status, 0) + 1

    started = time.process_time()
    for environ, body in requests:
        environ = dict(environ, **{"wsgi.input": io.BytesIO(body)})
        result = wsgi_app(environ, start_response)
        b"".join(result)
        if hasattr(result, "close"):
            result.close()
    return (time.process_time() - started) / len(requests) * 1000, statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="quizapp-cost-"))
    app = build_app(workdir)
    kinds = prepare(app, args.students)
    rows = []
    # Warm-up (compiled SQL and template caches), then the measured pass; answers go before the
    # feedback pages, which then show a verdict, as in a real attempt.
    cpu_per_request(bare_app.wsgi_app, kinds["noop"][:100])
    cpu_per_request(app.wsgi_app, kinds["noop"][:100])
    bare, _ = cpu_per_request(bare_app.wsgi_app, kinds["noop"])
    for label, kind in (
        ("quizapp floor: session, CSRF, hooks, redirect", "noop"),
        ("  + one query through the ORM session", "query"),
        ("answer a question (POST)", "answer"),
        ("feedback page (GET, full page)", "feedback"),
    ):
        cost, statuses = cpu_per_request(app.wsgi_app, kinds[kind])
        rows.append((label, cost, statuses))
    print(f"{len(kinds['answer'])} requests of each kind, CPU per request in one process (no server):")
    print(f"  {'bare Flask endpoint (bench/bare_app.py)':48s} {bare:6.3f} ms   1.0 x")
    for label, cost, statuses in rows:
        print(f"  {label:48s} {cost:6.3f} ms {cost / bare:5.1f} x   {', '.join(f'{n} {s}' for s, n in statuses.items())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
