"""Consistent copies of the database while the app keeps running."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL


class BackupError(RuntimeError):
    """The backup could not be made; the message says why."""


def backup_database(url: URL, target: str | Path) -> Path:
    """Copy the database at ``url`` to ``target`` (written atomically: a file appears only when complete).

    SQLite uses its online backup API, which copies a consistent snapshot while other
    connections keep reading and writing. PostgreSQL uses ``pg_dump`` (custom format),
    which reads one consistent snapshot too.
    """
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if url.get_backend_name() == "sqlite":
        _backup_sqlite(url.database, partial)
    elif url.get_backend_name() == "postgresql":
        _backup_postgres(url, partial)
    else:
        raise BackupError(f"Backups of {url.get_backend_name()} databases are not supported.")
    os.replace(partial, target)
    return target


def _backup_sqlite(database: str | None, partial: Path) -> None:
    if not database or not Path(database).exists():
        raise BackupError(f"There is no SQLite database at {database!r}.")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        with copy:
            source.backup(copy, pages=1024)
        copy.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
        result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"The copy failed its integrity check: {result}")
    finally:
        copy.close()
        source.close()


def _backup_postgres(url: URL, partial: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError("pg_dump was not found; install the PostgreSQL client tools.")
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = url.password
    command = [pg_dump, "--format=custom", "--no-owner", f"--file={partial}", f"--dbname={url.database}"]
    if url.host:
        command.append(f"--host={url.host}")
    if url.port:
        command.append(f"--port={url.port}")
    if url.username:
        command.append(f"--username={url.username}")
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
