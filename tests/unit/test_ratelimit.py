"""The public endpoints' sliding windows: a limit per key, freed as hits age out."""

from __future__ import annotations

import pytest

from web import ratelimit
from web.ratelimit import SlidingWindow


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_gets_its_limit_then_waits_for_its_oldest_hit_to_age_out() -> None:
    clock = Clock()
    window = SlidingWindow(2, 60, clock)
    assert window.wait("a") is None
    clock.now += 10
    assert window.wait("a") is None
    assert window.wait("a") == 50
    # Another key has its own count.
    assert window.wait("b") is None
    clock.now += 50
    assert window.wait("a") is None
    assert window.wait("a") == 10


def test_a_limit_below_one_lets_everything_through() -> None:
    window = SlidingWindow(0, 60, Clock())
    assert all(window.wait("a") is None for _ in range(100))


def test_memory_stays_bounded_by_forgetting_idle_keys_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ratelimit, "MAX_KEYS", 4)
    clock = Clock()
    window = SlidingWindow(1, 60, clock)
    for key in "abcd":
        window.wait(key)
    assert window.wait("a") is not None
    clock.now += 61
    # A fifth key forgets the four idle ones, so "a" starts afresh.
    window.wait("e")
    assert window.wait("a") is None
    for key in "fghijk":
        window.wait(key)
        assert len(window._hits) <= 4


def test_a_full_window_is_told_without_counting() -> None:
    clock = Clock()
    window = SlidingWindow(1, 3600, clock)
    assert window.full("link") is None
    assert window.full("link") is None
    window.count("link")
    clock.now += 600
    assert window.full("link") == 3000
