"""The clock: now, in UTC, for services that are not handed one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

# What every service that tells the time takes, so that tests can set it.
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)
