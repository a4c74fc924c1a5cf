"""Flag-submit burst against an already-running CTFd, for comparison with bench/load.py's answer burst.

    python bench/ctfd_submit.py --creds CREDS.json [--url http://127.0.0.1:PORT] [--db CTFd.sqlite]
                                [--bursts 3] [--per-burst 14] [--server-pid GUNICORN_MASTER_PID]

A client only: it does not install, build or start CTFd. Run CTFd (https://github.com/CTFd/CTFd)
under gunicorn with the same settings as quizapp, from CTFd's checkout, e.g.

    gunicorn -c /work/main/quizapp/gunicorn_conf.py --bind 127.0.0.1:PORT 'CTFd:create_app()'

and prepare it through CTFd's own set-up flow and API (admin, user accounts, visible
challenges with one static flag each, users logged in). ``--creds`` is the JSON file that
preparation writes (the set-up script is kept outside this repository):

    {"url": "http://127.0.0.1:PORT",
     "users":      [{"name": ..., "cookies": {"session": ...}, "nonce": ...}, ...],   # 64
     "challenges": [{"id": ..., "flag": ...}, ...]}                                  # >= bursts x per-burst

``cookies`` is a logged-in user's session cookie and ``nonce`` the CSRF nonce of that session
(``init.csrfNonce`` in any CTFd page): the way CTFd's own pages submit a flag, i.e.
``POST /api/v1/challenges/attempt`` with the JSON ``{"challenge_id", "submission"}``, the
session cookie and a ``CSRF-Token`` header. Every submission must be a new solve (a real
write): the challenges in the file must be unsolved by these users, so a second run needs a
fresh set of challenges in the file.

What it does, with one HTTP/1.1 connection per user (http.client):

1. untimed, once: every user loads ``/api/v1/users/me`` (the session works; its user id);
2. the burst, ``--bursts`` times (3): every user lists ``/api/v1/challenges`` (untimed: the
   burst's challenges are visible and unsolved), then all users, released at the same
   instant, post ``--per-burst`` (14) correct flags back to back (burst b uses challenges
   14*b .. 14*b+13 of the file), then each user checks ``/api/v1/users/me/solves`` (untimed).
   The figures add up the bursts, as bench/load.py does (same clock, same percentiles).

It prints submissions, seconds, submissions/s, latency percentiles, status codes and CTFd's
verdicts, CPU (client; server too with ``--server-pid``, Linux /proc), and with ``--db`` (the
CTFd SQLite file, opened read-only) checks the database: one solve stored per acknowledged
correct submission, none lost, doubled or unexpected. Exit status 1 when that check or a
user fails, 2 when the duration cap is hit.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import load  # noqa: E402  (the same connection, clock and percentiles)
from bench.load import Abort, lat, pct, proc_children, proc_cpu, run_all  # noqa: E402

GOAL_P95_MS = 50.0  # bench/load.py's answer-submit goal, printed for comparison


@dataclass
class Sample:
    phase: str
    kind: str
    status: int
    seconds: float
    result: str  # CTFd's data.status ("correct", "already_solved", "ratelimited", ...) or "-"


class Connection(load.Connection):
    """bench/load.py's connection, sending JSON with CTFd's CSRF header (as CTFd's own pages do)."""

    def __init__(self, host: str, port: int, cookies: dict, nonce: str, bench: "Bench"):
        super().__init__(port, cookies, bench)
        self.host = host
        self.nonce = nonce

    def send(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict | None]:
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
            headers["CSRF-Token"] = self.nonce
        response, raw = self.exchange(method, path, data, headers)
        self.keep_cookies(response)
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = None
        return response.status, payload


class User:
    def __init__(self, index: int, spec: dict, bench: "Bench"):
        self.index = index
        self.name = spec["name"]
        self.bench = bench
        self.conn = Connection(bench.host, bench.port, dict(spec["cookies"]), spec["nonce"], bench)
        self.user_id: int | None = None
        self.samples: list[Sample] = []
        self.acked: set[int] = set()  # challenge ids answered "correct"
        self.solves_listed: set[int] = set()
        self.error: str | None = None

    def get(self, path: str) -> dict:
        status, payload = self.conn.send("GET", path)
        if status != 200 or not payload or not payload.get("success"):
            raise Abort(f"GET {path}: status {status}")
        return payload["data"]

    def prepare(self) -> None:
        me = self.get("/api/v1/users/me")
        if me.get("name") != self.name:
            raise Abort(f"session is {me.get('name')!r}, expected {self.name!r}")
        self.user_id = me["id"]

    def burst_prepare(self, burst: int) -> None:
        listed = {c["id"]: c for c in self.get("/api/v1/challenges")}
        for chal in self.bench.burst_challenges(burst):
            if chal["id"] not in listed:
                raise Abort(f"challenge {chal['id']} is not listed (not visible?)")
            if listed[chal["id"]].get("solved_by_me"):
                raise Abort(f"challenge {chal['id']} is already solved: prepare a fresh set of challenges")

    def burst(self, burst: int) -> None:
        for chal in self.bench.burst_challenges(burst):
            started = time.perf_counter()
            status, payload = self.conn.send(
                "POST", "/api/v1/challenges/attempt", {"challenge_id": chal["id"], "submission": chal["flag"]}
            )
            elapsed = time.perf_counter() - started
            result = "-"
            if isinstance(payload, dict) and isinstance(payload.get("data"), dict):
                result = str(payload["data"].get("status"))
            self.samples.append(Sample("burst", "submit", status, elapsed, result))
            if status == 200 and result == "correct":
                self.acked.add(chal["id"])

    def burst_finish(self, burst: int) -> None:
        self.solves_listed |= {s["challenge_id"] for s in self.get("/api/v1/users/me/solves")}


class Bench:
    def __init__(self, args, host: str, port: int, challenges: list[dict], deadline: float):
        self.host, self.port = host, port
        self.challenges = challenges
        self.per_burst = args.per_burst
        self.timeout = args.timeout
        self.deadline = deadline
        self.stop = threading.Event()  # what load.Connection checks before each request
        self.counters: dict[str, int] = defaultdict(int)

    def burst_challenges(self, burst: int) -> list[dict]:
        return self.challenges[burst * self.per_burst : (burst + 1) * self.per_burst]

    def count(self, name: str) -> None:
        self.counters[name] += 1  # only from the threads' retry path; a lost increment is harmless


def server_cpu(master: int | None) -> tuple[float, dict[int, float]]:
    if not master:
        return 0.0, {}
    workers = {pid: proc_cpu(pid) for pid in proc_children(master)}
    return proc_cpu(master) + sum(workers.values()), workers


def check_database(db_path: str, users: list[User], challenge_ids: list[int]) -> tuple[bool, list[str]]:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    marks = ",".join("?" * len(challenge_ids))
    ids = {u.user_id: u for u in users}
    rows = con.execute(
        f"SELECT s.user_id, s.challenge_id, sub.type FROM solves s JOIN submissions sub ON sub.id = s.id "
        f"WHERE s.challenge_id IN ({marks})",
        challenge_ids,
    ).fetchall()
    per_pair = Counter((user_id, chal) for user_id, chal, _ in rows)
    fails = con.execute(
        f"SELECT count(*) FROM submissions WHERE challenge_id IN ({marks}) AND type != 'correct'", challenge_ids
    ).fetchone()[0]
    correct_subs = con.execute(
        f"SELECT count(*) FROM submissions WHERE challenge_id IN ({marks}) AND type = 'correct'", challenge_ids
    ).fetchone()[0]
    con.close()
    acked = {(u.user_id, chal) for u in users for chal in u.acked}
    lost = sum(1 for pair in acked if pair not in per_pair)
    doubled = sum(n - 1 for n in per_pair.values())
    unexpected = sum(1 for pair in per_pair if pair not in acked)
    foreign = sum(1 for user_id, _ in per_pair if user_id not in ids)
    expected = len(users) * len(challenge_ids)
    ok = lost == doubled == unexpected == fails == 0 and len(rows) == len(acked) == correct_subs == expected
    lines = [
        f"correct submissions acknowledged (user x challenge): {len(acked)}  (expected {len(users)} users x {len(challenge_ids)} = {expected})",
        f"rows in solves for these challenges:                 {len(rows)}  (submissions of type correct: {correct_subs})",
        f"lost solves: {lost}, doubled solves: {doubled}, solves without an acknowledged submission: {unexpected} (of other users: {foreign})",
        f"other submissions (incorrect, ratelimited, ...) on these challenges: {fails}",
        f"integrity: {'OK' if ok else 'FAILED'}",
    ]
    return ok, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creds", required=True, help="JSON file of prepared users and challenges (see above)")
    parser.add_argument("--url", help="CTFd base URL (default: the file's url)")
    parser.add_argument("--db", help="CTFd's SQLite database file, for the database check")
    parser.add_argument("--users", type=int, help="use the first N users of the file (default: all)")
    parser.add_argument("--bursts", type=int, default=3)
    parser.add_argument("--per-burst", type=int, default=14, help="flags each user submits per burst")
    parser.add_argument("--server-pid", type=int, help="gunicorn master pid, for server CPU figures (Linux)")
    parser.add_argument("--timeout", type=float, default=30, help="per-request timeout, seconds")
    parser.add_argument("--duration-cap", type=float, default=300, help="hard limit for the whole run, seconds")
    args = parser.parse_args()

    creds = json.loads(Path(args.creds).read_text())
    url = urlsplit(args.url or creds["url"])
    if url.scheme != "http" or not url.hostname:
        parser.error("--url must be http://host:port")
    specs = creds["users"][: args.users] if args.users else creds["users"]
    needed = args.bursts * args.per_burst
    challenges = creds["challenges"][:needed]
    if len(challenges) < needed:
        parser.error(f"{args.bursts} bursts x {args.per_burst} need {needed} challenges, the file has {len(challenges)}")
    deadline = time.monotonic() + args.duration_cap
    bench = Bench(args, url.hostname, url.port or 80, challenges, deadline)
    users = [User(i, spec, bench) for i, spec in enumerate(specs)]
    status = 0
    try:
        run_all(users, "prepare", deadline)
        ready = [u for u in users if not u.error]
        burst_wall = burst_client = burst_server = 0.0
        burst_workers: dict[int, float] = defaultdict(float)
        per_burst_lines = []
        for b in range(args.bursts):
            run_all(ready, "burst_prepare", deadline, False, b)
            ready = [u for u in ready if not u.error]
            cpu0, per_worker = server_cpu(args.server_pid)
            before = sum(len(u.samples) for u in ready)
            # each burst lasts from the common start to the last user's last submission
            wall, client = run_all(ready, "burst", deadline, True, b)
            cpu1, workers = server_cpu(args.server_pid)
            burst_wall, burst_client, burst_server = burst_wall + wall, burst_client + client, burst_server + cpu1 - cpu0
            for pid, cpu in workers.items():
                burst_workers[pid] += cpu - per_worker.get(pid, 0.0)
            n = sum(len(u.samples) for u in ready) - before
            line = f"    burst {b + 1}: {n} in {wall:.2f} s = {n / wall:.0f}/s"
            if args.server_pid and n:
                line += f", server CPU {(cpu1 - cpu0) / n * 1000:.1f} ms per submission"
            per_burst_lines.append(line)
            run_all([u for u in ready if not u.error], "burst_finish", deadline, False, b)
        for u in users:
            u.conn.close()

        cores = os.cpu_count() or 1
        samples = [x for u in users for x in u.samples]
        times = [x.seconds for x in samples]
        codes = Counter(x.status for x in samples)
        results = Counter(x.result for x in samples)
        bad_status = sum(1 for x in samples if not 200 <= x.status < 400)
        unexpected = sum(1 for x in samples if x.status != 200 or x.result != "correct")
        print(
            f"CTFd at {url.geturl()}: {len(users)} users, {args.bursts} bursts x {args.per_burst} flags per user; "
            f"{cores} cores; client {Path(__file__).name}"
        )
        print()
        print(f"flag-submit burst, {args.bursts} times: every user posts {args.per_burst} correct flags back to back (new solves)")
        rate = len(samples) / burst_wall if burst_wall else float("nan")
        print(
            f"  requests:        {len(samples)} in {burst_wall:.2f} s = {rate:.0f} req/s   "
            f"errors: {bad_status} non-2xx/3xx, {unexpected} unexpected status"
        )
        print(f"  flag-submit:     {len(samples)} = {rate:.0f} submissions/s   {lat(times)}")
        for line in per_burst_lines:
            print(line)
        print(f"  status codes:    {'  '.join(f'{code}: {n}' for code, n in sorted(codes.items()))}")
        print(f"  CTFd verdicts:   {'  '.join(f'{r}: {n}' for r, n in results.most_common())}")
        if args.server_pid:
            print(
                f"  CPU: server {burst_server:.1f} s ({burst_server / burst_wall / cores:.0%} of {cores} cores), "
                f"client {burst_client:.1f} s ({burst_client / burst_wall:.0%} of one core)"
            )
            print(f"  CPU per worker (balance): {' '.join(f'{x:.1f}' for x in sorted(burst_workers.values()))} s")
        else:
            print(f"  CPU: client {burst_client:.1f} s ({burst_client / burst_wall:.0%} of one core); server: pass --server-pid")
        print()
        print(f"client: {bench.counters.get('reconnects', 0)} reconnects after keep-alive timeouts")
        listed = sum(len(u.acked & u.solves_listed) for u in users)
        print(f"acknowledged solves listed by /api/v1/users/me/solves: {listed} of {sum(len(u.acked) for u in users)}")
        failures = [f"{u.name}: {u.error}" for u in users if u.error]
        if failures:
            print(f"FAILED CLIENTS ({len(failures)}):")
            for line in failures[:10]:
                print(f"  {line}")
        ok = True
        if args.db:
            ok, lines = check_database(args.db, [u for u in users if u.user_id is not None], [c["id"] for c in challenges])
            print()
            print("database check")
            for line in lines:
                print(f"  {line}")
        p95 = pct(times, 95)
        print()
        print(f"p95 flag-submit: {p95:.1f} ms (quizapp's answer-submit goal: < {GOAL_P95_MS:.0f} ms)")
        status = 1 if (not ok or failures or unexpected) else 0
    except TimeoutError as error:
        print(f"ABORTED: {error} ({args.duration_cap:.0f} s)", file=sys.stderr)
        status = 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        status = 130
    return status


if __name__ == "__main__":
    sys.exit(main())
