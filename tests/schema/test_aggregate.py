"""Aggregates and groups over the demo graph, each checked against its own Cypher."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.graphql import client_for, key_of, post, run

FIGURES = """
query($where: IssueWhere) {
  issuesAggregate(where: $where) {
    count
    satisfaction { min max avg sum }
    reportedAt { min max }
  }
}
"""
GROUPS = """
query($by: IssueGroupBy!, $first: Int!, $where: IssueWhere) {
  issuesGroupBy(by: $by, first: $first, where: $where) {
    value count node { id ... on Area { name } }
    aggregate { satisfaction { avg } }
  }
}
"""
COUNT = "query($where: IssueWhere) { issuesAggregate(where: $where) { count } }"
VISITS = {"channel": {"eq": "VISIT"}}


@pytest.fixture(scope="module")
def admin(demo: Neo4jStore, demo_settings: Settings) -> Iterator[TestClient]:
    """An admin over the demo graph."""
    with client_for(demo_settings) as client:
        yield client


async def test_figures_answer_as_their_cypher(demo: Neo4jStore, admin: TestClient) -> None:
    figures = run(admin, FIGURES, where=VISITS)["issuesAggregate"]
    [expected] = await demo.query(
        "MATCH (n:Issue {channel: 'VISIT'}) RETURN count(n) AS count,"
        " min(n.satisfaction) AS low, max(n.satisfaction) AS high,"
        " avg(n.satisfaction) AS mean, sum(n.satisfaction) AS total,"
        " min(n.reportedAt) AS first, max(n.reportedAt) AS last"
    )
    assert figures["count"] == expected["count"] > 0
    satisfaction = figures["satisfaction"]
    assert (satisfaction["min"], satisfaction["max"], satisfaction["sum"]) == (
        expected["low"],
        expected["high"],
        expected["total"],
    )
    assert satisfaction["avg"] == pytest.approx(expected["mean"])
    first = dt.datetime.fromisoformat(figures["reportedAt"]["min"])
    assert first == expected["first"].to_native()
    assert dt.datetime.fromisoformat(figures["reportedAt"]["max"]) == expected["last"].to_native()


async def test_groups_by_value_and_by_related_node(demo: Neo4jStore, admin: TestClient) -> None:
    by_state = run(admin, GROUPS, by="STATE", first=50)["issuesGroupBy"]
    expected = await demo.query(
        "MATCH (n:Issue) RETURN n.state AS value, count(n) AS count ORDER BY count DESC, value"
    )
    assert [(g["value"], g["count"]) for g in by_state] == [
        (row["value"], row["count"]) for row in expected
    ]
    communities = run(admin, GROUPS, by="COMMUNITY", first=5)["issuesGroupBy"]
    expected = await demo.query(
        "MATCH (n:Issue) OPTIONAL MATCH (n)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(g:Community)"
        " WITH g, count(n) AS count, avg(n.satisfaction) AS mean"
        " ORDER BY count DESC, g.key LIMIT 5 RETURN g.key AS key, g.name AS name, count, mean"
    )
    assert len(communities) == 5
    for group, row in zip(communities, expected, strict=True):
        assert (group["value"], group["count"]) == (row["key"], row["count"])
        if row["key"] is not None:
            assert key_of(group["node"]["id"]) == row["key"]
            assert group["node"]["name"] == row["name"]
        assert group["aggregate"]["satisfaction"]["avg"] == pytest.approx(row["mean"])


async def test_figures_count_only_what_the_reader_sees(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    [observer] = await demo.query(
        "MATCH (p:Person)-[:OBSERVES]->(:Community) RETURN p.key AS key ORDER BY key LIMIT 1"
    )
    [seen] = await demo.query(
        "MATCH (n:Issue) WHERE EXISTS { (n)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(:Community)"
        "<-[:OBSERVES]-(:Person {key: $me}) } OR EXISTS { (n)<-[:REPORTED]-(:Person {key: $me}) }"
        " RETURN count(n) AS count",
        me=observer["key"],
    )
    with client_for(demo_settings, Role.OBSERVER, sub=observer["key"]) as client:
        assert run(client, COUNT)["issuesAggregate"]["count"] == seen["count"]
    with client_for(demo_settings, Role.VIEWER, sub="viewer") as client:
        [refused] = post(client, COUNT)["errors"]
        kinds = run(client, "{ organizationsGroupBy(by: KIND, first: 3) { value count } }")[
            "organizationsGroupBy"
        ]
    assert refused["extensions"]["code"] == "FORBIDDEN"
    expected = await demo.query(
        "MATCH (n:Organization) RETURN n.kind AS value, count(n) AS count"
        " ORDER BY count DESC, value LIMIT 3"
    )
    assert kinds == [{"value": row["value"], "count": row["count"]} for row in expected]


def test_group_counts_are_bounded(admin: TestClient) -> None:
    for first in (0, 501):
        [error] = post(admin, GROUPS, by="STATE", first=first)["errors"]
        assert (error["extensions"]["code"], error["extensions"]["field"]) == (
            "LIMIT_EXCEEDED",
            "first",
        )
