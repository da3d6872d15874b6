"""`where` on the field-work, rule and figure lists, each answer checked against its own Cypher."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.overdue import OPEN_STATES
from settings import Settings
from tests.support.graphql import Json, client_for, key_of, post, run

VISIT_GROUPS = """
query($where: VisitGroupWhere) { visitGroups(first: 100, where: $where) { nodes { id } } }
"""
MOVES = """
query($where: MoveWhere) { projects(first: 100) { nodes { id moves(where: $where) { id } } } }
"""
VISIT_FIGURES = """
query($where: VisitWhere) {
  visitsAggregate(where: $where) { count memberCount { sum max } visitedOn { min max } }
  visitsGroupBy(by: STATUS, where: $where) { value count aggregate { memberCount { sum } } }
}
"""
SUGGESTION_GROUPS = """
query($where: SuggestionWhere) {
  suggestionsGroupBy(by: SUBMITTED_TO, first: 500, where: $where) { value count }
}
"""


@pytest.fixture(scope="module")
def admin(demo: Neo4jStore, demo_settings: Settings) -> Iterator[TestClient]:
    """An admin over the demo graph."""
    with client_for(demo_settings) as client:
        yield client


def _listed(client: TestClient, field: str, type_name: str, where: Json, **args: Any) -> set[str]:
    """The keys of every row `field` lists under `where`, page by page; totals agree."""
    declared = "".join(f", ${name}: {kind}" for name, (kind, _) in args.items())
    passed = "".join(f", {name}: ${name}" for name in args)
    query = (
        f"query($where: {type_name}Where, $after: String{declared}) {{"
        f" {field}(first: 100, after: $after, where: $where{passed}) {{"
        " totalCount pageInfo { hasNextPage endCursor } nodes { id } } }"
    )
    values = {name: value for name, (_, value) in args.items()}
    keys: set[str] = set()
    after = None
    while True:
        page = run(client, query, where=where, after=after, **values)[field]
        keys |= {key_of(node["id"]) for node in page["nodes"]}
        if not page["pageInfo"]["hasNextPage"]:
            assert page["totalCount"] == len(keys)
            return keys
        after = page["pageInfo"]["endCursor"]


async def _keys(store: Neo4jStore, statement: str, **params: Any) -> set[str]:
    return {row["key"] for row in await store.query(statement, **params)}


async def _oracle(store: Neo4jStore, label: str, predicate: str, **params: Any) -> set[str]:
    return await _keys(store, f"MATCH (n:{label}) WHERE {predicate} RETURN n.key AS key", **params)


async def test_visits_answer_each_operator_as_their_cypher(
    demo: Neo4jStore, admin: TestClient
) -> None:
    cases: list[tuple[Json, str]] = [
        ({"status": {"eq": "DONE"}}, "n.status = 'DONE'"),
        ({"status": {"in": ["PLANNED", "CANCELLED"]}}, "n.status IN ['PLANNED', 'CANCELLED']"),
        (
            {"visitedOn": {"gte": "2024-01-01", "lt": "2025-01-01"}},
            "n.visitedOn >= date('2024-01-01') AND n.visitedOn < date('2025-01-01')",
        ),
        ({"memberCount": {"isNull": False}}, "n.memberCount IS NOT NULL"),
        ({"summary": {"isNull": False}}, "n.summary IS NOT NULL"),
    ]
    for where, predicate in cases:
        expected = await _oracle(demo, "Visit", predicate)
        assert expected, where
        assert _listed(admin, "visits", "Visit", where) == expected, where


async def test_visits_filter_on_their_group_place_and_issues_with_and_or_not(
    demo: Neo4jStore, admin: TestClient
) -> None:
    [group] = await demo.query(
        "MATCH (v:Visit)-[:CONDUCTED_BY]->(g:VisitGroup) RETURN g.key AS key, count(v) AS visits"
        " ORDER BY visits DESC, key LIMIT 1"
    )
    where = {
        "OR": [
            {"group": {"some": {"key": {"eq": group["key"]}}}},
            {"organization": {"some": {"kind": {"eq": "REGIONAL_UNIT"}}}},
        ],
        "NOT": {"status": {"eq": "CANCELLED"}},
        "issues": {"none": {"state": {"eq": "RECEIVED"}}},
    }
    expected = await _oracle(
        demo,
        "Visit",
        "(EXISTS { (n)-[:CONDUCTED_BY]->(:VisitGroup {key: $group}) }"
        " OR EXISTS { (n)-[:VISITED]->(:Organization {kind: 'REGIONAL_UNIT'}) })"
        " AND n.status <> 'CANCELLED'"
        " AND NOT EXISTS { (n)<-[:RAISED_DURING]-(:Issue {state: 'RECEIVED'}) }",
        group=group["key"],
    )
    assert expected and _listed(admin, "visits", "Visit", where) == expected
    # The fixed filter and the where hold together.
    filtered = _listed(
        admin, "visits", "Visit", where, filter=("VisitFilter", {"statuses": ["DONE"]})
    )
    assert filtered == expected & await _oracle(demo, "Visit", "n.status = 'DONE'")
    groups = {
        key_of(node["id"])
        for node in run(
            admin, VISIT_GROUPS, where={"visits": {"some": {"status": {"eq": "DONE"}}}}
        )["visitGroups"]["nodes"]
    }
    assert groups == await _oracle(
        demo, "VisitGroup", "EXISTS { (n)<-[:CONDUCTED_BY]-(:Visit {status: 'DONE'}) }"
    )
    assert groups


async def test_suggestions_filter_as_their_cypher(demo: Neo4jStore, admin: TestClient) -> None:
    [top] = await demo.query(
        "MATCH (s:Suggestion)-[:SUBMITTED_TO]->(:Organization)-[:PART_OF*0..]->(o:Organization)"
        " RETURN o.key AS key, count(DISTINCT s) AS c ORDER BY c DESC, key LIMIT 1"
    )
    cases: list[tuple[Json, str]] = [
        ({"status": {"in": ["ADOPTED", "IMPLEMENTED"]}}, "n.status IN ['ADOPTED', 'IMPLEMENTED']"),
        (
            {"collectedOn": {"gte": "2022-01-01", "lte": "2022-06-30"}},
            "n.collectedOn >= date('2022-01-01') AND n.collectedOn <= date('2022-06-30')",
        ),
        (
            {"submittedWithin": {"some": {"key": {"eq": top["key"]}}}},
            "EXISTS { (n)-[:SUBMITTED_TO]->(:Organization)-[:PART_OF*0..]->"
            "(:Organization {key: $top}) }",
        ),
        (
            {"AND": [{"NOT": {"status": {"eq": "DECLINED"}}}, {"title": {"isNull": False}}]},
            "n.status <> 'DECLINED' AND n.title IS NOT NULL",
        ),
    ]
    for where, predicate in cases:
        expected = await _oracle(demo, "Suggestion", predicate, top=top["key"])
        assert expected, where
        assert _listed(admin, "suggestions", "Suggestion", where) == expected, where


async def test_rules_whistles_and_figures_filter_as_their_cypher(
    demo: Neo4jStore, admin: TestClient
) -> None:
    [lead] = await demo.query(
        "MATCH (:RoutingRule)-[:LEAD]->(o:Organization) RETURN o.kind AS kind, count(*) AS c"
        " ORDER BY c DESC, kind LIMIT 1"
    )
    cases: list[tuple[str, str, Json, str]] = [
        (
            "routingRules",
            "RoutingRule",
            {"lead": {"some": {"kind": {"eq": lead["kind"]}}}, "priority": {"gt": 10}},
            "EXISTS { (n)-[:LEAD]->(:Organization {kind: $kind}) } AND n.priority > 10",
        ),
        (
            "whistles",
            "Whistle",
            {
                "issue": {"some": {"state": {"in": ["CLOSED", "RESOLVED"]}}},
                "blownAt": {"gte": "2024-01-01T00:00:00+08:00"},
            },
            "EXISTS { (n)-[:ABOUT]->(i:Issue) WHERE i.state IN ['CLOSED', 'RESOLVED'] }"
            " AND n.blownAt >= datetime('2024-01-01T00:00:00+08:00')",
        ),
        (
            "observations",
            "Observation",
            {"OR": [{"qualifier": {"eq": "AT_LEAST"}}, {"aboutProject": {"some": {}}}]},
            "n.qualifier = 'AT_LEAST' OR EXISTS { (n)-[:ABOUT]->(:Project) }",
        ),
    ]
    for field, type_name, where, predicate in cases:
        expected = await _oracle(demo, type_name, predicate, kind=lead["kind"])
        assert expected, field
        assert _listed(admin, field, type_name, where) == expected, field


async def test_overdue_issues_filter_under_the_readers_row_rules(
    demo: Neo4jStore, demo_settings: Settings, admin: TestClient
) -> None:
    now = "datetime()"
    overdue = (
        f"n.state IN $open AND ((n.respondedAt IS NULL AND n.responseDueAt < {now})"
        f" OR (n.resolvedAt IS NULL AND coalesce(n.extendedTo, n.resolveDueAt) < {now}))"
    )
    where = {"channel": {"in": ["HOTLINE", "PHONE", "QR_CODE"]}}
    channel = "n.channel IN ['HOTLINE', 'PHONE', 'QR_CODE']"
    every = await _oracle(demo, "Issue", f"{overdue} AND {channel}", open=OPEN_STATES)
    assert every and _listed(admin, "overdueIssues", "Issue", where) == every
    [unit] = await demo.query(
        "MATCH (o:Organization)<-[:ASSIGNED_TO]-(n:Issue) WHERE o.kind <> 'CENTER'"
        f" AND {overdue} AND {channel}"
        " RETURN o.key AS key, count(n) AS c ORDER BY c DESC, key LIMIT 1",
        open=OPEN_STATES,
    )
    own = await _oracle(
        demo,
        "Issue",
        f"{overdue} AND {channel} AND (EXISTS {{ (n)-[:ASSIGNED_TO]->(:Organization)"
        "-[:PART_OF*0..]->(:Organization {key: $org}) }"
        " OR EXISTS { (n)<-[:ABOUT]-(:Whistle)-[:SUMMONS]->(:Organization {key: $org}) })",
        open=OPEN_STATES,
        org=unit["key"],
    )
    with client_for(demo_settings, Role.COORDINATOR, sub="person/x", org=unit["key"]) as client:
        seen = _listed(client, "overdueIssues", "Issue", where)
    assert own and seen == own and own < every


async def test_a_readers_filters_match_only_rows_and_names_it_may_see(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    closed = {"issue": {"some": {"state": {"eq": "CLOSED"}}}}
    assert await _oracle(demo, "Whistle", "EXISTS { (n)-[:ABOUT]->(:Issue {state: 'CLOSED'}) }")
    with client_for(demo_settings, Role.VIEWER, sub="viewer") as viewer:
        # A VIEWER reads no issue, so no whistle is about one it may see.
        assert _listed(viewer, "whistles", "Whistle", closed) == set()
        assert _listed(viewer, "whistles", "Whistle", {"issue": {"none": {}}}) == await _oracle(
            demo, "Whistle", "true"
        )


RESIDENT_GRAPH = """
CREATE (r:Person {key: 'person/resident', name: '王小明', roles: ['RESIDENT']})
CREATE (:Person {key: 'person/observer', name: '李观察', roles: ['OBSERVER']})
CREATE (o:Organization {key: 'org/unit', name: '一号单位', kind: 'DIRECT_UNIT'})
CREATE (s:Suggestion {key: 'suggestion/1', title: '加装路灯', status: 'COLLECTED'})
CREATE (s)-[:PROPOSED_BY]->(r), (s)-[:SUBMITTED_TO]->(o)
CREATE (v:Visit {key: 'visit/1', status: 'DONE', visitedOn: date('2024-03-01')})
CREATE (v)-[:ATTENDED_BY]->(r), (v)-[:VISITED]->(o)
"""


async def test_a_residents_name_matches_only_for_readers_shown_it_whole(
    store: Neo4jStore, settings: Settings
) -> None:
    await store.execute(RESIDENT_GRAPH)
    proposed = {"proposedByPerson": {"some": {"name": {"eq": "王小明"}}}}
    attended = {"attendees": {"some": {"name": {"startsWith": "王"}}}}
    with client_for(settings) as admin:
        assert _listed(admin, "suggestions", "Suggestion", proposed) == {"suggestion/1"}
        assert _listed(admin, "visits", "Visit", attended) == {"visit/1"}
    # An observer is shown the name masked (王**), so neither the name nor its prefix matches.
    with client_for(settings, Role.OBSERVER, sub="person/observer") as observer:
        assert _listed(observer, "suggestions", "Suggestion", proposed) == set()
        assert _listed(observer, "visits", "Visit", attended) == set()
        assert _listed(observer, "visits", "Visit", {"status": {"eq": "DONE"}}) == {"visit/1"}
    # A VIEWER reads no private resident at all.
    with client_for(settings, Role.VIEWER, sub="viewer") as viewer:
        anyone = {"proposedByPerson": {"some": {}}}
        assert _listed(viewer, "suggestions", "Suggestion", anyone) == set()


def test_a_where_no_index_starts_is_refused_beyond_the_scan_limit(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    tight = demo_settings.model_copy(update={"where_scan_limit": 3})
    query = "query($where: VisitWhere) { visits(first: 5, where: $where) { nodes { id } } }"
    with client_for(tight) as client:
        body = post(client, query, where={"status": {"eq": "DONE"}})
        keyed = post(client, query, where={"key": {"in": ["visit/none"]}, "status": {"eq": "DONE"}})
        figures = post(client, VISIT_FIGURES, where={"summary": {"contains": "走访"}})
    [error] = body["errors"]
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "LIMIT_EXCEEDED",
        "where",
    )
    assert "errors" not in keyed
    assert figures["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"


async def test_a_projects_moves_filter_in_one_statement_for_every_project(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    [site] = await demo.query(
        "MATCH (m:Move)-[:FROM_SITE]->(s:Site) WHERE m.landMu >= 40 RETURN s.key AS key"
        " ORDER BY key LIMIT 1"
    )
    where = {
        "OR": [
            {"status": {"eq": "BLOCKED"}},
            {"fromSite": {"some": {"key": {"eq": site["key"]}}}},
            {"landMu": {"gte": 50}},
        ],
        "NOT": {"landMu": {"lt": 40}},
    }
    with client_for(demo_settings) as client:
        store: Neo4jStore = client.app.state.store  # type: ignore[attr-defined]
        before = store.round_trips
        projects = run(client, MOVES, where=where)["projects"]["nodes"]
        trips = store.round_trips - before
    found = {key_of(p["id"]): {key_of(m["id"]) for m in p["moves"]} for p in projects}
    rows = await demo.query(
        "MATCH (p:Project)-[:HAS_MOVE]->(n:Move) WHERE (n.status = 'BLOCKED'"
        " OR EXISTS { (n)-[:FROM_SITE]->(:Site {key: $site}) } OR n.landMu >= 50)"
        " AND NOT n.landMu < 40"
        " RETURN p.key AS project, collect(n.key) AS moves",
        site=site["key"],
    )
    expected = {row["project"]: set(row["moves"]) for row in rows}
    assert expected and {p: m for p, m in found.items() if m} == expected
    # The projects, then one statement for every project's moves.
    assert trips == 2


async def test_visit_and_suggestion_figures_come_from_the_filtered_rows(
    demo: Neo4jStore, admin: TestClient
) -> None:
    where = {"status": {"in": ["DONE", "PLANNED"]}}
    data = run(admin, VISIT_FIGURES, where=where)
    [whole] = await demo.query(
        "MATCH (n:Visit) WHERE n.status IN ['DONE', 'PLANNED'] RETURN count(n) AS count,"
        " sum(n.memberCount) AS sum, max(n.memberCount) AS max,"
        " toString(min(n.visitedOn)) AS first, toString(max(n.visitedOn)) AS last"
    )
    figures = data["visitsAggregate"]
    assert figures["count"] == whole["count"] > 0
    assert figures["memberCount"] == {"sum": whole["sum"], "max": whole["max"]}
    assert figures["visitedOn"] == {"min": whole["first"], "max": whole["last"]}
    by_status = await demo.query(
        "MATCH (n:Visit) WHERE n.status IN ['DONE', 'PLANNED']"
        " RETURN n.status AS value, count(n) AS count, sum(n.memberCount) AS sum"
    )
    assert {
        g["value"]: (g["count"], g["aggregate"]["memberCount"]["sum"])
        for g in data["visitsGroupBy"]
    } == {row["value"]: (row["count"], row["sum"]) for row in by_status}
    groups = run(admin, SUGGESTION_GROUPS, where={"NOT": {"status": {"eq": "DECLINED"}}})
    rows = await demo.query(
        "MATCH (n:Suggestion) WHERE n.status <> 'DECLINED'"
        " OPTIONAL MATCH (n)-[:SUBMITTED_TO]->(g:Organization)"
        " RETURN g.key AS value, count(n) AS count"
    )
    assert {g["value"]: g["count"] for g in groups["suggestionsGroupBy"]} == {
        row["value"]: row["count"] for row in rows
    }
