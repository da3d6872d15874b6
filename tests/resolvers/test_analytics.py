"""Coordination analytics: shortest coordination paths, key coordinators, the versioned cache."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import networkx as nx  # type: ignore[import-untyped]
import pytest
from starlette.testclient import TestClient

from graph.analytics import CoordinationGraph, LinkKind, party_id
from graph.model import Label, Rel
from graph.store import Neo4jStore
from resolvers import analytics
from resolvers.access.principal import SYSTEM, Principal, Role
from resolvers.analytics import PartyRef
from schema.context import Context
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import Json, client_for, gid, post, run
from web import graphql as graphql_module

ORG = Label.ORGANIZATION
PERSON = Label.PERSON

# The hand-made graph: two clusters, {A, B} and {C, D}, that only the hub joins.
#
#   P ─member─ A ─m1─ B ─visit─ L          Z, R: linked to nobody
#               \m1  /m1
#                 HUB ─m2─ C ─(i1, w1)─ D ─reported i2─ Q
ORGS = {
    "org/a": ("甲单位", "DIRECT_UNIT"),
    "org/b": ("乙单位", "DIRECT_UNIT"),
    "org/hub": ("协调中心", "CENTER"),
    "org/c": ("丙公司", "SERVICE_COMPANY"),
    "org/d": ("丁局", "GOV_DEPARTMENT"),
    "org/z": ("孤立单位", "SCHOOL"),
}
PEOPLE = {
    "person/p": "成员甲",
    "person/q": "观察员乙",
    "person/leader": "组长丙",
    "person/r": "居民丁",
}
EXPECTED_EDGES = [
    ("org/a", "org/b"),
    ("org/a", "org/hub"),
    ("org/b", "org/hub"),
    ("org/hub", "org/c"),
    ("org/c", "org/d"),
    ("person/p", "org/a"),
    ("person/q", "org/d"),
    ("person/leader", "org/b"),
]


def node_id(key: str) -> str:
    return party_id(PERSON if key.startswith("person/") else ORG, key)


def add_meeting(f: Fixture, key: str, *orgs: str) -> None:
    f.add(Label.MEETING, key, title=f"会议{key[-2:]}")
    f.links(Rel.ATTENDED_BY, [(key, org) for org in orgs])


def add_organizations(f: Fixture, *keys: str) -> None:
    for key in keys:
        f.add(ORG, key, name=key.upper(), kind="DIRECT_UNIT")


async def meeting(store: Neo4jStore, key: str, *orgs: str) -> None:
    """Write one more meeting between organizations already in the store."""
    f = Fixture()
    f.known(ORG, *orgs)
    add_meeting(f, key, *orgs)
    await f.write(store)


async def build_hand_graph(store: Neo4jStore) -> None:
    f = Fixture()
    for key, (name, kind) in ORGS.items():
        f.add(ORG, key, name=name, kind=kind)
    for key, name in PEOPLE.items():
        f.add(PERSON, key, name=name)
    add_meeting(f, "meeting/m1", "org/a", "org/b", "org/hub")
    add_meeting(f, "meeting/m2", "org/hub", "org/c")
    f.add(Label.ISSUE, "issue/i1", title="污水外排")
    f.add(Label.ISSUE, "issue/i2", title="医保无法结算")
    f.link(Rel.ASSIGNED_TO, "issue/i1", "org/c", role="LEAD")
    f.link(Rel.ASSIGNED_TO, "issue/i1", "org/d", role="ASSIST")
    f.link(Rel.ASSIGNED_TO, "issue/i2", "org/d", role="LEAD")
    f.add(Label.WHISTLE, "whistle/w1", reason="吹哨报到")
    f.link(Rel.ABOUT, "whistle/w1", "issue/i1")
    f.link(Rel.SUMMONS, "whistle/w1", "org/d")
    f.link(Rel.REPORTED, "person/q", "issue/i2")
    f.link(Rel.MEMBER_OF, "person/p", "org/a", role="CONTACT")
    f.add(Label.VISIT_GROUP, "visit-group/g", name="第一小组")
    f.add(Label.VISIT, "visit/v", summary="走访")
    f.link(Rel.LED_BY, "visit-group/g", "person/leader")
    f.link(Rel.CONDUCTED_BY, "visit/v", "visit-group/g")
    f.link(Rel.VISITED, "visit/v", "org/b")
    await f.write(store)


def expected_graph() -> Any:
    graph = nx.Graph()
    graph.add_nodes_from(node_id(key) for key in (*ORGS, *PEOPLE))
    graph.add_edges_from((node_id(a), node_id(b)) for a, b in EXPECTED_EDGES)
    return graph


@pytest.fixture
async def hand(store: Neo4jStore) -> Neo4jStore:
    """The hand-made graph in a clean database."""
    await build_hand_graph(store)
    return store


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with client_for(settings) as client:
        yield client


def error_code(client: TestClient, query: str, **variables: Any) -> str:
    body = client.post("/graphql", json={"query": query, "variables": variables}).json()
    code: str = body["errors"][0]["extensions"]["code"]
    return code


async def test_the_graph_links_exactly_the_parties_the_evidence_links(hand: Neo4jStore) -> None:
    snapshot = await CoordinationGraph().get(hand)
    got = {frozenset(edge) for edge in snapshot.graph.edges}
    assert got == {frozenset(edge) for edge in expected_graph().edges}
    assert snapshot.node_count == len(ORGS) + len(PEOPLE)
    c_d = snapshot.graph.edges[node_id("org/c"), node_id("org/d")]
    assert c_d["evidence_count"] == 2
    assert c_d["weight"] == pytest.approx(1 / 3)
    assert c_d["kinds"] == (LinkKind.ISSUE, LinkKind.WHISTLE)


async def test_the_path_crosses_the_hub_and_names_its_evidence(hand: Neo4jStore) -> None:
    snapshot = await CoordinationGraph().get(hand)
    path = snapshot.path(node_id("person/p"), node_id("person/q"), max_hops=6)
    assert path.found and path.hops == 5
    assert [p.key for p in path.parties] == [
        "person/p",
        "org/a",
        "org/hub",
        "org/c",
        "org/d",
        "person/q",
    ]
    evidence = [[(e.kind, e.key, e.title) for e in link.evidence] for link in path.links]
    assert evidence == [
        [(LinkKind.MEMBERSHIP, "org/a", "甲单位 · CONTACT")],
        [(LinkKind.MEETING, "meeting/m1", "会议m1")],
        [(LinkKind.MEETING, "meeting/m2", "会议m2")],
        [(LinkKind.ISSUE, "issue/i1", "污水外排"), (LinkKind.WHISTLE, "whistle/w1", "吹哨报到")],
        [(LinkKind.REPORTED, "issue/i2", "医保无法结算")],
    ]


async def test_unreachable_and_too_far_parties_are_not_found_with_a_reason(
    hand: Neo4jStore,
) -> None:
    snapshot = await CoordinationGraph().get(hand)
    isolated = snapshot.path(node_id("person/p"), node_id("org/z"), max_hops=6)
    assert not isolated.found and isolated.hops is None and isolated.links == ()
    assert "No chain" in (isolated.reason("P", "Z") or "")
    too_far = snapshot.path(node_id("person/p"), node_id("person/q"), max_hops=4)
    assert not too_far.found
    assert "5 hops" in (too_far.reason("P", "Q") or "")


async def test_fewer_hops_beat_stronger_ties(store: Neo4jStore) -> None:
    f = Fixture()
    add_organizations(f, "org/s", "org/t", "org/u")
    add_meeting(f, "meeting/st", "org/s", "org/t")
    for n in range(4):
        add_meeting(f, f"meeting/su{n}", "org/s", "org/u")
        add_meeting(f, f"meeting/ut{n}", "org/u", "org/t")
    await f.write(store)
    snapshot = await CoordinationGraph().get(store)
    path = snapshot.path("Organization:org/s", "Organization:org/t", max_hops=6)
    # Summed weights alone (0.2 + 0.2 < 0.5) would take the detour through U.
    assert [p.key for p in path.parties] == ["org/s", "org/t"]


async def test_among_chains_of_equal_length_the_strongest_ties_win(store: Neo4jStore) -> None:
    f = Fixture()
    add_organizations(f, "org/s", "org/t", "org/weak", "org/strong")
    add_meeting(f, "meeting/w1", "org/s", "org/weak")
    add_meeting(f, "meeting/w2", "org/weak", "org/t")
    for n in range(2):
        add_meeting(f, f"meeting/s{n}", "org/s", "org/strong")
        add_meeting(f, f"meeting/t{n}", "org/strong", "org/t")
    await f.write(store)
    snapshot = await CoordinationGraph().get(store)
    path = snapshot.path("Organization:org/s", "Organization:org/t", max_hops=6)
    assert [p.key for p in path.parties] == ["org/s", "org/strong", "org/t"]
    assert [link.evidence_count for link in path.links] == [2, 2]


async def test_the_hub_has_the_highest_betweenness_networkx_gives_by_hand(
    hand: Neo4jStore,
) -> None:
    snapshot, centrality = await CoordinationGraph().centrality(hand)
    by_hand = nx.betweenness_centrality(expected_graph(), normalized=True)
    assert dict(centrality.scores) == pytest.approx(by_hand)
    top = snapshot.rank(centrality, limit=3, kind=None)
    assert [c.party.key for c in top] == ["org/hub", "org/c", "org/a"]
    # The hub sits on every chain between {A, B, P, L} and {C, D, Q}: 12 of 36 pairs.
    assert top[0].betweenness == pytest.approx(12 / 36)
    assert top[0].degree == 3
    assert not centrality.approximate


async def test_a_second_call_reuses_the_build_after_one_version_read(hand: Neo4jStore) -> None:
    cache = CoordinationGraph()
    first, first_centrality = await cache.centrality(hand)
    before = hand.round_trips
    second, second_centrality = await cache.centrality(hand)
    assert second is first and second_centrality is first_centrality
    assert cache.builds == 1
    assert hand.round_trips == before + 1


async def test_a_write_changes_the_version_and_triggers_a_rebuild(hand: Neo4jStore) -> None:
    cache = CoordinationGraph()
    first = await cache.get(hand)
    assert not first.path(node_id("person/p"), node_id("org/z"), 6).found
    await meeting(hand, "meeting/m3", "org/hub", "org/z")
    second = await cache.get(hand)
    assert cache.builds == 2 and second.version != first.version
    path = second.path(node_id("person/p"), node_id("org/z"), 6)
    assert [p.key for p in path.parties] == ["person/p", "org/a", "org/hub", "org/z"]
    # A rename changes no count, yet it is a new version too: evidence shows the new title.
    await hand.execute("MATCH (m:Meeting {key: 'meeting/m3'}) SET m.title = '新标题'")
    third = await cache.get(hand)
    assert cache.builds == 3
    [link] = third.path(node_id("org/hub"), node_id("org/z"), 6).links
    assert [e.title for e in link.evidence] == ["新标题"]


PATH = """
query($from: ID!, $to: ID!, $maxHops: Int! = 6) {
  coordinationPath(from: $from, to: $to, maxHops: $maxHops) {
    found reason hops
    source { ... on Person { name } }
    parties { __typename ... on Organization { name kind } ... on Person { name } }
    links {
      kinds evidenceCount weight
      source { ... on Organization { name } ... on Person { name } }
      evidence { kind key title node { __typename ... on Meeting { title } } }
    }
    graph { version nodes edges }
  }
}
"""


async def test_coordination_path_over_graphql(hand: Neo4jStore, client: TestClient) -> None:
    answer = run(
        client, PATH, **{"from": gid("Person", "person/p"), "to": gid("Person", "person/q")}
    )
    path = answer["coordinationPath"]
    assert path["found"] and path["hops"] == 5 and path["reason"] is None
    assert path["source"] == {"name": "成员甲"}
    assert [p.get("name") for p in path["parties"]] == [
        "成员甲",
        "甲单位",
        "协调中心",
        "丙公司",
        "丁局",
        "观察员乙",
    ]
    assert path["parties"][2] == {
        "__typename": "Organization",
        "name": "协调中心",
        "kind": "CENTER",
    }
    second = path["links"][1]
    assert second["source"] == {"name": "甲单位"}
    assert second["kinds"] == ["MEETING"] and second["weight"] == 0.5
    assert second["evidence"] == [
        {
            "kind": "MEETING",
            "key": "meeting/m1",
            "title": "会议m1",
            "node": {"__typename": "Meeting", "title": "会议m1"},
        }
    ]
    assert path["graph"]["nodes"] == 10 and path["graph"]["edges"] == 8

    unreachable = run(
        client, PATH, **{"from": gid("Person", "person/p"), "to": gid("Organization", "org/z")}
    )["coordinationPath"]
    assert unreachable["found"] is False and unreachable["hops"] is None
    assert unreachable["parties"] == [] and "No chain" in unreachable["reason"]


async def test_bad_coordination_path_arguments_are_user_errors(
    hand: Neo4jStore, client: TestClient
) -> None:
    person, org = gid("Person", "person/p"), gid("Organization", "org/a")
    assert error_code(client, PATH, **{"from": gid("Issue", "issue/i1"), "to": org}) == (
        "BAD_USER_INPUT"
    )
    assert error_code(client, PATH, **{"from": person, "to": org, "maxHops": 0}) == (
        "BAD_USER_INPUT"
    )
    missing = gid("Organization", "org/nowhere")
    assert error_code(client, PATH, **{"from": person, "to": missing}) == "NOT_FOUND"


KEY_COORDINATORS = """
query($limit: Int! = 10, $kind: OrgKind) {
  keyCoordinators(limit: $limit, kind: $kind) {
    approximate
    graph { version nodes edges }
    coordinators {
      betweenness degree
      party { __typename ... on Organization { id kind } ... on Person { id } }
    }
  }
}
"""


async def test_key_coordinators_over_graphql(hand: Neo4jStore, client: TestClient) -> None:
    ranking = run(client, KEY_COORDINATORS, limit=2)["keyCoordinators"]
    assert ranking["approximate"] is False
    assert ranking["graph"]["nodes"] == 10 and ranking["graph"]["edges"] == 8
    assert [c["party"]["id"] for c in ranking["coordinators"]] == [
        gid("Organization", "org/hub"),
        gid("Organization", "org/c"),
    ]
    assert ranking["coordinators"][0]["betweenness"] == pytest.approx(12 / 36)
    assert ranking["coordinators"][0]["degree"] == 3
    only = run(client, KEY_COORDINATORS, kind="GOV_DEPARTMENT")["keyCoordinators"]
    assert [c["party"] for c in only["coordinators"]] == [
        {"__typename": "Organization", "id": gid("Organization", "org/d"), "kind": "GOV_DEPARTMENT"}
    ]
    assert error_code(client, KEY_COORDINATORS, limit=0) == "BAD_USER_INPUT"


async def test_an_app_wide_cache_on_the_context_serves_every_request(
    hand: Neo4jStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = CoordinationGraph()
    plain = graphql_module.LianxinGraphQL.get_context

    async def with_cache(self: Any, request: Any, response: Any) -> Context:
        context = await plain(self, request, response)
        context.analytics = cache
        return context

    monkeypatch.setattr(graphql_module.LianxinGraphQL, "get_context", with_cache)
    with client_for(settings) as client:
        versions = {
            run(client, KEY_COORDINATORS)["keyCoordinators"]["graph"]["version"] for _ in range(3)
        }
    assert len(versions) == 1
    assert cache.builds == 1


async def test_the_demo_graph_links_ruijing_s_observer_to_the_medical_insurance_bureau(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    [observer] = await demo.query(
        "MATCH (p:Person)-[:OBSERVES]->(:Community {key: 'community/ruijing'}) RETURN p.key AS key"
    )
    bureau = gid("Organization", "org/medical-insurance-bureau")
    with client_for(demo_settings) as client:
        path = run(client, PATH, **{"from": gid("Person", observer["key"]), "to": bureau})
        ranking = run(client, KEY_COORDINATORS, limit=5)["keyCoordinators"]
    found = path["coordinationPath"]
    assert found["found"] and found["parties"][-1]["name"] == "东营区医疗保障局"
    evidence = [e["title"] for link in found["links"] for e in link["evidence"]]
    assert "油田医保在瑞景社区周边无法结算" in evidence
    top = [c["party"] for c in ranking["coordinators"]]
    assert any(
        party.get("id") == gid("Organization", "org/center")
        or party.get("kind") in ("CENTER", "DEPARTMENT")
        for party in top
    ), top
    # A viewer walks the same public chain without the issue that links it, and no resident.
    residents = await demo.query(
        "MATCH (p:Person) WHERE p.roles = ['RESIDENT'] RETURN p.key AS key"
    )
    assert residents
    with client_for(demo_settings, Role.VIEWER, sub="screen/lobby") as viewer:
        seen = run(viewer, PATH, **{"from": gid("Person", observer["key"]), "to": bureau})
        ranked = run(viewer, KEY_COORDINATORS, limit=100)["keyCoordinators"]
    titles = [e["title"] for link in seen["coordinationPath"]["links"] for e in link["evidence"]]
    assert "油田医保在瑞景社区周边无法结算" not in titles
    shown = {c["party"].get("id") for c in ranked["coordinators"]}
    assert not shown & {gid("Person", row["key"]) for row in residents}


# The hand-made graph with what the access rules read: a private resident who alone links A
# to Z, an observer of the community issue i1 lies in, and an older issue i0 between C and D.
#
#   A ─reported i3─ RES ─reported i4─ Z      O observes c1 ∋ i1;  D leads i0, C assists
RESIDENT = "person/res"
RESIDENT_NAME = "王小明"
OBSERVER = "person/o"
ISSUE_TITLES = ("旧案", "污水外排", "医保无法结算", "王小明家漏水", "王小明反映噪音")
ISSUE_KINDS = {"ISSUE", "WHISTLE", "REPORTED"}


async def build_guarded_graph(store: Neo4jStore) -> None:
    await build_hand_graph(store)
    f = Fixture()
    f.known(ORG, "org/a", "org/c", "org/d", "org/z")
    f.known(Label.ISSUE, "issue/i1")
    f.add(PERSON, RESIDENT, name=RESIDENT_NAME, phone="13712345678", roles=["RESIDENT"])
    f.add(PERSON, OBSERVER, name="观察员戊", roles=["OBSERVER", "RESIDENT"])
    f.add(Label.COMMUNITY, "community/c1", name="一号社区", level="COMMUNITY")
    f.link(Rel.OBSERVES, OBSERVER, "community/c1")
    f.add(Label.ISSUE, "issue/i0", title="旧案")
    f.link(Rel.ASSIGNED_TO, "issue/i0", "org/d", role="LEAD")
    f.link(Rel.ASSIGNED_TO, "issue/i0", "org/c", role="ASSIST")
    f.add(Label.ISSUE, "issue/i3", title="王小明家漏水")
    f.add(Label.ISSUE, "issue/i4", title="王小明反映噪音")
    f.link(Rel.ASSIGNED_TO, "issue/i3", "org/a", role="LEAD")
    f.link(Rel.ASSIGNED_TO, "issue/i4", "org/z", role="LEAD")
    f.links(Rel.REPORTED, [(RESIDENT, "issue/i3"), (RESIDENT, "issue/i4")])
    await f.write(store)
    f = Fixture()
    f.known(Label.ISSUE, "issue/i1")
    f.known(Label.COMMUNITY, "community/c1")
    f.link(Rel.LOCATED_IN, "issue/i1", "community/c1")
    await f.write(store)


@pytest.fixture
async def guarded(store: Neo4jStore) -> Neo4jStore:
    """The hand-made graph with a resident, an observer and one more issue."""
    await build_guarded_graph(store)
    return store


def path_of(client: TestClient, source: str, target: str) -> Json:
    """The coordinationPath answer between two parties named by key."""
    ids = {"from": gid(*_typed(source)), "to": gid(*_typed(target))}
    answer: Json = run(client, PATH, **ids)["coordinationPath"]
    return answer


def _typed(key: str) -> tuple[str, str]:
    return ("Person" if key.startswith("person/") else "Organization", key)


def evidence_keys(path: Json) -> list[list[str]]:
    """The keys of each link's evidence, in order."""
    return [[e["key"] for e in link["evidence"]] for link in path["links"]]


