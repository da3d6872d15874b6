"""In-memory sliding-window rate limits for the public endpoints; each process counts its own."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from resolvers.errors import ApiError

# Past this many tracked clients, those idle for a whole window are forgotten first.
MAX_KEYS = 10_000


class RateLimited(ApiError):
    """Too many requests from one client or for one link; retry after `retry_after` seconds."""

    code = "LIMIT_EXCEEDED"

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message, retryAfter=max(1, round(retry_after + 0.5)))
        self.retry_after = int(self.details["retryAfter"])


class SlidingWindow:
    """At most `limit` hits per key in any `seconds`; a limit below 1 lets everything through."""

    def __init__(
        self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.seconds = seconds
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}

    def wait(self, key: str) -> float | None:
        """Count a hit for `key` and None, or, over the limit, how long until one is allowed."""
        waiting = self.full(key)
        if waiting is None:
            self.count(key)
        return waiting

    def full(self, key: str) -> float | None:
        """None if `key` may have another hit now, else how long until it may; counts nothing."""
        if self.limit < 1:
            return None
        now = self.clock()
        hits = self._hits.get(key)
        if hits is None:
            return None
        while hits and hits[0] <= now - self.seconds:
            hits.popleft()
        return hits[0] + self.seconds - now if len(hits) >= self.limit else None

    def count(self, key: str) -> None:
        """Count a hit for `key`, allowed or not."""
        if self.limit < 1:
            return
        now = self.clock()
        hits = self._hits.get(key)
        if hits is None:
            self._forget_idle(now)
            hits = self._hits[key] = deque()
        hits.append(now)

    def _forget_idle(self, now: float) -> None:
        if len(self._hits) < MAX_KEYS:
            return
        cutoff = now - self.seconds
        for key in [key for key, hits in self._hits.items() if not hits or hits[-1] <= cutoff]:
            del self._hits[key]
        # Still full of active clients: the oldest half goes, so memory stays bounded.
        if len(self._hits) >= MAX_KEYS:
            for key in list(self._hits)[: MAX_KEYS // 2]:
                del self._hits[key]
