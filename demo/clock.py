"""Beijing-time timestamps, the only time zone of the demo."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

TZ = timezone(timedelta(hours=8))


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A Beijing-time timestamp."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def on(day: date, hour: int, minute: int = 0) -> datetime:
    """A Beijing-time timestamp on a given day."""
    return at(day.year, day.month, day.day, hour) + timedelta(minutes=minute)
