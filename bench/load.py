"""Load benchmark: N students take a quiz at once against quizapp under gunicorn.

    python bench/load.py [--students 64] [--workers N] [--threads T] [--worker-class K]
                         [--bursts 3] [--think SECONDS] [--duration-cap SECONDS] [--raw-answer-floor]

Starts gunicorn itself on 127.0.0.1 (a free port) with ``quizapp/gunicorn_conf.py`` and a fresh
database in a temporary directory, then runs, with one keep-alive connection per student:

1. the journey: every student logs in, starts the quiz, and for every question loads the
   page, submits an answer and follows the redirect to the feedback page (a few answers are
   double-clicked: sent twice at once on a second connection), finishes, views the review;
2. the answer burst, ``--bursts`` times (3): every student starts a new attempt, then all of
   them post their answers back to back at the same moment (answer-submit throughput), finish
   and review. The figures add up the bursts: one burst lasts about a second, too short alone.

Four references run beside it under the same gunicorn settings, and each burst's answers are
replayed to each of them right after the burst (so that all are measured under the same
conditions): ``bench/bare_app.py`` (a bare Flask endpoint: the ceiling), ``bench/floor_app.py``
(quizapp with its answer view reduced to a no-op, with the students' own sessions: the floor,
what every quizapp request costs before any work), ``bench/write_floor_app.py`` (the floor
plus one raw INSERT and COMMIT per answer: the write floor) and ``bench/answer_floor_app.py``
(the floor plus the least an answer must do, one read and one INSERT and COMMIT, through
SQLAlchemy as quizapp's are, or a plain sqlite3 connection with --raw-answer-floor). It prints req/s,
latency percentiles, the ratio to the ceiling (and the floor's), CPU used by server and client, and checks the database: exactly one
response per answered question (no lost or doubled answers). Exits 1 when that check or a
student's journey fails, 2 when the duration cap is hit (3 with --strict when a goal is
missed). Linux only (reads /proc for CPU figures).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONF = ROOT / "quizapp" / "gunicorn_conf.py"
QUIZ_TITLE = "2021 Ukrainian coup attempt allegations"
PASSWORD = "bench-password-1"
GOAL_P95_MS = 50.0  # answer-submit p95 with students thinking a second per question (--think 1)
GOAL_FLOOR_RATIO = 0.8  # answer-submit throughput in the burst / the floor's (a no-op answer view)
# ... / the answer floor's (the least an answer does through SQLAlchemy: one read, one insert, commit)
GOAL_ANSWER_FLOOR_RATIO = 0.8
FLOORS = ("floor", "write floor", "answer floor")  # the references that replay with the students' sessions

CSRF_RE = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
SCORE_RE = re.compile(r'class="score-badge">Score <strong>(\d+)%</strong>\s*\((\d+) of (\d+)\)')


class Abort(Exception):
    """A student cannot go on (unexpected status, timeout, duration cap)."""


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def proc_children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def proc_cpu(pid: int) -> float:
    """utime + stime of one process, seconds (0 if gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Gunicorn:
    """One gunicorn master we started; stop() is safe to call at any time, more than once."""

    def __init__(self, app: str, args: argparse.Namespace, env: dict, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--bind", f"127.0.0.1:{self.port}"]
        if args.workers:
            command += ["--workers", str(args.workers)]
        if args.threads:
            command += ["--threads", str(args.threads)]
        if args.worker_class:
            command += ["--worker-class", args.worker_class]
        command.append(app)
        self.command = command
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def workers(self) -> list[int]:
        return proc_children(self.proc.pid)

    def cpu(self) -> float:
        return proc_cpu(self.proc.pid) + sum(proc_cpu(pid) for pid in self.workers())

    def worker_cpu(self) -> dict[int, float]:
        return {pid: proc_cpu(pid) for pid in self.workers()}

    def wait_ready(self, path: str, expected_workers: int, deadline: float) -> None:
        """Until ``path`` answers 200 and every worker has booted (the tree's CPU goes quiet)."""
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not come up in time:\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", path)
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        quiet, last = 0, self.cpu()
        while quiet < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
            now = self.cpu()
            booted = len(self.workers()) >= expected_workers
            quiet = quiet + 1 if booted and now - last < 0.02 else 0
            last = now

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # graceful: the master stops its workers
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the session we created for it
                self.proc.wait(timeout=5)
        self.log.close()


# --------------------------------------------------------------------------- database set-up


@dataclass
class Item:
    position: int
    question_id: int
    type: str
    choices: list
    answer: object


def prepare_database(env: dict, students: int) -> tuple[int, list[Item]]:
    """Fresh schema + sample quiz (the app's own set-up), then the students' accounts."""
    os.environ.update({k: v for k, v in env.items() if k.startswith("QUIZAPP_")})
    sys.path.insert(0, str(ROOT))
    import quizapp
    from quizapp.extensions import db
    from quizapp.models import Quiz
    from quizapp.services.accounts import create_user

    app = quizapp.create_app()
    with app.app_context():
        quiz = db.session.execute(db.select(Quiz).filter_by(title=QUIZ_TITLE)).scalar_one()
        items = [
            Item(i.position, i.question_id, i.question.type, list(i.question.choices), i.question.answer)
            for i in quiz.items
        ]
        quiz_id = quiz.id

    def make(index: int) -> None:
        with app.app_context():
            create_user(f"student{index:03d}", PASSWORD)

    # scrypt hashing dominates (~0.1 s each); it releases the GIL, so threads help.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(make, range(students)))
    with app.app_context():
        db.engine.dispose()
    return quiz_id, items


# --------------------------------------------------------------------------- client


@dataclass
class Sample:
    phase: str
    kind: str
    status: int
    seconds: float
    ok: bool


@dataclass
class Plan:
    """What a student answers to one question: the form fields and what the app should store."""

    fields: dict
    given: object
    correct: bool
    item: Item | None = None  # an ordering question: its fields follow the attempt's order of the events

    def fields_for(self, attempt_id: int) -> dict:
        if self.item is None:
            return self.fields
        from quizapp.shuffling import shuffled
        from quizapp.student.forms import attempt_shuffle

        events = shuffled(self.item.choices, attempt_shuffle(attempt_id, self.item.question_id), avoid=self.item.answer)
        return {f"item_{i}": str(self.given.index(event) + 1) for i, event in enumerate(events)}


def plan_answers(items: list[Item], rng: random.Random, p_correct: float) -> list[Plan]:
    plans = []
    for item in items:
        correct = rng.random() < p_correct
        if item.type == "ordering":
            order = list(item.answer) if correct else list(reversed(item.answer))
            if not correct and order == list(item.answer):
                correct = True
            plans.append(Plan({}, order, correct, item))
        elif item.choices:
            given = item.answer if correct else rng.choice([c for c in item.choices if c != item.answer])
            plans.append(Plan({"answer": given}, given, correct))
        else:
            given = item.answer if correct else "no idea"
            plans.append(Plan({"answer": given}, given, correct))
    return plans


class Connection:
    """One keep-alive HTTP/1.1 connection with its own cookie jar (shared with a twin for double clicks)."""

    host = "127.0.0.1"

    def __init__(self, port: int, cookies: dict, bench: "Bench"):
        self.port = port
        self.cookies = cookies
        self.bench = bench
        self.conn: http.client.HTTPConnection | None = None
        self.used = False

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()

    def exchange(self, method: str, path: str, body: bytes | None, headers: dict) -> tuple[http.client.HTTPResponse, bytes]:
        """Send one request with the cookies and read the whole response. A keep-alive connection the
        server closed while idle is opened again and the request sent once more, as browsers do
        (answer posts are idempotent, which the database check verifies)."""
        remaining = self.bench.deadline - time.monotonic()
        if remaining <= 0 or self.bench.stop.is_set():
            raise Abort("duration cap reached")
        if self.cookies:
            headers = {**headers, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=min(self.bench.timeout, remaining))
                self.used = False
            try:
                self.conn.request(method, path, body, headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as error:
                self.conn.close()
                self.conn = None
                if attempt == 2 or not self.used:
                    raise Abort(f"{method} {path}: {error!r}") from error
                self.bench.count("reconnects")
            except (TimeoutError, OSError, http.client.HTTPException) as error:
                self.conn.close()
                self.conn = None
                raise Abort(f"{method} {path}: {error!r}") from error
        self.used = True
        return response, data

    def keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "1970" not in header:
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)

    def send(self, method: str, path: str, form: dict | None, store_cookies: bool = True):
        body, headers = None, {}
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response, data = self.exchange(method, path, body, headers)
        if store_cookies:
            self.keep_cookies(response)
        return response.status, response.getheader("Location"), data.decode("utf-8", "replace")


class Student:
    def __init__(self, index: int, bench: "Bench", plans: list[Plan]):
        self.index = index
        self.name = f"student{index:03d}"
        self.bench = bench
        self.plans = plans
        self.rng = random.Random(bench.seed * 1000 + index)
        self.cookies: dict = {}
        self.conn = Connection(bench.port, self.cookies, bench)
        self.samples: list[Sample] = []
        self.script: list[tuple[str, str, str, str, dict | None]] = []  # (phase, kind, method, path, form)
        self.acked: dict[tuple[int, int], object] = {}  # (attempt, question) -> given, answer stored
        self.attempts: list[int] = []
        self.scores_ok = 0
        self.verdict_mismatches = 0
        self.error: str | None = None
        self.csrf = ""

    # one request, timed and checked
    def hit(self, phase, kind, method, path, form=None, expect=(200,), conn=None, record=True):
        conn = conn or self.conn
        started = time.perf_counter()
        status, location, body = conn.send(method, path, form, store_cookies=conn is self.conn)
        elapsed = time.perf_counter() - started
        ok = status in expect
        self.samples.append(Sample(phase, kind, status, elapsed, ok))
        if record:
            self.script.append((phase, kind, method, path, form))
        if not ok:
            raise Abort(f"{kind} {method} {path}: status {status}, expected {expect}")
        if location:
            location = urlsplit(location).path
        token = CSRF_RE.search(body)
        if token:
            self.csrf = token.group(1)
        return status, location, body

    def journey(self) -> None:
        b = self.bench
        self.hit("journey", "login page", "GET", "/login")
        _, location, _ = self.hit(
            "journey", "login", "POST", "/login?next=/quizzes",
            {"csrf_token": self.csrf, "username": self.name, "password": PASSWORD}, expect=(302,),
        )
        _, _, page = self.hit("journey", "quizzes", "GET", location)
        if f'action="/quizzes/{b.quiz_id}/start"' not in page:
            raise Abort("the quiz is not on /quizzes")
        _, location, _ = self.hit(
            "journey", "start", "POST", f"/quizzes/{b.quiz_id}/start", {"csrf_token": self.csrf}, expect=(302,)
        )
        attempt_id = int(location.rstrip("/").rsplit("/", 1)[1])
        self.attempts.append(attempt_id)
        _, location, _ = self.hit("journey", "resume", "GET", location, expect=(302,))
        for item, plan in zip(b.items, self.plans):
            path = f"/attempts/{attempt_id}/questions/{item.position}"
            if location != path:
                raise Abort(f"expected {path}, was sent to {location}")
            _, _, page = self.hit("journey", "question page", "GET", path)
            if "name=\"answer\"" not in page and "name=\"item_0\"" not in page:
                raise Abort(f"no answer form on {path}")
            form = {"csrf_token": self.csrf, **plan.fields_for(attempt_id)}
            if b.think:
                time.sleep(self.rng.uniform(0.5, 1.5) * b.think)
            if self.rng.random() < b.double_submit:
                statuses = self.double_click(path, form)
            else:
                statuses = [self.hit("journey", "answer", "POST", path, form, expect=(302,))[:2]]
            if any(status == 302 and where == path for status, where in statuses):
                self.acked[(attempt_id, item.question_id)] = plan.given
            location = statuses[0][1]
            _, _, page = self.hit("journey", "feedback page", "GET", location)
            verdict = "Right." in page if ("Right." in page) != ("Not quite." in page) else None
            if verdict is not plan.correct:
                self.verdict_mismatches += 1
            if item.position + 1 < len(b.items):
                location = f"/attempts/{attempt_id}/questions/{item.position + 1}"
                if f'href="{location}"' not in page:
                    raise Abort(f"no link to the next question on {path}")
        self.finish("journey", attempt_id)

    def double_click(self, path: str, form: dict) -> list[tuple[int, str]]:
        """The same answer sent twice at once, on a second connection (a double click, two tabs)."""
        twin = Connection(self.bench.port, self.cookies, self.bench)
        gate = threading.Barrier(2, timeout=10)
        result: list = []

        def second() -> None:
            try:
                gate.wait()
                result.append(self.hit("journey", "answer (double click)", "POST", path, form, (302,), twin, False)[:2])
            except Exception as error:  # noqa: BLE001 (reported through the main request)
                result.append(error)

        helper = threading.Thread(target=second, daemon=True)
        helper.start()
        gate.wait()
        first = self.hit("journey", "answer", "POST", path, form, expect=(302,))[:2]
        helper.join(self.bench.timeout + 5)
        twin.close()
        if result and isinstance(result[0], Exception):
            raise Abort(f"double click: {result[0]}")
        self.bench.count("double clicks")
        return [first, *result]

    def finish(self, phase: str, attempt_id: int) -> None:
        _, location, _ = self.hit(
            phase, "finish", "POST", f"/attempts/{attempt_id}/finish", {"csrf_token": self.csrf}, expect=(302,)
        )
        _, _, page = self.hit(phase, "review", "GET", location)
        found = SCORE_RE.search(page)
        right = sum(plan.correct for plan in self.plans)
        if found and int(found.group(2)) == right and int(found.group(3)) == len(self.plans):
            self.scores_ok += 1

    def burst_prepare(self) -> None:
        _, location, _ = self.hit(
            "burst", "start", "POST", f"/quizzes/{self.bench.quiz_id}/start", {"csrf_token": self.csrf}, expect=(302,)
        )
        self.attempts.append(int(location.rstrip("/").rsplit("/", 1)[1]))

    def burst(self) -> None:
        attempt_id = self.attempts[-1]
        for item, plan in zip(self.bench.items, self.plans):
            path = f"/attempts/{attempt_id}/questions/{item.position}"
            status, location = self.hit("burst", "answer", "POST", path, {"csrf_token": self.csrf, **plan.fields_for(attempt_id)}, (302,))[:2]
            if status == 302 and location == path:
                self.acked[(attempt_id, item.question_id)] = plan.given

    def burst_finish(self) -> None:
        self.finish("burst", self.attempts[-1])


class Replayer:
    """Sends a student's recorded requests, in order, to a reference app (ceiling, floor, write floor)."""

    def __init__(self, student: Student, bench: "Bench", as_student: bool = False, expect: tuple = (200,)):
        self.student = student
        self.script = student.script
        # the bare app needs no cookies; the floor app needs the student's session and CSRF token
        self.conn = Connection(bench.port, dict(student.cookies) if as_student else {}, bench)
        self.expect = expect
        self.samples: list[Sample] = []
        self.error: str | None = None

    def run(self, phase: str, kind_filter: str | None = None, latest_attempt_only: bool = False) -> None:
        """Send the recorded requests of ``phase`` (of one kind); with ``latest_attempt_only``, those
        of the student's newest attempt (the burst just run)."""
        newest = f"/attempts/{self.student.attempts[-1]}/" if latest_attempt_only else ""
        for step_phase, kind, method, path, form in self.script:
            if step_phase != phase or (kind_filter and kind != kind_filter) or newest not in path:
                continue
            started = time.perf_counter()
            status, _, _ = self.conn.send(method, path, form)
            self.samples.append(Sample(phase, kind, status, time.perf_counter() - started, status in self.expect))


class Bench:
    def __init__(self, args, port, quiz_id, items, deadline):
        self.port = port
        self.quiz_id = quiz_id
        self.items = items
        self.deadline = deadline
        self.timeout = args.timeout
        self.seed = args.seed
        self.double_submit = args.double_submit
        self.think = args.think
        self.stop = threading.Event()
        self.counters: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()

    def count(self, name: str) -> None:
        with self.lock:
            self.counters[name] += 1


def run_all(actors, method: str, deadline: float, barrier: bool = False, *args) -> tuple[float, float]:
    """Run ``actor.method()`` in one thread per actor; returns (wall seconds, client CPU seconds).

    With ``barrier`` every thread waits until all are ready, so the clock starts when all go.
    """
    gate = threading.Barrier(len(actors) + 1) if barrier else None

    def body(actor) -> None:
        try:
            if gate:
                gate.wait(timeout=60)
            getattr(actor, method)(*args)
        except Exception as error:  # noqa: BLE001 (every failure is reported, none is fatal here)
            actor.error = actor.error or f"{type(error).__name__}: {error}"

    threads = [threading.Thread(target=body, args=(a,), daemon=True) for a in actors]
    for thread in threads:
        thread.start()
    if gate:
        gate.wait(timeout=60)
    cpu0, t0 = time.process_time(), time.perf_counter()
    for thread in threads:
        while thread.is_alive():  # short joins keep Ctrl-C working
            thread.join(0.2)
            if time.monotonic() > deadline:
                raise TimeoutError("duration cap reached")
    return time.perf_counter() - t0, time.process_time() - cpu0


# --------------------------------------------------------------------------- report


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))] * 1000


