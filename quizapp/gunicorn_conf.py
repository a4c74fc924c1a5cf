"""Gunicorn settings for quizapp, shared by production and by ``bench/load.py``.

    gunicorn -c quizapp/gunicorn_conf.py 'quizapp:create_app()'

Command-line flags win over this file (``--bind``, ``--workers``, ``--threads``, ``-k``), which is
how the benchmark tries other settings; its ceiling app (``bench/bare_app.py``) is served with
this same file, so the two are compared on equal terms.

Why sync workers, 2 x cores + 1 of them: a quizapp request is CPU work in Python (a few ms) plus
a short wait on SQLite, which has one writer at a time. Processes, not threads, use both cores
(the GIL); a thread that holds SQLite's write lock while waiting for the GIL makes every other
writer sleep in SQLite's busy handler. Sync workers also take each request from the shared
accept queue, so the load spreads evenly; ``gthread`` keeps a keep-alive connection on the
worker that accepted it, and under ``bench/load.py`` left one worker busy and another idle.
Sync workers close the connection after each response and must not face slow clients
directly: run them behind a buffering reverse proxy (nginx), as gunicorn's docs advise.
Do not add ``preload_app``: each worker must open its own database connections.
"""

from __future__ import annotations

import os

_cores = os.cpu_count() or 1

bind = "127.0.0.1:8000"  # behind a reverse proxy; override with --bind
worker_class = "sync"
workers = 2 * _cores + 1
threads = 1
keepalive = 5  # seconds an idle connection is kept open (gthread only; sync closes at once)
timeout = 30  # a worker silent this long is killed and replaced
graceful_timeout = 10