@pytest.fixture
def clients(settings: Settings) -> Iterator[dict[str, TestClient]]:
    """One client per principal the access tests compare."""
    made = {
        "admin": client_for(settings),
        "viewer": client_for(settings, Role.VIEWER, sub="screen/lobby"),
        "observer": client_for(settings, Role.OBSERVER, sub=OBSERVER),
        "c": client_for(settings, Role.COORDINATOR, sub="person/c-staff", org="org/c"),
        "a": client_for(settings, Role.COORDINATOR, sub="person/a-staff", org="org/a"),
        "center": client_for(settings, Role.COORDINATOR, sub="person/hub", org="org/hub"),
    }
    for client in made.values():
        client.__enter__()
    yield made
    for client in made.values():
        client.__exit__(None, None, None)


async def test_an_admin_sees_every_party_and_all_evidence(
    guarded: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    path = path_of(clients["admin"], "person/p", "person/q")
    assert evidence_keys(path)[3:] == [
        ["issue/i0", "issue/i1", "whistle/w1"],
        ["issue/i2"],
    ]
    through = path_of(clients["admin"], "org/a", "org/z")
    assert [p["name"] for p in through["parties"]] == ["甲单位", RESIDENT_NAME, "孤立单位"]
    assert evidence_keys(through) == [["issue/i3"], ["issue/i4"]]


async def test_a_viewer_gets_no_issue_evidence_and_no_resident(
    guarded: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    viewer = clients["viewer"]
    path = path_of(viewer, "person/p", "person/q")
    assert [p["name"] for p in path["parties"]] == [
        "成员甲",
        "甲单位",
        "协调中心",
        "丙公司",
        "丁局",
        "观察员乙",
    ]
    # The links stand, as aggregates do; what shows why is only evidence a viewer may read.
    assert path["links"][3]["kinds"] == ["ISSUE", "WHISTLE"]
    assert evidence_keys(path) == [["org/a"], ["meeting/m1"], ["meeting/m2"], [], []]
    # The only chain from A to Z runs through the resident: for a viewer there is none.
    through = path_of(viewer, "org/a", "org/z")
    assert through["found"] is False and through["parties"] == [] and through["links"] == []
    assert "No chain" in through["reason"]
    ranking = post(
        viewer,
        KEY_COORDINATORS_NAMED,
        limit=100,
    )
    text = json.dumps(ranking, ensure_ascii=False)
    for secret in (RESIDENT, gid("Person", RESIDENT), RESIDENT_NAME[0], *ISSUE_TITLES):
        assert secret not in text
        assert secret not in json.dumps(through, ensure_ascii=False)
        assert secret not in json.dumps(path, ensure_ascii=False)
    admin_nodes = run(clients["admin"], KEY_COORDINATORS)["keyCoordinators"]["graph"]["nodes"]
    assert ranking["data"]["keyCoordinators"]["graph"]["nodes"] == admin_nodes - 1
    body = post(
        viewer, PATH, **{"from": gid("Person", RESIDENT), "to": gid("Organization", "org/a")}
    )
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert RESIDENT_NAME[0] not in json.dumps(body, ensure_ascii=False)


async def test_an_observer_gets_evidence_only_from_issues_it_may_read(
    guarded: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    observer = clients["observer"]
    path = path_of(observer, "person/p", "person/q")
    # i1 lies in the community it observes (w1 is about i1); i0 and i2 it may not read.
    assert evidence_keys(path)[3:] == [["issue/i1", "whistle/w1"], []]
    through = path_of(observer, "org/a", "org/z")
    assert [p["name"] for p in through["parties"]] == ["甲单位", "王**", "孤立单位"]
    assert evidence_keys(through) == [[], []]
    # A reason names the parties as the reader sees them.
    alone = path_of(observer, RESIDENT, "person/r")
    assert alone["found"] is False
    assert "王**" in alone["reason"] and RESIDENT_NAME not in alone["reason"]
    ranking = post(observer, KEY_COORDINATORS_NAMED, limit=100)
    assert RESIDENT_NAME not in json.dumps(ranking, ensure_ascii=False)


async def test_a_coordinator_gets_evidence_only_from_issues_its_organization_may_read(
    guarded: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    # C leads i1 and assists i0; i2 is D's alone.
    path = path_of(clients["c"], "person/p", "person/q")
    assert evidence_keys(path)[3:] == [["issue/i0", "issue/i1", "whistle/w1"], []]
    # A handles the resident's i3, so it sees them whole and i3, but not Z's i4.
    through = path_of(clients["a"], "org/a", "org/z")
    assert [p["name"] for p in through["parties"]] == ["甲单位", RESIDENT_NAME, "孤立单位"]
    assert evidence_keys(through) == [["issue/i3"], []]
    masked = path_of(clients["c"], "org/a", "org/z")
    assert [p["name"] for p in masked["parties"]] == ["甲单位", "王**", "孤立单位"]
    # A center's coordinators dispatch every issue: they see what an admin sees.
    for source, target in (("person/p", "person/q"), ("org/a", "org/z")):
        center = path_of(clients["center"], source, target)
        assert center == path_of(clients["admin"], source, target)


async def test_hidden_evidence_does_not_crowd_out_what_the_reader_may_see(
    guarded: Neo4jStore,
) -> None:
    cache = CoordinationGraph(evidence_per_link=1)
    source, target = PartyRef(ORG, "org/c"), PartyRef(ORG, "org/d")
    observer = Principal(OBSERVER, Role.OBSERVER)
    seen = await analytics.coordination_path(guarded, cache, observer, source, target, 6)
    [link] = seen.path.links
    # i0 sorts first but is hidden; the one piece shown is the first the observer may read.
    assert [e.key for e in link.evidence] == ["issue/i1"]
    admin = await analytics.coordination_path(guarded, cache, SYSTEM, source, target, 6)
    assert [e.key for e in admin.path.links[0].evidence] == ["issue/i0"]
    assert link.evidence_count == admin.path.links[0].evidence_count == 3


KEY_COORDINATORS_NAMED = """
query($limit: Int! = 10) {
  keyCoordinators(limit: $limit) {
    graph { nodes edges }
    coordinators { party { ... on Organization { id name } ... on Person { id name } } }
  }
}
"""
