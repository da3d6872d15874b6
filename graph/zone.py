"""The one time zone every stored datetime is in (LIANXIN_TIME_ZONE), and moving data into it."""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

from neo4j import AsyncSession

from graph.cypher.zone import MOVE_NODES, MOVE_RELATIONSHIPS, MOVED_TO, RECORD_ZONE
from settings import Settings

MOVE_BATCH = 10_000


@cache
def zone() -> ZoneInfo:
    """The configured zone, read once per process."""
    return ZoneInfo(Settings().time_zone)


def local(value: dt.datetime) -> dt.datetime:
    """The same instant at the zone's offset then: how Lianxin stores and compares datetimes."""
    if value.tzinfo is None:
        raise ValueError("a datetime to store needs a UTC offset")
    shifted = value.astimezone(zone())
    # A fixed offset, not the zone's name: the driver sends a named zone as such, and Neo4j
    # would not find it equal to the same instant stored at an offset.
    offset = shifted.utcoffset()
    assert offset is not None
    return shifted.replace(tzinfo=dt.timezone(offset))


def stamp(value: dt.datetime) -> str:
    """`local(value)` as ISO 8601 text, for statements that parse it with datetime()."""
    return local(value).isoformat()


async def move_into_zone(session: AsyncSession, name: str) -> int:
    """Rewrite every datetime not at `name`'s offset, once per zone; nodes and links moved."""
    record = await (await session.run(MOVED_TO)).single(strict=True)
    if record["zone"] == name:
        return 0
    moved = 0
    for statement in (MOVE_NODES, MOVE_RELATIONSHIPS):
        result = await session.run(statement, zone=name, batch=MOVE_BATCH)
        moved += (await result.single(strict=True))["moved"]
    await (await session.run(RECORD_ZONE, zone=name)).consume()
    return moved
