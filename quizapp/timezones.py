"""School time: moments are stored as naive UTC, and shown and entered in the school's time zone.

The zone is the ``TIMEZONE`` setting (an IANA name such as ``Europe/Berlin``; ``UTC`` by default),
one per installation: a school's teachers and students share their clock.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app


def zone_named(name: str) -> ZoneInfo:
    """The zone for an IANA name; ValueError with a readable message for anything else."""
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"TIMEZONE {name!r} is not a time zone name such as 'UTC' or 'Europe/Berlin'.") from error


def school_zone() -> ZoneInfo:
    return zone_named(current_app.config["TIMEZONE"])


def to_local(moment: datetime, zone: ZoneInfo) -> datetime:
    """A stored (naive UTC) moment as an aware time in ``zone``."""
    return moment.replace(tzinfo=UTC).astimezone(zone)


def from_local(local: datetime, zone: ZoneInfo) -> datetime:
    """A wall-clock time typed in ``zone`` as the naive UTC the database stores."""
    return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def school_time(moment: datetime, fmt: str = "%d %b %Y %H:%M %Z") -> str:
    """A stored moment as the school reads it: '25 Nov 2026 22:13 CET'."""
    return to_local(moment, school_zone()).strftime(fmt)
