"""Flask-Limiter counters kept in the app's own database (``RATELIMIT_STORAGE_URI = "database://"``).

Flask-Limiter's default ``memory://`` storage counts per process: with five gunicorn workers,
"10 per minute" let some fifty guesses through. Counting in the database that every worker,
and every server of a PostgreSQL deployment, already shares makes the limit hold as configured
without another service to run. Each count is one atomic upsert in a transaction of its own,
committed at once (a refused login commits nothing else). Redis or memcached remain a choice
through the same setting.

Only the fixed-window strategy is supported (Flask-Limiter's default).
"""

from __future__ import annotations

import time

from limits.storage import Storage
from sqlalchemy import case, delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from .database import dialect_insert
from .extensions import db
from .models import RateLimitCounter

_counters = RateLimitCounter.__table__


class DatabaseStorage(Storage):
    """A ``limits`` storage on the current app's SQLAlchemy engine (so it needs an app context,
    which every request has)."""

    STORAGE_SCHEME = ["database"]

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count ``amount`` more for ``key``; a window that has run out starts again."""
        now = time.time()
        expired = _counters.c.expires_at <= now
        upsert = dialect_insert(db.engine, _counters).values(key=key, count=amount, expires_at=now + expiry)
        upsert = upsert.on_conflict_do_update(
            index_elements=[_counters.c.key],
            set_={
                "count": case((expired, amount), else_=_counters.c.count + amount),
                "expires_at": case((expired, now + expiry), else_=_counters.c.expires_at),
            },
        ).returning(_counters.c.count)
        with db.engine.begin() as connection:
            count = connection.execute(upsert).scalar_one()
            # Windows long over are of no use to anyone: sweep them with the write already under way.
            connection.execute(delete(_counters).where(_counters.c.expires_at < now - 3600))
        return count

    def get(self, key: str) -> int:
        with db.engine.connect() as connection:
            count = connection.execute(
                select(_counters.c.count).where(_counters.c.key == key, _counters.c.expires_at > time.time())
            ).scalar()
        return count or 0

    def get_expiry(self, key: str) -> float:
        with db.engine.connect() as connection:
            expires_at = connection.execute(select(_counters.c.expires_at).where(_counters.c.key == key)).scalar()
        return max(expires_at or 0.0, time.time())

    def check(self) -> bool:
        try:
            with db.engine.connect() as connection:
                connection.execute(select(func.count()).select_from(_counters))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with db.engine.begin() as connection:
            return connection.execute(delete(_counters)).rowcount

    def clear(self, key: str) -> None:
        with db.engine.begin() as connection:
            connection.execute(delete(_counters).where(_counters.c.key == key))
