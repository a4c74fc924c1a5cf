"""One plain ``sqlite3`` connection per worker process, with quizapp's pragmas (WAL, synchronous
NORMAL, busy timeout), for the bench references that write without SQLAlchemy."""

from __future__ import annotations

import sqlite3

_connections: dict[str, sqlite3.Connection] = {}


def raw_connection(database: str, create_table: str | None = None) -> sqlite3.Connection:
    """The worker's connection to ``database``, opened on first use (then ``create_table`` runs, if given)."""
    connection = _connections.get(database)
    if connection is None:
        connection = sqlite3.connect(database, isolation_level=None, timeout=10)
        for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "busy_timeout = 10000"):
            connection.execute(f"PRAGMA {pragma}")
        if create_table:
            connection.execute(create_table)
        _connections[database] = connection
    return connection
