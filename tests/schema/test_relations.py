"""Relation connections under each parent, and one round trip per level of a nested query."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import Label, Rel
from graph.store import Neo4jStore
from tests.support.graphql import Api, Json, gid
from tests.support.graphs import T0, Graph
from tests.support.paging import PAGE_INFO, check_page

COMMUNITIES = 50
STATES = ["RECEIVED", "DISPATCHED", "IN_PROGRESS", "RESOLVED"]
UNIT_KINDS = ["REGIONAL_UNIT", "SCHOOL", "REGIONAL_UNIT", "HOSPITAL", "REGIONAL_UNIT"]


def _units_of(i: int) -> int:
    # Community 0 has enough units to page through; the others have three.
    return 7 if i == 0 else 3


def _issue_key(i: int, j: int) -> str:
    return f"issue/c{i:02}-{j}"


@pytest.fixture(scope="module")
async def graph(shared_store: Neo4jStore) -> Graph:
    """50 communities, each with units and four issues assigned to a lead (and an assistant)."""
    graph = Graph.on(shared_store)
    await graph.nodes(
        Label.COMMUNITY,
        [
            {"key": f"area/c{i:02}", "name": f"社区{i:02}", "level": "COMMUNITY"}
            for i in range(COMMUNITIES)
        ],
    )
    units = [
        {
            "key": f"org/c{i:02}-u{j}",
            # Names run against keys, so ordering by name differs from ordering by key.
            "name": f"{'戊丁丙乙甲己庚'[j]}单位",
            "kind": UNIT_KINDS[j % 5],
        }
        for i in range(COMMUNITIES)
        for j in range(_units_of(i))
    ]
    await graph.nodes(Label.ORGANIZATION, units)
    await graph.links(
        Rel.LOCATED_IN,
        Label.ORGANIZATION,
        Label.AREA,
        [
            (f"org/c{i:02}-u{j}", f"area/c{i:02}")
            for i in range(COMMUNITIES)
            for j in range(_units_of(i))
        ],
    )
    handlers = [{"key": f"org/lead{n}", "name": f"牵头{n}", "kind": "DEPARTMENT"} for n in range(5)]
    handlers += [
        {"key": f"org/assist{n}", "name": f"协办{n}", "kind": "DIRECT_UNIT"} for n in range(3)
    ]
    await graph.nodes(Label.ORGANIZATION, handlers)
    issues = [
        {
            "key": _issue_key(i, j),
            "title": f"问题{i}-{j}",
            "state": STATES[j],
            "channel": "PHONE",
            "reportedAt": T0 + dt.timedelta(minutes=10 * i + j),
        }
        for i in range(COMMUNITIES)
        for j in range(4)
    ]
    await graph.nodes(Label.ISSUE, issues)
    located = [(_issue_key(i, j), f"area/c{i:02}") for i in range(COMMUNITIES) for j in range(4)]
    await graph.links(Rel.LOCATED_IN, Label.ISSUE, Label.AREA, located)
    leads = [
        (_issue_key(i, j), f"org/lead{(i + j) % 5}") for i in range(COMMUNITIES) for j in range(4)
    ]
    await graph.links(Rel.ASSIGNED_TO, Label.ISSUE, Label.ORGANIZATION, leads, role="LEAD")
    assists = [
        (_issue_key(i, j), f"org/assist{i % 3}")
        for i in range(COMMUNITIES)
        for j in range(4)
        if j % 2 == 0
    ]
    await graph.links(Rel.ASSIGNED_TO, Label.ISSUE, Label.ORGANIZATION, assists, role="ASSIST")
    return graph


NESTED = """
{ communities(first: 50) { edges { node { name issues(first: 5) { edges { node {
    title assignments { role organization { name } } } } } } } } }
