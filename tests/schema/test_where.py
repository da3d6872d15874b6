"""`where` on connections over the demo graph, each answer checked against its own Cypher."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.graphql import Json, client_for, key_of, post, run

ISSUES = """
query($where: IssueWhere, $after: String) {
  issues(first: 100, after: $after, where: $where) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id }
  }
}
"""
PEOPLE = """
query($where: PersonWhere) { people(first: 100, where: $where) { totalCount nodes { id name } } }
"""
ORGANIZATIONS = """
query($where: OrganizationWhere) { organizations(first: 100, where: $where) { nodes { id } } }
"""


@pytest.fixture(scope="module")
def admin(demo: Neo4jStore, demo_settings: Settings) -> Iterator[TestClient]:
    """An admin over the demo graph."""
    with client_for(demo_settings) as client:
        yield client


def _issue_keys(client: TestClient, where: Json) -> set[str]:
    keys: set[str] = set()
    after = None
    while True:
        page = run(client, ISSUES, where=where, after=after)["issues"]
        keys |= {key_of(node["id"]) for node in page["nodes"]}
        assert page["totalCount"] == len(keys) or page["pageInfo"]["hasNextPage"]
        if not page["pageInfo"]["hasNextPage"]:
            assert page["totalCount"] == len(keys)
            return keys
        after = page["pageInfo"]["endCursor"]


async def _keys(store: Neo4jStore, statement: str, **params: Any) -> set[str]:
    return {row["key"] for row in await store.query(statement, **params)}


async def test_each_operator_answers_as_its_cypher(demo: Neo4jStore, admin: TestClient) -> None:
    cases: list[tuple[Json, str, dict[str, Any]]] = [
        ({"state": {"eq": "IN_PROGRESS"}}, "n.state = 'IN_PROGRESS'", {}),
        (
            {"state": {"in": ["DISPATCHED", "IN_PROGRESS"]}},
            "n.state IN ['DISPATCHED', 'IN_PROGRESS']",
            {},
        ),
        (
            {"reportedAt": {"gte": "2023-05-01T00:00:00+08:00", "lt": "2023-06-01T00:00:00+08:00"}},
            "n.reportedAt >= datetime('2023-05-01T00:00:00+08:00')"
            " AND n.reportedAt < datetime('2023-06-01T00:00:00+08:00')",
            {},
        ),
        ({"title": {"startsWith": "瑞景"}}, "n.title STARTS WITH '瑞景'", {}),
        ({"title": {"contains": "医保"}}, "n.title CONTAINS '医保'", {}),
        ({"satisfaction": {"gt": 3, "lte": 4}}, "n.satisfaction > 3 AND n.satisfaction <= 4", {}),
        ({"peopleAffected": {"isNull": False}}, "n.peopleAffected IS NOT NULL", {}),
        ({"channel": {"in": ["VISIT", "OBSERVER"]}}, "n.channel IN ['VISIT', 'OBSERVER']", {}),
    ]
    for where, predicate, params in cases:
        expected = await _keys(
            demo, f"MATCH (n:Issue) WHERE {predicate} RETURN n.key AS key", **params
        )
        assert expected, where
        assert _issue_keys(admin, where) == expected, where


async def test_and_or_not_combine(demo: Neo4jStore, admin: TestClient) -> None:
    where = {
        "OR": [{"channel": {"eq": "VISIT"}}, {"channel": {"eq": "SUGGESTION_BOX"}}],
        "NOT": {"state": {"in": ["CLOSED"]}},
        "AND": [{"reportedAt": {"gte": "2020-01-01T00:00:00+08:00"}}],
    }
    expected = await _keys(
        demo,
        "MATCH (n:Issue) WHERE n.channel IN ['VISIT', 'SUGGESTION_BOX'] AND n.state <> 'CLOSED'"
        " AND n.reportedAt >= datetime('2020-01-01T00:00:00+08:00') RETURN n.key AS key",
    )
    assert expected and _issue_keys(admin, where) == expected


async def test_relationship_filters_some_and_none(demo: Neo4jStore, admin: TestClient) -> None:
    where = {
        "assignedTo": {"some": {"kind": {"eq": "GOV_DEPARTMENT"}}},
        "areaWithin": {"none": {"key": {"eq": "area/dongxin"}}},
        "state": {"eq": "CLOSED"},
    }
    expected = await _keys(
        demo,
        "MATCH (n:Issue {state: 'CLOSED'})"
        " WHERE EXISTS { (n)-[:ASSIGNED_TO]->(:Organization {kind: 'GOV_DEPARTMENT'}) }"
        " AND NOT EXISTS { (n)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]"
        "->(:Area {key: 'area/dongxin'}) }"
        " RETURN n.key AS key",
    )
    assert expected and _issue_keys(admin, where) == expected
    busy = {"assigned": {"some": {"state": {"eq": "ESCALATED"}}}, "kind": {"eq": "GOV_DEPARTMENT"}}
    orgs = {
        key_of(n["id"]) for n in run(admin, ORGANIZATIONS, where=busy)["organizations"]["nodes"]
    }
    assert orgs == await _keys(
        demo,
        "MATCH (n:Organization {kind: 'GOV_DEPARTMENT'})"
        " WHERE EXISTS { (n)<-[:ASSIGNED_TO]-(:Issue {state: 'ESCALATED'}) } RETURN n.key AS key",
    )


async def test_filters_see_only_what_the_reader_may(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    private_resident = (
        "'RESIDENT' IN n.roles"
        " AND none(r IN n.roles WHERE r IN ['OBSERVER', 'COORDINATOR', 'STAFF'])"
    )
    [first] = await demo.query(
        f"MATCH (n:Person) WHERE {private_resident} RETURN left(n.name, 1) AS initial LIMIT 1"
    )
    initial = first["initial"]
    private = await _keys(
        demo,
        f"MATCH (n:Person) WHERE {private_resident} AND n.name STARTS WITH $initial"
        " RETURN n.key AS key",
        initial=initial,
    )
    # A VIEWER's organizations with issues in progress: it reads no issue, so none match.
    busy = {"assigned": {"some": {"state": {"eq": "IN_PROGRESS"}}}}
    with client_for(demo_settings, Role.VIEWER, sub="viewer") as viewer:
        assert run(viewer, ORGANIZATIONS, where=busy)["organizations"]["nodes"] == []
        residents = {"roles": {"includes": "RESIDENT"}, "name": {"startsWith": initial}}
        people = run(viewer, PEOPLE, where=residents)["people"]
    assert not private & {key_of(node["id"]) for node in people["nodes"]}
    # An observer is shown residents' names masked, so it cannot match them by name either.
    [observer] = await demo.query(
        "MATCH (p:Person)-[:OBSERVES]->(:Community) RETURN p.key AS key LIMIT 1"
    )
    with client_for(demo_settings, Role.OBSERVER, sub=observer["key"]) as client:
        named = run(client, PEOPLE, where={"name": {"startsWith": initial}})["people"]["nodes"]
        issues = _issue_keys(client, {"state": {"eq": "CLOSED"}})
    assert not private & {key_of(node["id"]) for node in named}
    assert issues == await _keys(
        demo,
        "MATCH (n:Issue {state: 'CLOSED'}) WHERE EXISTS { (n)-[:LOCATED_IN]->(:Area)"
        "-[:PART_OF*0..]->(:Community)<-[:OBSERVES]-(:Person {key: $me}) }"
        " OR EXISTS { (n)<-[:REPORTED]-(:Person {key: $me}) } RETURN n.key AS key",
        me=observer["key"],
    )


def test_a_where_no_index_starts_is_refused_beyond_the_scan_limit(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    tight = demo_settings.model_copy(update={"where_scan_limit": 100})
    with client_for(tight) as client:
        body = post(client, ISSUES, where={"title": {"contains": "路灯"}})
        anchored = post(
            client, ISSUES, where={"title": {"contains": "路灯"}, "state": {"eq": "CLOSED"}}
        )
    [error] = body["errors"]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert error["extensions"]["field"] == "where"
    assert "errors" not in anchored


@pytest.mark.parametrize(
    ("where", "field"),
    [
        ({"title": {"contains": "路"}}, "where.title.contains"),
        ({"AND": []}, "where.AND"),
        ({"assignedTo": {}}, "where.assignedTo"),
    ],
)
def test_an_unusable_where_is_refused_naming_its_place(
    admin: TestClient, where: Json, field: str
) -> None:
    [error] = post(admin, ISSUES, where=where)["errors"]
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("BAD_USER_INPUT", field)


NESTED = """
query($where: IssueWhere) {
  communities(first: 50) { nodes { id issues(first: 5, where: $where) { totalCount } } }
}
"""


async def test_nested_lists_filter_each_parents_rows_in_one_statement(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    where = {"state": {"in": ["RESOLVED", "CLOSED"]}, "satisfaction": {"gte": 4}}
    with client_for(demo_settings) as client:
        store: Neo4jStore = client.app.state.store  # type: ignore[attr-defined]
        before = store.round_trips
        communities = run(client, NESTED, where=where)["communities"]["nodes"]
        trips = store.round_trips - before
    counts = {key_of(c["id"]): c["issues"]["totalCount"] for c in communities}
    rows = await demo.query(
        "MATCH (c:Community) OPTIONAL MATCH (c)<-[:LOCATED_IN]-(n:Issue)"
        " WHERE n.state IN ['RESOLVED', 'CLOSED'] AND n.satisfaction >= 4"
        " RETURN c.key AS key, count(n) AS count"
    )
    assert counts == {row["key"]: row["count"] for row in rows}
    assert any(counts.values())
    # The communities, then one statement for every community's issues.
    assert trips == 2
