"""Roles against kinds of data on the demo graph: who sees which issues and people."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.graphql import client_for, gid, post

OBSERVER = "person/observer-luzhou"
OBSERVED = "community/luzhou"
UNIT = "org/water-company"
PARENT = "org/shengli-oilfield"
CENTER = "org/center"
SUMMONED = "org/medical-insurance-bureau"

ISSUE_COUNT = """
query($area: ID) {
  issues(first: 1, filter: {area: $area}) { totalCount edges { node { id } } }
}
"""

# Independent oracles: the row rules written out again as plain Cypher, for principals whose
# organizations have none below them.
ORACLES = {
    "admin": "MATCH (i:Issue) RETURN count(i) AS n",
    "unit": (
        "MATCH (i:Issue) WHERE EXISTS { (i)-[:ASSIGNED_TO]->(:Organization {key: $unit}) } "
        "OR EXISTS { (i)<-[:ABOUT]-(:Whistle)-[:SUMMONS]->(:Organization {key: $unit}) } "
        "RETURN count(i) AS n"
    ),
    "observer": (
        "MATCH (i:Issue) WHERE EXISTS { (i)-[:LOCATED_IN]->(a:Area) "
        "WHERE a.key = $community OR EXISTS { (a)-[:PART_OF*]->(:Area {key: $community}) } } "
        "OR EXISTS { (i)<-[:REPORTED]-(:Person {key: $person}) } RETURN count(i) AS n"
    ),
}


@pytest.fixture(scope="module")
def clients(demo_settings: Settings) -> Iterator[dict[str, TestClient]]:
    """One client per principal of the matrix, over the demo graph."""
    made = {
        "admin": client_for(demo_settings, Role.ADMIN),
        "center": client_for(demo_settings, Role.COORDINATOR, sub="person/c1", org=CENTER),
        "unit": client_for(demo_settings, Role.COORDINATOR, sub="person/c2", org=UNIT),
        "parent": client_for(demo_settings, Role.COORDINATOR, sub="person/c3", org=PARENT),
        "summoned": client_for(demo_settings, Role.COORDINATOR, sub="person/c4", org=SUMMONED),
        "observer": client_for(demo_settings, Role.OBSERVER, sub=OBSERVER),
        "viewer": client_for(demo_settings, Role.VIEWER, sub="screen/lobby"),
    }
    for client in made.values():
        client.__enter__()
    yield made
    for client in made.values():
        client.__exit__(None, None, None)


async def _oracle(demo: Neo4jStore, name: str, **params: str) -> int:
    [row] = await demo.query(ORACLES[name], **params)
    return int(row["n"])


async def test_each_role_lists_exactly_the_issues_its_rule_allows(
    demo: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    def total(who: str) -> int:
        body = post(clients[who], ISSUE_COUNT)
        assert "errors" not in body, body
        return int(body["data"]["issues"]["totalCount"])

    everything = await _oracle(demo, "admin")
    assert total("admin") == everything
    assert total("center") == everything
    unit = await _oracle(demo, "unit", unit=UNIT)
    assert 0 < total("unit") == unit < everything
    summoned = await _oracle(demo, "unit", unit=SUMMONED)
    assert 0 < total("summoned") == summoned < everything
    observed = await _oracle(demo, "observer", community=OBSERVED, person=OBSERVER)
    assert 0 < total("observer") == observed < everything
    # The parent organization answers for every unit under it.
    assert total("parent") > total("unit")


async def test_a_viewer_may_not_list_issues_but_sees_aggregates(
    clients: dict[str, TestClient],
) -> None:
    body = post(clients["viewer"], ISSUE_COUNT)
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    overdue = post(clients["viewer"], "{ overdueIssues(first: 1) { totalCount } }")
    assert overdue["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    impact = """{ impact(scope: COMMUNITY, from: "2024-01-01T00:00:00+08:00",
      to: "2025-01-01T00:00:00+08:00") { name responseRate { numerator denominator } } }"""
    seen_by = {who: post(clients[who], impact) for who in ("viewer", "admin")}
    assert "errors" not in seen_by["viewer"], seen_by["viewer"]
    assert seen_by["viewer"]["data"] == seen_by["admin"]["data"]
    assert seen_by["viewer"]["data"]["impact"]


async def test_a_hidden_issue_is_null_by_id_and_missing_from_nested_lists(
    demo: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    [row] = await demo.query(
        "MATCH (i:Issue)-[:LOCATED_IN]->(:Area {key: $community}) "
        "WHERE NOT EXISTS { (i)-[:ASSIGNED_TO]->(:Organization {key: $unit}) } "
        "RETURN i.key AS key ORDER BY key LIMIT 1",
        community=OBSERVED,
        unit=UNIT,
    )
    query = "query($id: ID!) { node(id: $id) { id } }"
    ident = gid("Issue", row["key"])
    assert post(clients["observer"], query, id=ident)["data"]["node"] == {"id": ident}
    assert post(clients["unit"], query, id=ident)["data"]["node"] is None
    assert post(clients["viewer"], query, id=ident)["data"]["node"] is None
    nested = "query($id: ID!) { node(id: $id) { ... on Area { issues(first: 1) { totalCount } } } }"
    area = gid("Area", OBSERVED)
    mine = post(clients["observer"], nested, id=area)["data"]["node"]["issues"]["totalCount"]
    assert mine > 0
    [other] = await demo.query(
        "MATCH (c:Community) WHERE c.key <> $community AND EXISTS { (c)<-[:LOCATED_IN]-(:Issue) } "
        "RETURN c.key AS key ORDER BY key LIMIT 1",
        community=OBSERVED,
    )
    theirs = post(clients["observer"], nested, id=gid("Area", other["key"]))["data"]["node"]
    assert theirs["issues"]["totalCount"] == 0


async def test_search_hides_what_the_role_may_not_see(clients: dict[str, TestClient]) -> None:
    query = """{ search(text: "医保", first: 20) { totalCount edges { node { __typename } } } }"""
    admin = post(clients["admin"], query)["data"]["search"]
    viewer = post(clients["viewer"], query)["data"]["search"]
    assert any(e["node"]["__typename"] == "Issue" for e in admin["edges"])
    assert all(e["node"]["__typename"] != "Issue" for e in viewer["edges"])
    assert viewer["totalCount"] < admin["totalCount"]


async def test_routing_shows_only_similar_issues_the_role_sees(
    demo: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    [row] = await demo.query(
        "MATCH (:Community {key: $community})<-[:LOCATED_IN]-(i:Issue)-[:IN_CATEGORY]->(c) "
        "WHERE i.state IN ['RESOLVED', 'CLOSED'] "
        "RETURN c.key AS category, count(i) AS n ORDER BY n DESC LIMIT 1",
        community=OBSERVED,
    )
    query = """query($c: ID!, $a: ID!) { route(category: $c, area: $a) {
      lead { id } similarIssues { issue { id } } } }"""
    ids = {"c": gid("Category", row["category"]), "a": gid("Area", OBSERVED)}
    seen = {who: post(clients[who], query, **ids)["data"]["route"] for who in clients}
    assert seen["admin"]["similarIssues"]
    assert seen["observer"]["similarIssues"] == seen["admin"]["similarIssues"]
    assert seen["viewer"]["similarIssues"] == []
    # The rules themselves are public: everyone gets the same lead.
    assert seen["viewer"]["lead"] == seen["admin"]["lead"]
    refetch = "query($id: ID!) { node(id: $id) { id } }"
    for similar in seen["unit"]["similarIssues"]:
        node = post(clients["unit"], refetch, id=similar["issue"]["id"])["data"]["node"]
        assert node is not None


async def test_a_coordinators_filtered_pages_walk_its_own_issues_in_order(
    demo: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    rows = await demo.query(
        "MATCH (i:Issue {state: 'CLOSED'})-[:ASSIGNED_TO]->(:Organization {key: $unit}) "
        "RETURN i.key AS key ORDER BY i.reportedAt DESC, i.key DESC LIMIT 45",
        unit=UNIT,
    )
    query = """query($after: String) { issues(first: 20, after: $after, filter: {states: [CLOSED]})
      { edges { node { id } } pageInfo { endCursor } } }"""
    seen: list[str] = []
    after = None
    for _ in range(3):
        page = post(clients["unit"], query, after=after)["data"]["issues"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        after = page["pageInfo"]["endCursor"]
    assert seen[:45] == [gid("Issue", row["key"]) for row in rows]