"""


def test_nested_query_costs_one_round_trip_per_level(api: Api, graph: Graph) -> None:
    before = api.store.round_trips
    data = api.data(NESTED)
    spent = api.store.round_trips - before
    # Communities (1), their issues batched (1), the issues' assignments batched (1).
    assert spent <= 3, spent
    edges = data["communities"]["edges"]
    assert len(edges) == COMMUNITIES
    for i, edge in enumerate(edges):
        community = edge["node"]
        assert community["name"] == f"社区{i:02}"
        issues = [issue["node"] for issue in community["issues"]["edges"]]
        # Newest first, and each issue's lead before its assistant.
        assert [issue["title"] for issue in issues] == [f"问题{i}-{j}" for j in (3, 2, 1, 0)]
        for j, issue in zip((3, 2, 1, 0), issues, strict=True):
            expected = [{"role": "LEAD", "organization": {"name": f"牵头{(i + j) % 5}"}}]
            if j % 2 == 0:
                expected.append({"role": "ASSIST", "organization": {"name": f"协办{i % 3}"}})
            assert issue["assignments"] == expected


def test_counts_and_two_relations_cost_one_round_trip_each(api: Api, graph: Graph) -> None:
    query = """{ communities(first: 20) { totalCount edges { node {
        units(first: 1) { totalCount } issues(first: 1) { totalCount } } } } }"""
    before = api.store.round_trips
    data = api.data(query)
    assert api.store.round_trips - before <= 3
    assert data["communities"]["totalCount"] == COMMUNITIES
    units = [edge["node"]["units"]["totalCount"] for edge in data["communities"]["edges"]]
    assert units == [_units_of(i) for i in range(20)]
    issues = {edge["node"]["issues"]["totalCount"] for edge in data["communities"]["edges"]}
    assert issues == {4}


def test_nodes_refetch_is_one_round_trip(api: Api, graph: Graph) -> None:
    ids = [gid("Organization", f"org/c{i:02}-u0") for i in range(30)]
    before = api.store.round_trips
    data = api.data("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids})
    assert api.store.round_trips - before == 1
    assert [node["id"] for node in data["nodes"]] == ids


UNITS = f"""
query($id: ID!, $first: Int, $after: String, $last: Int, $before: String,
      $filter: OrganizationFilter, $orderBy: [OrganizationOrder!]) {{
  node(id: $id) {{ ... on Area {{
    units(first: $first, after: $after, last: $last, before: $before, filter: $filter,
          orderBy: $orderBy) {{ totalCount edges {{ cursor node {{ id name }} }} {PAGE_INFO} }}
  }} }}
}}
"""


def _walk_units(
    api: Api, *, expected: list[str], size: int, backward: bool, **variables: object
) -> None:
    cursor: str | None = None
    chunks = [expected[i : i + size] for i in range(0, len(expected), size)]
    if backward:
        chunks = [expected[max(0, end - size) : end] for end in range(len(expected), 0, -size)]
    for index, chunk in enumerate(chunks):
        more = index < len(chunks) - 1
        args: Json = {"id": gid("Area", "area/c00"), **variables}
        args |= {"last": size, "before": cursor} if backward else {"first": size, "after": cursor}
        units = api.data(UNITS, args)["node"]["units"]
        ids = check_page(
            units,
            size=size,
            total=len(expected),
            has_next=index > 0 if backward else more,
            has_previous=more if backward else index > 0,
        )
        assert ids == chunk
        cursor = units["pageInfo"]["startCursor" if backward else "endCursor"]


@pytest.mark.parametrize("backward", [False, True], ids=["forward", "backward"])
def test_units_of_one_community_page_in_key_order(api: Api, graph: Graph, backward: bool) -> None:
    expected = [gid("Organization", f"org/c00-u{j}") for j in range(7)]
    _walk_units(api, expected=expected, size=3, backward=backward)


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_units_page_by_name_with_a_filter(api: Api, graph: Graph, direction: str) -> None:
    # Regional units are u0, u2, u4 and u5 (names 戊, 丙, 甲, 己), not in key order by name.
    kept = [j for j in range(7) if UNIT_KINDS[j % 5] == "REGIONAL_UNIT"]
    names = "戊丁丙乙甲己庚"
    kept.sort(key=lambda j: names[j], reverse=direction == "DESC")
    expected = [gid("Organization", f"org/c00-u{j}") for j in kept]
    assert expected != sorted(expected)
    for backward in (False, True):
        _walk_units(
            api,
            expected=expected,
            size=2,
            backward=backward,
            filter={"kinds": ["REGIONAL_UNIT"]},
            orderBy={"field": "NAME", "direction": direction},
        )


def test_relation_arguments_apply_to_every_parent(api: Api, graph: Graph) -> None:
    query = """{ communities(first: 10) { edges { node { id
        issues(first: 1, filter: {states: [DISPATCHED, RESOLVED]},
               orderBy: {field: REPORTED_AT, direction: ASC}) {
          totalCount edges { node { title state } } pageInfo { hasNextPage hasPreviousPage } }
        units(last: 1, filter: {kinds: [SCHOOL]}) { totalCount edges { node { id } } } } } } }"""
    for i, edge in enumerate(api.data(query)["communities"]["edges"]):
        issues = edge["node"]["issues"]
        assert issues["totalCount"] == 2
        assert [e["node"] for e in issues["edges"]] == [
            {"title": f"问题{i}-1", "state": "DISPATCHED"}
        ]
        assert issues["pageInfo"] == {"hasNextPage": True, "hasPreviousPage": False}
        schools = [j for j in range(_units_of(i)) if UNIT_KINDS[j % 5] == "SCHOOL"]
        units = edge["node"]["units"]
        assert units["totalCount"] == len(schools)
        assert [e["node"]["id"] for e in units["edges"]] == [
            gid("Organization", f"org/c{i:02}-u{schools[-1]}")
        ]


def test_issues_of_an_organization_page_with_a_cursor(api: Api, graph: Graph) -> None:
    # org/assist0 assists issues 0 and 2 of every community whose number is a multiple of 3.
    assisted = sorted(
        ((i, j) for i in range(0, COMMUNITIES, 3) for j in (0, 2)),
        key=lambda pair: (10 * pair[0] + pair[1], _issue_key(*pair)),
        reverse=True,
    )
    expected = [gid("Issue", _issue_key(i, j)) for i, j in assisted]
    query = f"""query($id: ID!, $after: String) {{ node(id: $id) {{ ... on Organization {{
        issues(first: 7, after: $after) {{
          totalCount edges {{ cursor node {{ id }} }} {PAGE_INFO} }} }} }} }}"""
    seen: list[str] = []
    after: str | None = None
    for index in range(0, len(expected), 7):
        issues = api.data(query, {"id": gid("Organization", "org/assist0"), "after": after})
        connection = issues["node"]["issues"]
        seen += check_page(
            connection,
            size=7,
            total=len(expected),
            has_next=index + 7 < len(expected),
            has_previous=index > 0,
        )
        after = connection["pageInfo"]["endCursor"]
    assert seen == expected


def test_a_bad_relation_argument_is_a_user_error(api: Api, graph: Graph) -> None:
    query = """{ communities(first: 2) { edges { node {
        units(first: 2, after: "nonsense") { totalCount } } } } }"""
    result = api.post(query)
    assert {error["extensions"]["code"] for error in result["errors"]} == {"BAD_USER_INPUT"}


def test_aliased_relations_with_different_arguments_stay_apart(api: Api, graph: Graph) -> None:
    query = """query($id: ID!) { node(id: $id) { ... on Area {
        byKey: units(first: 2) { edges { node { id } } }
        byName: units(first: 2, orderBy: {field: NAME, direction: DESC}) { edges { node { id } } }
        schools: units(filter: {kinds: [SCHOOL]}) { totalCount } } } }"""
    area = api.data(query, {"id": gid("Area", "area/c00")})["node"]
    assert [e["node"]["id"] for e in area["byKey"]["edges"]] == [
        gid("Organization", "org/c00-u0"),
        gid("Organization", "org/c00-u1"),
    ]
    # 甲 (u4) and 戊 (u0) are the two greatest names.
    assert [e["node"]["id"] for e in area["byName"]["edges"]] == [
        gid("Organization", "org/c00-u4"),
        gid("Organization", "org/c00-u0"),
    ]
    assert area["schools"] == {"totalCount": 2}
