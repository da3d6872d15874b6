"""The clock: now, in the configured zone, for services that are not handed one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from graph.zone import local

# What every service that tells the time takes, so that tests can set it.
Clock = Callable[[], dt.datetime]


def local_now() -> dt.datetime:
    """The current time at the configured zone's offset, as datetimes are stored."""
    return local(dt.datetime.now(dt.UTC))


def utc_now() -> dt.datetime:
    """The current time, timezone-aware in UTC (for epoch-second stamps such as tokens)."""
    return dt.datetime.now(dt.UTC)
