"""Database setup that is not a model: SQLite pragmas, retried writes, schema upgrades, first-start content."""

from __future__ import annotations

import fcntl
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import flask_migrate
from flask import Flask
from sqlalchemy import Connection, Engine, Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, scoped_session

from .extensions import db

MIGRATIONS_DIR = str(Path(__file__).resolve().parent / "migrations")
# Writes that meet a database still busy after its timeout are retried this many times in all.
WRITE_RETRIES = 3
# The wait after the first failed try; it doubles after each one.
RETRY_DELAY = 0.05

T = TypeVar("T")


def is_transient(error: OperationalError) -> bool:
    """A write that may succeed if tried again: SQLite busy/locked, PostgreSQL deadlock or serialization."""
    message = str(error.orig).lower()
    return any(sign in message for sign in ("database is locked", "database is busy", "deadlock", "could not serialize"))


def commit_with_retry(session: Session | scoped_session | Connection, unit: Callable[[], T]) -> T:
    """Run ``unit`` (which changes ``session``, an ORM session or a plain connection), commit, and
    return what ``unit`` returned.

    A transient OperationalError (see ``is_transient``) rolls back, waits a little and runs
    ``unit`` again, WRITE_RETRIES times in all, then is raised. The rollback discards what ``unit``
    did, so it must be re-runnable: create its new objects inside it (an object added in a failed
    try keeps the id it was given). Any other error is rolled back and raised at once.
    """
    attempt = 1
    while True:
        try:
            result = unit()
            session.commit()
        except OperationalError as error:
            session.rollback()
            if attempt >= WRITE_RETRIES or not is_transient(error):
                raise
        except BaseException:
            session.rollback()
            raise
        else:
            return result
        time.sleep(RETRY_DELAY * 2 ** (attempt - 1))
        attempt += 1


def page_of(statement, page: int | None, per_page: int):
    """One page of ``statement``'s rows (a Flask-SQLAlchemy ``Pagination``). ``page`` None reads it
    from the request's ``?page=``; a page past the end is empty, not an error; ``per_page`` is fixed."""
    return db.paginate(statement, page=page, per_page=per_page, max_per_page=per_page, error_out=False)


def dialect_insert(bind, table: Table):
    """An INSERT with ``on_conflict_do_nothing``/``_do_update`` for the database behind ``bind``
    (an engine, connection or session): SQLite and PostgreSQL spell the upsert the same way."""
    dialect = bind.get_bind().dialect.name if hasattr(bind, "get_bind") else bind.dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record) -> None:  # noqa: ARG001 (SQLAlchemy's signature)
    """WAL lets readers work while one writer commits; foreign keys are off in SQLite unless asked for.

    Every write by another worker empties this connection's page cache; memory-mapped reads make
    reading those pages again cheap.
    """
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA mmap_size = 268435456")
    cursor.close()


@contextmanager
def setup_lock(app: Flask) -> Iterator[None]:
    """Several workers may start at once; only one at a time upgrades the schema and imports."""
    lock_path = Path(app.instance_path) / "setup.lock"
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def upgrade_schema() -> None:
    """Bring the database to the newest migration (creates it when empty). Needs an app context."""
    flask_migrate.upgrade(directory=MIGRATIONS_DIR)