def lat(values: list[float]) -> str:
    return f"p50 {pct(values, 50):6.1f}  p95 {pct(values, 95):6.1f}  p99 {pct(values, 99):6.1f}  max {pct(values, 100):6.1f} ms"


def check_integrity(db_path: Path, students: list[Student], items: list[Item]) -> tuple[bool, list[str]]:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = con.execute("SELECT attempt_id, question_id, given FROM responses").fetchall()
    per_pair: dict[tuple[int, int], list] = defaultdict(list)
    for attempt_id, question_id, given in rows:
        per_pair[(attempt_id, question_id)].append(json.loads(given))
    acked = {pair: given for s in students for pair, given in s.acked.items()}
    started = {a for s in students for a in s.attempts}
    lost = sum(1 for pair in acked if pair not in per_pair)
    doubled = sum(len(v) - 1 for v in per_pair.values())
    unexpected = sum(1 for pair in per_pair if pair not in acked)
    differs = sum(1 for pair, given in acked.items() if pair in per_pair and per_pair[pair][0] != given)
    attempts = con.execute("SELECT id, finished_at FROM attempts").fetchall()
    unfinished = sum(1 for a, finished in attempts if a in started and finished is None)
    strays = sum(1 for a, _ in attempts if a not in started)
    logs = con.execute("SELECT count(*) FROM review_logs WHERE context = 'quiz'").fetchone()[0]
    card_dups = con.execute(
        "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) n FROM review_cards GROUP BY user_id, question_id)"
    ).fetchone()[0]
    reviews = con.execute("SELECT coalesce(sum(reviews), 0) FROM review_cards").fetchone()[0]
    late = con.execute(
        "SELECT count(*) FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE r.answered_at > a.finished_at"
    ).fetchone()[0]
    # A stored score must be the score of the stored answers: right answers to asked questions / asked.
    inconsistent = con.execute(
        """SELECT count(*) FROM attempts a
           WHERE a.finished_at IS NOT NULL AND abs(a.score - (
               SELECT count(*) FROM responses r JOIN quiz_items i ON i.quiz_id = a.quiz_id AND i.question_id = r.question_id
               WHERE r.attempt_id = a.id AND r.correct AND i.dropped_at IS NULL
           ) * 1.0 / (SELECT count(*) FROM quiz_items i WHERE i.quiz_id = a.quiz_id AND i.dropped_at IS NULL)) > 1e-9"""
    ).fetchone()[0]
    con.close()
    complete = len(acked) == len(started) * len(items)
    ok = (
        lost == doubled == unexpected == differs == unfinished == strays == card_dups == late == inconsistent == 0
        and len(rows) == len(acked) and logs == len(rows) and reviews == len(rows) and complete
    )
    lines = [
        f"answers acknowledged (attempt x question): {len(acked)}  (expected {len(started)} attempts x {len(items)} = {len(started) * len(items)})",
        f"rows in responses:                         {len(rows)}",
        f"lost answers: {lost}, doubled answers: {doubled}, rows without an acknowledged answer: {unexpected}, stored answer differs: {differs}",
        f"attempts: {len(started)} started, {len(started) - unfinished} finished, {strays} unexpected",
        f"answers stored after their attempt finished: {late}; stored scores unlike the stored answers: {inconsistent}",
        f"practice: {logs} quiz review logs and {reviews} card reviews for {len(rows)} responses, duplicate cards: {card_dups}",
        f"integrity: {'OK' if ok else 'FAILED'}",
    ]
    return ok, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=64)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: quizapp/gunicorn_conf.py)")
    parser.add_argument("--threads", type=int, help="threads per gunicorn worker (default: the conf file)")
    parser.add_argument("--worker-class", help="gunicorn worker class (default: the conf file)")
    parser.add_argument("--duration-cap", type=float, default=300, help="hard limit for the whole run, seconds")
    parser.add_argument("--timeout", type=float, default=30, help="per-request timeout, seconds")
    parser.add_argument("--double-submit", type=float, default=0.05, help="share of answers sent twice at once")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a student reads a question before answering (journey only)"
    )
    parser.add_argument(
        "--bursts", type=int, default=3, help="answer bursts, each a new attempt per student (more give steadier figures)"
    )
    parser.add_argument("--p-correct", type=float, default=0.7, help="share of right answers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--raw-answer-floor", action="store_true", help="the answer floor on a plain sqlite3 connection instead of SQLAlchemy"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, logs)")
    parser.add_argument("--strict", action="store_true", help="exit 3 when a performance goal is missed")
    args = parser.parse_args()

    def interrupted(*_) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)  # the same clean-up as Ctrl-C
    deadline = time.monotonic() + args.duration_cap
    workdir = Path(tempfile.mkdtemp(prefix="quizapp-bench-"))
    db_path = workdir / "quizapp.sqlite"
    env = dict(os.environ)
    env.update(
        QUIZAPP_DATABASE_URL=json.dumps(f"sqlite:///{db_path}"),
        QUIZAPP_SECRET_KEY=json.dumps(secrets.token_hex(32)),
        QUIZAPP_AUTO_SETUP="true",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    if args.students > 250:
        # All simulated students share 127.0.0.1; a real class would come from one school address
        # too, but the default per-address login limit (300 per minute) is not what is measured here.
        env["QUIZAPP_LOGIN_RATE_LIMIT_PER_ADDRESS"] = json.dumps(f"{2 * args.students} per minute")
    servers: list[Gunicorn] = []
    status = 0
    try:
        t = time.perf_counter()
        quiz_id, items = prepare_database(env, args.students)
        print(f"set-up: fresh database in {workdir}, {args.students} accounts, {time.perf_counter() - t:.1f} s")
        rng = random.Random(args.seed)
        plans = [plan_answers(items, random.Random(rng.random()), args.p_correct) for _ in range(args.students)]

        # ---- every server up front: quizapp and its three references. The references replay each
        # burst's answers right after it, so that all four are measured under the same conditions
        # (a shared machine's speed drifts by tens of per cent over a minute).
        app = Gunicorn("quizapp:create_app()", args, env, workdir / "gunicorn-app.log")
        servers.append(app)
        settings = describe_settings(app)
        app.wait_ready("/login", settings["workers"], deadline)
        references = {
            "bare": Gunicorn("bench.bare_app:app", args, env, workdir / "gunicorn-bare.log"),
            "floor": Gunicorn("bench.floor_app:app", args, env, workdir / "gunicorn-floor.log"),
            "write floor": Gunicorn("bench.write_floor_app:app", args, env, workdir / "gunicorn-write-floor.log"),
            "answer floor": Gunicorn(
                "bench.answer_floor_app:app",
                args,
                {**env, "BENCH_ANSWER_FLOOR": "raw" if args.raw_answer_floor else "sqlalchemy"},
                workdir / "gunicorn-answer-floor.log",
            ),
        }
        servers.extend(references.values())
        for name, server in references.items():
            server.wait_ready("/" if name == "bare" else "/login", settings["workers"], deadline)
        bench = Bench(args, app.port, quiz_id, items, deadline)
        students = [Student(i, bench, plans[i]) for i in range(args.students)]
        figures: dict = defaultdict(lambda: (0.0, 0.0, 0.0))

        def measure(key: str, server: Gunicorn, actors, method: str, *method_args) -> None:
            cpu0 = server.cpu()
            wall, client = run_all(actors, method, deadline, True, *method_args)
            total = figures[key]
            figures[key] = (total[0] + wall, total[1] + client, total[2] + server.cpu() - cpu0)

        per_worker = app.worker_cpu()
        measure("journey", app, students, "journey")
        figures["journey workers"] = [cpu - per_worker.get(pid, 0.0) for pid, cpu in app.worker_cpu().items()]
        bare_bench = Bench(args, references["bare"].port, quiz_id, items, deadline)
        replayers = [Replayer(s, bare_bench) for s in students]
        measure("bare journey", references["bare"], replayers, "run", "journey")
        # the bare app needs no cookies; the floors need the students' sessions and CSRF tokens
        floors = {
            name: [
                Replayer(s, Bench(args, references[name].port, quiz_id, items, deadline), as_student=True, expect=(302,))
                for s in students
            ]
            for name in FLOORS
        }
        burst_workers: dict[int, float] = defaultdict(float)
        for _ in range(args.bursts):
            ready = [s for s in students if not s.error]
            run_all(ready, "burst_prepare", deadline)
            ready = [s for s in ready if not s.error]
            per_worker = app.worker_cpu()
            # each burst lasts from the common start to the last student's last answer
            measure("burst", app, ready, "burst")
            for pid, cpu in app.worker_cpu().items():
                burst_workers[pid] += cpu - per_worker.get(pid, 0.0)
            run_all([s for s in ready if not s.error], "burst_finish", deadline)
            # the same answers, at once, to each reference
            for name, actors in [*floors.items(), ("bare", replayers)]:
                measure(f"{name} burst", references[name], actors, "run", "burst", "answer", True)
        figures["burst workers"] = list(burst_workers.values())
        for actor in [*students, *replayers, *(r for actors in floors.values() for r in actors)]:
            actor.conn.close()

        ok, integrity = check_integrity(db_path, students, items)
        missed = report(args, settings, students, replayers, floors, figures, bench, integrity, ok)
        failed = [s for s in students if s.error]
        failed += [r for actors in [replayers, *floors.values()] for r in actors if r.error]
        status = 1 if (not ok or failed) else (3 if args.strict and missed else 0)
    except TimeoutError as error:
        print(f"ABORTED: {error} ({args.duration_cap:.0f} s)", file=sys.stderr)
        status = 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        status = 130
    finally:
        for server in servers:
            try:
                server.stop()
            except Exception as error:  # noqa: BLE001
                print(f"could not stop gunicorn {server.proc.pid}: {error}", file=sys.stderr)
        if status not in (0, 3) and servers:
            print(f"gunicorn log ({servers[0].log_path}):\n{servers[0].log_tail()}", file=sys.stderr)
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return status


def describe_settings(server: Gunicorn) -> dict:
    """The effective gunicorn settings (the conf file, then our command-line overrides)."""
    from gunicorn import __version__
    from gunicorn.config import Config

    cfg = Config()
    namespace: dict = {"__file__": str(GUNICORN_CONF)}
    exec(compile(GUNICORN_CONF.read_text(), str(GUNICORN_CONF), "exec"), namespace)  # noqa: S102 (our own file)
    for key, value in namespace.items():
        if key in cfg.settings:
            cfg.set(key, value)
    parsed = cfg.parser().parse_args(server.command[server.command.index("-c") + 2 :])
    for key, value in vars(parsed).items():
        if value is not None and key in cfg.settings and key not in ("args", "config"):
            cfg.set(key, value)
    worker_class = cfg.worker_class_str
    if worker_class == "sync" and cfg.threads > 1:
        worker_class = "gthread"  # what gunicorn does itself
    return {
        "version": __version__,
        "workers": cfg.workers,
        "threads": cfg.threads,
        "worker_class": worker_class,
        "keepalive": cfg.keepalive,
    }


def replayed_rate(wall: float, replayers: list) -> tuple[float, list]:
    """Requests per second a reference served the replayed answers at, and their samples."""
    samples = [x for r in replayers for x in r.samples]
    return (len(samples) / wall if wall else float("nan")), samples


def report(args, settings, students, replayers, floors: dict[str, list], figures, bench, integrity, ok) -> bool:
    cores = os.cpu_count() or 1
    items = len(bench.items)
    samples = [x for s in students for x in s.samples]
    bare_samples = [x for r in replayers for x in r.samples]
    print()
    print(
        f"quizapp under gunicorn {settings['version']}: {settings['worker_class']}, workers={settings['workers']}, "
        f"threads={settings['threads']}, keepalive={settings['keepalive']} s; {cores} cores; "
        f"{args.students} students, quiz of {items} questions, "
        + (f"think time {args.think:g} s per answer (journey)" if args.think else "no think time")
    )
    missed = False
    goal_lines = []
    for phase, title in (
        ("journey", "journey: log in, start, every question (page, answer, feedback), finish, review"),
        ("burst", f"answer burst, {args.bursts} times: a new attempt, every student posts its answers back to back"),
    ):
        wall, client_cpu, server_cpu = figures[phase]
        mine = [x for x in samples if x.phase == phase]
        timed = [x for x in mine if x.kind != "finish" and x.kind != "review" and x.kind != "start"] if phase == "burst" else mine
        answers = [x for x in mine if x.kind == "answer"]
        bad_status = sum(1 for x in mine if not 200 <= x.status < 400)
        unexpected = sum(1 for x in mine if not x.ok)
        bare_wall = figures[f"bare {phase}"][0]
        bare_n = sum(1 for x in bare_samples if x.phase == phase)
        ceiling = bare_n / bare_wall if bare_wall else float("nan")
        print()
        print(title)
        rate = len(timed) / wall
        print(f"  requests:        {len(timed)} in {wall:.2f} s = {rate:.0f} req/s   errors: {bad_status} non-2xx/3xx, {unexpected} unexpected status")
        print(f"  answer-submit:   {len(answers)} = {len(answers) / wall:.0f} answers/s   {lat([x.seconds for x in answers])}")
        if phase == "journey":
            dup = [x.seconds for x in mine if x.kind == "answer (double click)"]
            print(f"  all requests:    {lat([x.seconds for x in mine])}")
            for kind in dict.fromkeys(x.kind for x in mine):
                of_kind = [x.seconds for x in mine if x.kind == kind]
                print(f"    {kind:22s} {len(of_kind):5d}  {lat(of_kind)}")
            if not dup:
                print("    (no double clicks)")
        print(f"  ceiling:         bare Flask, same settings and requests: {bare_n} in {bare_wall:.2f} s = {ceiling:.0f} req/s")
        ratio_name = "all requests" if phase == "journey" else "answer-submit"
        ratio = rate / ceiling if ceiling else float("nan")
        print(f"  ratio to ceiling ({ratio_name} req/s): {ratio:.2f}")
        if phase == "burst":
            floor_rate, floor_answers = replayed_rate(figures["floor burst"][0], floors["floor"])
            print(
                f"  floor:           quizapp with a no-op answer view (session, CSRF, hooks, redirect), same answers: "
                f"{floor_rate:.0f} req/s, ratio {floor_rate / ceiling:.2f}; {lat([x.seconds for x in floor_answers])}"
            )
            print(f"  ratio to floor (answer-submit req/s): {rate / floor_rate:.2f}; the floor costs {ceiling / floor_rate:.1f} x the ceiling")
            write_rate, write_answers = replayed_rate(figures["write floor burst"][0], floors["write floor"])
            print(
                f"  write floor:     the floor plus one raw INSERT and COMMIT per answer: {write_rate:.0f} req/s, "
                f"{write_rate / floor_rate:.2f} x the floor; answering reaches {rate / write_rate:.2f} x it; "
                f"{lat([x.seconds for x in write_answers])}"
            )
            answer_floor_rate, answer_floor_answers = replayed_rate(figures["answer floor burst"][0], floors["answer floor"])
            driver = "a plain sqlite3 connection" if args.raw_answer_floor else "SQLAlchemy"
            print(
                f"  answer floor:    the floor plus one read (owner, state, key), one INSERT and COMMIT per answer "
                f"through {driver}: {answer_floor_rate:.0f} req/s, {answer_floor_rate / floor_rate:.2f} x the floor; "
                f"answering reaches {rate / answer_floor_rate:.2f} x it; {lat([x.seconds for x in answer_floor_answers])}"
            )
        bare_cpu = figures[f"bare {phase}"]
        print(
            f"  CPU: server {server_cpu:.1f} s ({server_cpu / wall / cores:.0%} of {cores} cores), "
            f"client {client_cpu:.1f} s ({client_cpu / wall:.0%} of one core); "
            f"ceiling run: server {bare_cpu[2]:.1f} s, client {bare_cpu[1]:.1f} s ({bare_cpu[1] / bare_cpu[0]:.0%} of one core)"
        )
        spread = sorted(figures[f"{phase} workers"])
        print(f"  CPU per worker (balance): {' '.join(f'{x:.1f}' for x in spread)} s")
        p95 = pct([x.seconds for x in answers], 95)
        if phase == "journey" and args.think:
            hit = p95 < GOAL_P95_MS
            missed |= not hit
            goal_lines.append(
                f"  p95 answer-submit < {GOAL_P95_MS:.0f} ms (journey, think {args.think:g} s): {p95:.1f} ms  {'met' if hit else 'MISSED'}"
            )
        if phase == "burst":
            hit = rate / floor_rate >= GOAL_FLOOR_RATIO
            missed |= not hit
            goal_lines.append(
                f"  answer-submit throughput >= {GOAL_FLOOR_RATIO} x the floor: {rate / floor_rate:.2f}  {'met' if hit else 'MISSED'}"
            )
            hit = rate / answer_floor_rate >= GOAL_ANSWER_FLOOR_RATIO
            missed |= not hit
            goal_lines.append(
                f"  answer-submit throughput >= {GOAL_ANSWER_FLOOR_RATIO} x the answer floor ({driver}): "
                f"{rate / answer_floor_rate:.2f}  {'met' if hit else 'MISSED'}"
            )
    counters = dict(bench.counters)
    print()
    print(f"client: {counters.get('double clicks', 0)} double clicks, {counters.get('reconnects', 0)} reconnects after keep-alive timeouts")
    scores = sum(s.scores_ok for s in students)
    print(f"review pages showing the expected score: {scores} of {sum(len(s.attempts) for s in students)}; feedback verdicts not as expected: {sum(s.verdict_mismatches for s in students)}")
    failures = [f"{s.name}: {s.error}" for s in students if s.error]
    failures += [f"ceiling client {i}: {r.error}" for i, r in enumerate(replayers) if r.error]
    failures += [f"{name} client {i}: {r.error}" for name, actors in floors.items() for i, r in enumerate(actors) if r.error]
    if failures:
        print(f"FAILED CLIENTS ({len(failures)}):")
        for line in failures[:10]:
            print(f"  {line}")
    print()
    print("database check")
    for line in integrity:
        print(f"  {line}")
    print()
    print(f"goals ({args.students} students, {cores} cores)")
    for line in goal_lines:
        print(line)
    print(f"  no lost, doubled or late answers, every score the score of its answers: {'met' if ok else 'MISSED'}")
    return missed


if __name__ == "__main__":
    sys.exit(main())
