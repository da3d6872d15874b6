"""Refetching by global ID: node(id) and nodes(ids) for every node type."""

from __future__ import annotations

import pytest

from graph.model import Label
from graph.store import Neo4jStore
from schema.registry import NODE_TYPES
from tests.support.graphql import Api, Json, gid
from tests.support.graphs import T0

# One node per type: (type name, label to write it with, row, a field to read back, its value).
NODES: list[tuple[str, Label, Json, str, object]] = [
    ("Organization", Label.ORGANIZATION, {"name": "物业", "kind": "SCHOOL"}, "kind", "SCHOOL"),
    ("Person", Label.PERSON, {"name": "张三", "roles": ["OBSERVER"]}, "roles", ["OBSERVER"]),
    ("Station", Label.STATION, {"name": "健康驿站"}, "name", "健康驿站"),
    ("Area", Label.COMMUNITY, {"name": "瑞景", "level": "COMMUNITY"}, "level", "COMMUNITY"),
    ("Category", Label.CATEGORY, {"name": "供水"}, "name", "供水"),
    ("Issue", Label.ISSUE, {"title": "漏水", "state": "CLOSED"}, "state", "CLOSED"),
    ("IssueEvent", Label.ISSUE_EVENT, {"seq": 7, "at": T0, "toState": "CLOSED"}, "seq", 7),
    ("RoutingRule", Label.ROUTING_RULE, {"name": "供水规则", "priority": 3}, "priority", 3),
    ("Whistle", Label.WHISTLE, {"reason": "协调", "blownAt": T0}, "reason", "协调"),
    ("Project", Label.PROJECT, {"name": "搬迁", "kind": "RELOCATION"}, "kind", "RELOCATION"),
    ("Site", Label.SITE, {"name": "一号院", "landMu": 12.5}, "landMu", 12.5),
    ("Move", Label.MOVE, {"status": "BLOCKED", "note": "新址未交付"}, "note", "新址未交付"),
    ("Milestone", Label.MILESTONE, {"title": "全部搬离"}, "title", "全部搬离"),
    ("Meeting", Label.MEETING, {"title": "联席会", "kind": "JOINT"}, "kind", "JOINT"),
    ("Decision", Label.DECISION, {"text": "明确时限", "seq": 1}, "text", "明确时限"),
    ("Suggestion", Label.SUGGESTION, {"title": "建议", "status": "ADOPTED"}, "status", "ADOPTED"),
    ("Visit", Label.VISIT, {"summary": "走访", "memberCount": 4}, "memberCount", 4),
    ("VisitGroup", Label.VISIT_GROUP, {"name": "第一组"}, "name", "第一组"),
    ("IntakeLink", Label.INTAKE_LINK, {"label": "大厅", "createdAt": T0}, "label", "大厅"),
    (
        "Observation",
        Label.OBSERVATION,
        {"indicator": "units", "value": 370.0, "qualifier": "AT_LEAST"},
        "display",
        "370+",
    ),
]


def _key(type_name: str) -> str:
    return f"{type_name.lower()}/one"


@pytest.fixture(scope="module")
async def graph(shared_store: Neo4jStore) -> Neo4jStore:
    """One node of every type."""
    for type_name, label, row, _, _ in NODES:
        await shared_store.upsert_nodes(label, [{"key": _key(type_name), **row}])
    return shared_store


def test_every_node_type_is_covered() -> None:
    assert {name for name, *_ in NODES} == {cls.__name__ for cls in NODE_TYPES}


@pytest.mark.parametrize(
    ("type_name", "field", "value"),
    [(name, field, value) for name, _, _, field, value in NODES],
    ids=[name for name, *_ in NODES],
)
def test_node_refetches_each_type(
    api: Api, graph: Neo4jStore, type_name: str, field: str, value: object
) -> None:
    query = f"""query($id: ID!) {{
        node(id: $id) {{ __typename id ... on {type_name} {{ {field} }} }} }}"""
    node_id = gid(type_name, _key(type_name))
    assert api.data(query, {"id": node_id})["node"] == {
        "__typename": type_name,
        "id": node_id,
        field: value,
    }


@pytest.mark.parametrize(
    "node_id",
    [
        gid("Organization", "organization/none"),
        # A key that exists, under another type's name.
        gid("Person", _key("Organization")),
        gid("Issue", _key("IssueEvent")),
    ],
    ids=["unknown-key", "organization-as-person", "event-as-issue"],
)
def test_unknown_node_is_null(api: Api, graph: Neo4jStore, node_id: str) -> None:
    result = api.post("query($id: ID!) { node(id: $id) { id } }", {"id": node_id})
    assert result == {"data": {"node": None}}


def test_nodes_keep_order_with_nulls_and_batch_per_type(api: Api, graph: Neo4jStore) -> None:
    ids = [
        gid("Issue", _key("Issue")),
        gid("Organization", "organization/none"),
        gid("Organization", _key("Organization")),
        gid("Area", _key("Area")),
        gid("Issue", _key("Issue")),
        gid("Issue", "issue/none"),
    ]
    before = api.store.round_trips
    data = api.data("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", {"ids": ids})
    # One read per type named, however many IDs each has.
    assert api.store.round_trips - before == 3
    assert data["nodes"] == [
        {"__typename": "Issue", "id": ids[0]},
        None,
        {"__typename": "Organization", "id": ids[2]},
        {"__typename": "Area", "id": ids[3]},
        {"__typename": "Issue", "id": ids[4]},
        None,
    ]


def test_nodes_of_nothing_is_empty(api: Api, graph: Neo4jStore) -> None:
    assert api.data("{ nodes(ids: []) { id } }") == {"nodes": []}


def test_refetched_node_resolves_its_relations(api: Api, graph: Neo4jStore) -> None:
    # A refetched node is a full node: its relation fields resolve (here, to nothing).
    query = """query($id: ID!) { node(id: $id) { ... on Area {
        name parent { id } children { id } units(first: 3) { totalCount } } } }"""
    node = api.data(query, {"id": gid("Area", _key("Area"))})["node"]
    assert node == {"name": "瑞景", "parent": None, "children": [], "units": {"totalCount": 0}}


def test_nodes_are_capped_at_the_page_size_limit(api: Api, graph: Neo4jStore) -> None:
    maximum = api.client.app.state.settings.max_page_size  # type: ignore[attr-defined]
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
    at_limit = [gid("Area", _key("Area"))] * maximum
    assert len(api.data(query, {"ids": at_limit})["nodes"]) == maximum
    before = api.store.round_trips
    error = api.error(query, {"ids": [*at_limit, gid("Area", _key("Area"))]})
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert error["extensions"]["field"] == "ids"
    assert error["extensions"]["maximum"] == maximum
    assert str(maximum) in error["message"]
    # Refused before any node is read.
    assert api.store.round_trips == before
