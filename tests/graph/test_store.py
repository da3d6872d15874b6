"""The store's contract, against the real Neo4j."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.errors import MissingEndpoints, StoreConflict, StoreError
from graph.model import Label, Rel
from graph.store import Neo4jStore

ORGS = [
    {"key": "org/a", "name": "甲公司", "kind": "SERVICE_COMPANY"},
    {"key": "org/b", "name": "乙公司", "kind": "SERVICE_COMPANY"},
]


async def test_upsert_nodes_twice_changes_nothing(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, ORGS)
    await store.upsert_nodes(Label.ORGANIZATION, ORGS)
    counts = await store.count_by_label()
    assert counts["Organization"] == 2


async def test_upsert_nodes_updates_properties_in_place(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, ORGS)
    await store.upsert_nodes(Label.ORGANIZATION, [{"key": "org/a", "name": "甲公司（新）"}])
    [node] = await store.get_nodes(Label.ORGANIZATION, ["org/a"])
    assert node is not None
    assert node["name"] == "甲公司（新）"
    assert node["kind"] == "SERVICE_COMPANY"


async def test_get_nodes_is_aligned_with_keys_and_reports_missing_as_none(
    store: Neo4jStore,
) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, ORGS)
    nodes = await store.get_nodes(Label.ORGANIZATION, ["org/b", "org/missing", "org/a", "org/b"])
    assert [n["key"] if n else None for n in nodes] == ["org/b", None, "org/a", "org/b"]
    assert await store.get_nodes(Label.ORGANIZATION, []) == []


async def test_get_nodes_is_one_round_trip(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, ORGS)
    before = store.round_trips
    await store.get_nodes(Label.ORGANIZATION, ["org/a", "org/b", "org/c"])
    assert store.round_trips - before == 1


async def test_communities_are_areas_too(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.COMMUNITY, [{"key": "area/ruijing", "name": "瑞景社区"}])
    [area] = await store.get_nodes(Label.AREA, ["area/ruijing"])
    assert area is not None
    assert set(area["_labels"]) == {"Area", "Community"}


async def test_native_temporal_values_round_trip(store: Neo4jStore) -> None:
    reported = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    await store.upsert_nodes(
        Label.ISSUE, [{"key": "issue/1", "reportedAt": reported, "due": dt.date(2024, 3, 8)}]
    )
    [issue] = await store.get_nodes(Label.ISSUE, ["issue/1"])
    assert issue is not None
    assert issue["reportedAt"] == reported
    assert issue["due"] == dt.date(2024, 3, 8)


async def test_neighbors_follow_direction_and_align_with_keys(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, [*ORGS, {"key": "org/center", "name": "中心"}])
    rows = [
        {"start": "org/a", "end": "org/center", "props": {"since": 2023}},
        {"start": "org/b", "end": "org/center", "props": {}},
    ]
    await store.upsert_relationships(Rel.PART_OF, Label.ORGANIZATION, Label.ORGANIZATION, rows)
    out = await store.neighbors(Label.ORGANIZATION, ["org/a", "org/center"], Rel.PART_OF, "OUT")
    assert [[n["key"] for n in group] for group in out] == [["org/center"], []]
    assert out[0][0]["_rel"] == {"since": 2023}
    inbound = await store.neighbors(Label.ORGANIZATION, ["org/center"], Rel.PART_OF, "IN")
    assert [n["key"] for n in inbound[0]] == ["org/a", "org/b"]
    both = await store.neighbors(Label.ORGANIZATION, ["org/a"], Rel.PART_OF, "BOTH")
    assert [n["key"] for n in both[0]] == ["org/center"]


async def test_upsert_relationships_twice_changes_nothing(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, ORGS)
    rows = [{"start": "org/a", "end": "org/b", "props": {"weight": 1}}]
    for _ in range(2):
        await store.upsert_relationships(Rel.PART_OF, Label.ORGANIZATION, Label.ORGANIZATION, rows)
    assert (await store.count_by_relationship())["PART_OF"] == 1


async def test_missing_endpoint_rolls_back_every_row(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, ORGS)
    rows = [
        {"start": "org/a", "end": "org/b"},
        {"start": "org/a", "end": "org/nowhere"},
    ]
    with pytest.raises(MissingEndpoints, match="1 of 2 PART_OF rows"):
        await store.upsert_relationships(Rel.PART_OF, Label.ORGANIZATION, Label.ORGANIZATION, rows)
    assert (await store.count_by_relationship())["PART_OF"] == 0


async def test_failed_write_leaves_nothing_written(store: Neo4jStore) -> None:
    # The second batch fails after the first one ran; the transaction must take both back.
    rows = [{"key": f"org/{i}", "name": str(i)} for i in range(7000)]
    rows.append({"key": "org/bad", "name": {"nested": "maps are not properties"}})
    with pytest.raises(StoreError):
        await store.upsert_nodes(Label.ORGANIZATION, rows)
    assert (await store.count_by_label())["Organization"] == 0


async def test_row_without_key_is_refused_before_writing(store: Neo4jStore) -> None:
    with pytest.raises(StoreError, match="row 1 has no string 'key'"):
        await store.upsert_nodes(Label.ORGANIZATION, [ORGS[0], {"name": "无名"}])
    assert (await store.count_by_label())["Organization"] == 0


async def test_constraint_violation_is_a_clear_conflict(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, ORGS)

    async def rename_b_to_a(tx: object) -> None:
        await tx.run("MATCH (n:Organization {key: 'org/b'}) SET n.key = 'org/a'")  # type: ignore[attr-defined]

    with pytest.raises(StoreConflict, match="org/a"):
        await store.write(rename_b_to_a)
    keys = [n["key"] for n in await store.get_nodes(Label.ORGANIZATION, ["org/a", "org/b"]) if n]
    assert keys == ["org/a", "org/b"]


async def test_ensure_schema_is_idempotent(store: Neo4jStore) -> None:
    first = await store.schema_names()
    await store.ensure_schema()
    await store.ensure_schema()
    assert await store.schema_names() == first
    assert {"organization_key", "community_key", "issue_state"} <= first


async def test_temporal_kinds_may_differ_from_batch_to_batch(store: Neo4jStore) -> None:
    # Each batch names only the temporal kinds its rows hold; every kind must still land.
    rows: list[dict[str, object]] = [{"key": f"issue/{i}", "title": str(i)} for i in range(5000)]
    rows[10]["seenAt"] = dt.datetime(2024, 3, 1, 9, 30)
    rows.append({"key": "issue/due", "due": dt.date(2024, 3, 8)})
    await store.upsert_nodes(Label.ISSUE, rows)
    [plain, local, due] = await store.get_nodes(Label.ISSUE, ["issue/0", "issue/10", "issue/due"])
    assert plain is not None and "seenAt" not in plain
    assert local is not None and local["seenAt"] == dt.datetime(2024, 3, 1, 9, 30)
    assert due is not None and due["due"] == dt.date(2024, 3, 8)


async def test_create_nodes_writes_new_nodes_with_their_temporals(store: Neo4jStore) -> None:
    reported = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    await store.create_nodes(Label.ISSUE, [{"key": "issue/1", "reportedAt": reported}])
    await store.create_nodes(Label.COMMUNITY, [{"key": "community/a", "name": "甲小区"}])
    [issue] = await store.get_nodes(Label.ISSUE, ["issue/1"])
    [area] = await store.get_nodes(Label.AREA, ["community/a"])
    assert issue is not None and issue["reportedAt"] == reported
    assert area is not None and set(area["_labels"]) == {"Area", "Community"}


async def test_create_nodes_refuses_an_existing_key_and_writes_nothing(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, ORGS[:1])
    with pytest.raises(StoreConflict, match="org/a"):
        await store.create_nodes(Label.ORGANIZATION, [ORGS[1], ORGS[0]])
    assert (await store.count_by_label())["Organization"] == 1


async def test_create_relationships_writes_one_per_row(store: Neo4jStore) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, [*ORGS, {"key": "org/center", "name": "中心"}])
    since = dt.datetime(2023, 5, 1, 8, 0, tzinfo=dt.UTC)
    rows = [
        {"start": "org/a", "end": "org/center", "props": {"since": since}},
        {"start": "org/b", "end": "org/center"},
    ]
    written = await store.create_relationships(
        Rel.PART_OF, Label.ORGANIZATION, Label.ORGANIZATION, rows
    )
    assert written == 2
    [[center]] = await store.neighbors(Label.ORGANIZATION, ["org/a"], Rel.PART_OF, "OUT")
    assert center["_rel"] == {"since": since}


async def test_create_relationships_with_a_missing_endpoint_writes_nothing(
    store: Neo4jStore,
) -> None:
    await store.upsert_nodes(Label.ORGANIZATION, ORGS)
    rows = [{"start": "org/a", "end": "org/b"}, {"start": "org/nowhere", "end": "org/b"}]
    with pytest.raises(MissingEndpoints, match="1 of 2 PART_OF rows"):
        await store.create_relationships(Rel.PART_OF, Label.ORGANIZATION, Label.ORGANIZATION, rows)
    assert (await store.count_by_relationship())["PART_OF"] == 0
