"""The configured zone: the clock tells time in it, and a zone that does not exist is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from graph.zone import local, stamp
from resolvers.clock import local_now
from settings import Settings

BEIJING = dt.timedelta(hours=8)


def test_the_default_zone_is_the_centers_own() -> None:
    assert Settings().time_zone == "Asia/Shanghai"
    assert local_now().utcoffset() == BEIJING


def test_an_instant_keeps_its_instant_at_the_zones_offset() -> None:
    instant = dt.datetime(2026, 1, 31, 20, 0, tzinfo=dt.UTC)
    assert local(instant) == instant
    assert local(instant).utcoffset() == BEIJING
    assert stamp(instant) == "2026-02-01T04:00:00+08:00"


def test_a_datetime_without_an_offset_is_not_guessed() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        local(dt.datetime(2026, 2, 1, 4, 0))


def test_an_unknown_zone_is_refused_with_an_example() -> None:
    with pytest.raises(ValidationError, match="Asia/Shanghai"):
        Settings(time_zone="Mars/Olympus")
