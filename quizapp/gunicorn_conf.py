"""Gunicorn settings for quizapp, shared by production and by ``bench/load.py``.

    gunicorn -c quizapp/gunicorn_conf.py 'quizapp:create_app()'

Command-line flags win over this file (``--bind``, ``--workers``, ``--threads``, ``-k``), which is
how the benchmark tries other settings; its ceiling app (``bench/bare_app.py``) is served with
this same file, so the two are compared on equal terms.

Why threads: quizapp's requests are short and partly spent waiting on SQLite, so ``gthread``
workers (one per core, several threads each) keep both cores busy and hold the browsers'
keep-alive connections, where ``sync`` workers close every connection after one request.
The database is SQLite in WAL mode: many readers, one writer at a time, whatever the worker
count. Do not add ``preload_app``: each worker must open its own database connections.
"""

from __future__ import annotations

import os

_cores = os.cpu_count() or 1

bind = "127.0.0.1:8000"  # behind a reverse proxy; override with --bind
worker_class = "gthread"
workers = _cores
threads = 8
keepalive = 5  # seconds a browser's idle connection is kept open
timeout = 30  # a worker silent this long is killed and replaced
graceful_timeout = 10
