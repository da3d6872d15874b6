"""Roles against kinds of data on the demo graph: who sees which issues and people."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph.model import Label
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.paging import Cursor
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import Json, client_for, gid, post, run
from tests.support.graphs import (
    BYSTANDER,
    HANDLER,
    RESIDENT,
    RESIDENT_NAME,
    STAFF,
    add_issue,
    reported_resident,
)

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


# --- A resident shown masked cannot be found by the name it hides ------------------------------

PEOPLE = """
query($prefix: String, $after: String, $order: [PersonOrder!], $roles: [PersonRole!]) {
  people(first: 10, after: $after, orderBy: $order,
         filter: {namePrefix: $prefix, roles: $roles}) {
    totalCount edges { node { id name } } pageInfo { endCursor }
  }
}
"""


@pytest.fixture
def readers(store: Neo4jStore, settings: Settings) -> Iterator[dict[str, TestClient]]:
    """Who sees the resident whole (admin, its handler) and who sees it masked."""
    made = {
        "admin": client_for(settings, Role.ADMIN),
        "handler": client_for(settings, Role.COORDINATOR, sub="person/h", org=HANDLER),
        "bystander": client_for(settings, Role.COORDINATOR, sub="person/b", org=BYSTANDER),
        "observer": client_for(settings, Role.OBSERVER, sub="person/obs"),
    }
    for client in made.values():
        client.__enter__()
    yield made
    for client in made.values():
        client.__exit__(None, None, None)


def _people(client: TestClient, **variables: object) -> list[str]:
    found = run(client, PEOPLE, **variables)["people"]
    if "after" not in variables:
        # The total counts what the filter matches, so it hides a masked resident too.
        assert found["totalCount"] == len(found["edges"])
    return [edge["node"]["id"] for edge in found["edges"]]


async def test_a_name_prefix_matches_a_resident_only_for_who_sees_it_whole(
    store: Neo4jStore, readers: dict[str, TestClient]
) -> None:
    await reported_resident(store)
    resident, staff = gid("Person", RESIDENT), gid("Person", STAFF)
    for who, whole in (
        ("admin", True),
        ("handler", True),
        ("bystander", False),
        ("observer", False),
    ):
        for prefix in ("王", "王小", RESIDENT_NAME):
            found = _people(readers[who], prefix=prefix)
            assert (resident in found) is whole, (who, prefix)
        # Public people are matched by name as before.
        assert staff in _people(readers[who], prefix="王"), who


async def test_a_name_cursor_compares_a_masked_resident_by_the_name_shown(
    store: Neo4jStore, readers: dict[str, TestClient]
) -> None:
    await reported_resident(store)
    resident = gid("Person", RESIDENT)
    order = {"field": "NAME", "direction": "ASC"}

    def after(who: str, probe: str) -> bool:
        cursor = Cursor.one("name", probe, "").encode()
        return resident in _people(readers[who], after=cursor, order=order, roles=["RESIDENT"])

    probes = ("王大", "王小", RESIDENT_NAME, "王尐")
    # Whole, the name orders the resident among crafted cursors: 王大 < 王小 < 王小明 < 王尐
    # (at 王小明 itself, its key is past the cursor's empty one).
    assert [after("handler", probe) for probe in probes] == [True, True, True, False]
    # Masked, only the shown 王** counts: no cursor tells one hidden name from another.
    for who in ("bystander", "observer"):
        assert [after(who, probe) for probe in probes] == [False] * 4, who
        assert after(who, "王"), who


async def test_paging_people_by_name_walks_masked_residents_once_each(
    store: Neo4jStore, readers: dict[str, TestClient]
) -> None:
    await reported_resident(store)
    # Residents whose hidden names sort apart from the names they show.
    names = ("王一", "王三二", "李四", "王二", "王")
    await store.upsert_nodes(
        Label.PERSON,
        [
            {"key": f"person/r{n}", "name": name, "roles": ["RESIDENT"]}
            for n, name in enumerate(names, start=1)
        ],
    )
    order = {"field": "NAME", "direction": "ASC"}
    everyone = sorted(_people(readers["admin"], order=order))
    for who in ("bystander", "observer"):
        seen: list[str] = []
        shown: list[str] = []
        cursor = None
        # Bounded: a cursor that does not move past the rows it has shown would loop forever.
        for _ in range(len(everyone) + 1):
            page = run(
                readers[who], PEOPLE.replace("first: 10", "first: 2"), after=cursor, order=order
            )["people"]
            if not page["edges"]:
                break
            seen += [edge["node"]["id"] for edge in page["edges"]]
            shown += [edge["node"]["name"] for edge in page["edges"]]
            cursor = page["pageInfo"]["endCursor"]
        assert sorted(seen) == everyone and len(seen) == len(set(seen)), who
        assert shown == sorted(shown), (who, shown)


async def test_acting_on_a_hidden_issue_answers_as_acting_on_a_missing_one(
    store: Neo4jStore, readers: dict[str, TestClient], settings: Settings
) -> None:
    await reported_resident(store)
    # Hidden from the bystander (another organization's) and from the observer (elsewhere).
    f = Fixture()
    f.known(Label.CATEGORY, "category/water")
    f.add(Label.COMMUNITY, "community/b", name="乙社区", level="COMMUNITY")
    add_issue(f, "issue/elsewhere", state="RESOLVED", category="category/water", area="community/b")
    await f.write(store)
    missing = "issue/no-such-issue"

    def answer(who: str, call: str, key: str) -> Json:
        body = post(
            readers[who],
            f"mutation($id: ID!) {{ step: {call} {{ __typename }} }}",
            id=gid("Issue", key),
        )
        # Alike means alike to the letter, but for the key the client sent.
        result: Json = json.loads(json.dumps(body, ensure_ascii=False).replace(key, "KEY"))
        return result

    for who, hidden, call in (
        ("bystander", "issue/water", "acceptIssue(id: $id)"),
        ("bystander", "issue/water", 'dispatchIssue(id: $id, reason: "派单")'),
        ("bystander", "issue/water", 'escalateIssue(id: $id, reason: "协调")'),
        ("bystander", "issue/water", 'rejectIssue(id: $id, reason: "无效")'),
        (
            "bystander",
            "issue/water",
            f'markDuplicate(id: $id, original: "{gid("Issue", "issue/water")}")',
        ),
        ("observer", "issue/elsewhere", "recordFeedback(id: $id, satisfaction: 4)"),
    ):
        seen = answer(who, call, hidden)
        assert seen == answer(who, call, missing), (who, call)
        [error] = seen["errors"]
        assert error["extensions"]["code"] == "NOT_FOUND", (who, call, error)
    # A role that may not act on issues at all is told so, whichever issue it names.
    with client_for(settings, Role.VIEWER, sub="screen/1") as viewer:
        for key in ("issue/water", missing):
            body = post(
                viewer,
                "mutation($id: ID!) { acceptIssue(id: $id) { __typename } }",
                id=gid("Issue", key),
            )
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
