"""Bringing a database's datetimes into the configured zone at start-up, once and idempotently."""

from __future__ import annotations

import datetime as dt

from graph.records import native
from graph.store import Neo4jStore
from graph.zone import move_into_zone

# What an older Lianxin left behind: issues and events at +00:00 beside ledger rows at +08:00,
# a datetime on a relationship, and temporal values that have no zone.
OLD_DATA = """
CREATE (a:Issue {key: 'issue/api', reportedAt: datetime('2026-01-31T20:00:00Z'),
                 respondedAt: datetime('2026-02-01T01:30:00.123456Z')})
CREATE (b:Issue {key: 'issue/ledger', reportedAt: datetime('2026-02-01T04:00:00+08:00'),
                 reportedOn: date('2026-02-01'), heldAt: localdatetime('2026-02-01T09:00:00')})
CREATE (e:IssueEvent {key: 'event/1', seq: 1, at: datetime('2026-01-31T20:00:00Z')})
CREATE (a)-[:HAS_EVENT]->(e)
CREATE (o:Organization {key: 'org/a'})
CREATE (a)-[:ASSIGNED_TO {role: 'LEAD', assignedAt: datetime('2026-01-31T21:00:00-05:00')}]->(o)
"""

READ = """
MATCH (n) WHERE n.key IS NOT NULL
UNWIND keys(n) AS name
WITH n.key + '.' + name AS name, n[name] AS value
RETURN name, value
UNION
MATCH ()-[r]->() UNWIND keys(r) AS name
RETURN type(r) + '.' + name AS name, r[name] AS value
"""


async def _values(store: Neo4jStore) -> dict[str, object]:
    return {row["name"]: native(row["value"]) for row in await store.query(READ)}


def _written(values: dict[str, object]) -> dict[str, str]:
    # As written, offsets included: equal datetimes at other offsets compare equal in Python.
    return {name: repr(value) for name, value in values.items()}


async def test_datetimes_move_to_the_zone_keeping_their_instants_and_nothing_else(
    store: Neo4jStore,
) -> None:
    await store.clear()
    await store.execute(OLD_DATA)
    before = await _values(store)

    await store.ensure_schema()
    after = await _values(store)

    assert set(after) == set(before)
    for name, value in after.items():
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            assert value.utcoffset() == dt.timedelta(hours=8), name
            assert value == before[name], name
        else:
            assert value == before[name], name
    assert str(after["issue/api.reportedAt"]) == "2026-02-01 04:00:00+08:00"
    assert str(after["ASSIGNED_TO.assignedAt"]) == "2026-02-01 10:00:00+08:00"


async def test_moving_twice_changes_nothing_and_costs_nothing_when_done(
    store: Neo4jStore,
) -> None:
    await store.clear()
    await store.execute(OLD_DATA)
    await store.ensure_schema()
    moved = _written(await _values(store))

    await store.ensure_schema()
    assert _written(await _values(store)) == moved
    async with store.driver.session(database=store.database) as session:
        # The zone was recorded: nothing is read again.
        assert await move_into_zone(session, "Asia/Shanghai") == 0
    # Even without the record, a second pass finds nothing to rewrite.
    await store.execute("MATCH (m:StoreZone) DELETE m")
    async with store.driver.session(database=store.database) as session:
        assert await move_into_zone(session, "Asia/Shanghai") == 0
    assert _written(await _values(store)) == moved
