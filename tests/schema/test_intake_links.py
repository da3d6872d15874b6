"""Intake links over GraphQL: admins create, list and revoke them; nobody else sees them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.clock import local_now
from resolvers.intake.codes import IntakeCodes, qr_svg
from settings import Settings
from tests.support.graphql import client_for, gid, post, run
from tests.support.intake import (
    ADRIFT,
    COMMUNITY_A,
    COMMUNITY_B,
    CREATE,
    LIGHTING,
    TEAM,
    intake_graph,
    make_link,
)

PUBLIC_URL = "https://lianxin.example.cn/"
LIST = """
query Links($first: Int, $after: String, $filter: IntakeLinkFilter) {
  intakeLinks(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id label revokedAt }
  }
}
"""
REVOKE = """
mutation Revoke($id: ID!) {
  revokeIntakeLink(id: $id) { intakeLink { id revokedAt } userErrors { field code } }
}
"""
NODE = "query Node($id: ID!) { node(id: $id) { id ... on IntakeLink { code } } }"


@pytest.fixture
def admin(settings: Settings, store: Neo4jStore) -> Iterator[TestClient]:
    """An admin over the intake graph, whose QR codes point at PUBLIC_URL."""
    with client_for(settings.model_copy(update={"public_url": PUBLIC_URL})) as client:
        yield client


@pytest.fixture(autouse=True)
async def graph(store: Neo4jStore) -> None:
    """The intake graph in an emptied database."""
    await intake_graph(store)


def test_a_link_carries_a_signed_code_its_path_and_a_qr_of_the_public_url(
    admin: TestClient, settings: Settings
) -> None:
    last_day = (local_now() + dt.timedelta(days=30)).date().isoformat()
    link = make_link(admin, COMMUNITY_A, label="3号楼大厅", expiresOn=last_day)
    assert IntakeCodes.of(settings).key(link["code"]) == link["key"]
    assert link["key"].startswith("intake/")
    assert link["path"] == f"/r/{link['code']}"
    assert link["qrSvg"].startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert link["qrSvg"] == qr_svg(f"https://lianxin.example.cn/r/{link['code']}")
    assert link["place"] == {"id": gid("Area", COMMUNITY_A), "name": "甲社区"}
    assert (link["label"], link["expiresOn"], link["revokedAt"]) == ("3号楼大厅", last_day, None)
    assert make_link(admin, COMMUNITY_A)["code"] != link["code"]


def test_links_are_listed_newest_first_in_pages_and_filtered(admin: TestClient) -> None:
    made = [
        make_link(admin, COMMUNITY_A, label="一"),
        make_link(admin, COMMUNITY_B, label="二"),
        make_link(admin, TEAM, "Organization", label="三"),
    ]
    first = run(admin, LIST, first=2)["intakeLinks"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"] is True
    after = first["pageInfo"]["endCursor"]
    rest = run(admin, LIST, first=2, after=after)["intakeLinks"]
    labels = [n["label"] for n in first["nodes"] + rest["nodes"]]
    assert labels == ["三", "二", "一"]
    only_a = run(admin, LIST, filter={"place": gid("Area", COMMUNITY_A)})["intakeLinks"]
    assert [n["id"] for n in only_a["nodes"]] == [made[0]["id"]]
    run(admin, REVOKE, id=made[1]["id"])
    revoked = run(admin, LIST, filter={"revoked": True})["intakeLinks"]["nodes"]
    assert [n["id"] for n in revoked] == [made[1]["id"]]
    active = run(admin, LIST, filter={"revoked": False})["intakeLinks"]["nodes"]
    assert [n["label"] for n in active] == ["三", "一"]


def test_a_second_revocation_changes_nothing(admin: TestClient) -> None:
    link = make_link(admin, COMMUNITY_A)
    first = run(admin, REVOKE, id=link["id"])["revokeIntakeLink"]["intakeLink"]
    again = run(admin, REVOKE, id=link["id"])["revokeIntakeLink"]["intakeLink"]
    assert first["revokedAt"] is not None and again == first
    missing = post(admin, REVOKE, id=gid("IntakeLink", "intake/" + "0" * 24))
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


BAD_PLACES = [
    ("an organization in no area", gid("Organization", ADRIFT), None, "place"),
    ("an unknown area", gid("Area", "area/none"), None, "place"),
    ("a category", gid("Category", LIGHTING), None, "place"),
    ("a past last day", gid("Area", COMMUNITY_A), "2020-01-01", "expiresOn"),
]


@pytest.mark.parametrize(("case", "place", "last_day", "field"), BAD_PLACES)
async def test_a_link_needs_a_located_place_and_a_future_last_day(
    admin: TestClient,
    store: Neo4jStore,
    case: str,
    place: str,
    last_day: str | None,
    field: str,
) -> None:
    payload = run(admin, CREATE, input={"place": place, "expiresOn": last_day})
    assert payload["createIntakeLink"]["intakeLink"] is None
    [error] = payload["createIntakeLink"]["userErrors"]
    assert (error["field"], error["code"]) == ([field], "BAD_USER_INPUT")
    assert await store.query("MATCH (l:IntakeLink) RETURN l") == []


OTHERS = [
    (Role.COORDINATOR, "org/center"),
    (Role.OBSERVER, None),
    (Role.VIEWER, None),
]


@pytest.mark.parametrize(("role", "org"), OTHERS, ids=[r.value for r, _ in OTHERS])
async def test_only_admins_create_list_revoke_or_read_links(
    admin: TestClient, settings: Settings, store: Neo4jStore, role: Role, org: str | None
) -> None:
    await store.execute("CREATE (:Organization {key: 'org/center', name: '中心', kind: 'CENTER'})")
    link = make_link(admin, COMMUNITY_A)
    with client_for(settings, role, sub="person/someone", org=org) as other:
        for query, variables in (
            (CREATE, {"input": {"place": gid("Area", COMMUNITY_A)}}),
            (REVOKE, {"id": link["id"]}),
            (LIST, {}),
        ):
            body = post(other, query, **variables)
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
        # Not by ID either, even for a center's coordinator, who reads every issue.
        assert run(other, NODE, id=link["id"]) == {"node": None}
    assert run(admin, NODE, id=link["id"])["node"]["code"] == link["code"]
    assert run(admin, LIST)["intakeLinks"]["nodes"][0]["revokedAt"] is None


def test_a_page_of_links_reads_their_places_in_one_round_trip(admin: TestClient) -> None:
    for place, type_name in ((COMMUNITY_A, "Area"), (COMMUNITY_B, "Area"), (TEAM, "Organization")):
        make_link(admin, place, type_name)
    store = admin.app.state.store  # type: ignore[attr-defined]
    before = store.round_trips
    query = """{ intakeLinks { nodes {
        code place { ... on Area { name } ... on Organization { name } } } } }"""
    nodes = run(admin, query)["intakeLinks"]["nodes"]
    assert sorted(n["place"]["name"] for n in nodes) == ["乙社区", "甲社区", "隧道一队"]
    # The page, then every link's place at once.
    assert store.round_trips - before == 2


WHERE = """
query($where: IntakeLinkWhere) { intakeLinks(first: 10, where: $where) { totalCount nodes { id } } }
"""


async def test_links_filter_by_where_as_their_cypher_does(
    admin: TestClient, settings: Settings, store: Neo4jStore
) -> None:
    made = [
        make_link(admin, COMMUNITY_A, label="一号楼"),
        make_link(admin, COMMUNITY_B, label="二号楼"),
        make_link(admin, TEAM, "Organization", label="工地"),
    ]
    run(admin, REVOKE, id=made[0]["id"])
    where = {
        "OR": [
            {"area": {"some": {"key": {"in": [COMMUNITY_A, COMMUNITY_B]}}}},
            {"organization": {"some": {"name": {"startsWith": "隧道"}}}},
        ],
        "NOT": {"revokedAt": {"isNull": False}},
        "label": {"contains": "号楼"},
    }
    found = run(admin, WHERE, where=where)["intakeLinks"]
    rows = await store.query(
        "MATCH (n:IntakeLink) WHERE (EXISTS { (n)-[:FOR]->(a:Area) WHERE a.key IN $areas }"
        " OR EXISTS { (n)-[:FOR]->(o:Organization) WHERE o.name STARTS WITH '隧道' })"
        " AND n.revokedAt IS NULL AND n.label CONTAINS '号楼' RETURN n.key AS key",
        areas=[COMMUNITY_A, COMMUNITY_B],
    )
    assert {row["key"] for row in rows} == {made[1]["key"]}
    assert [node["id"] for node in found["nodes"]] == [made[1]["id"]]
    assert found["totalCount"] == 1
    with client_for(settings, Role.OBSERVER, sub="person/someone") as other:
        body = post(other, WHERE, where=where)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
