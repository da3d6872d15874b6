"""Bearer tokens, refused actions that write nothing, residents' personal data, anonymity."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from starlette.testclient import TestClient

from graph.model import Label, Rel
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.access.tokens import mint_token
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for, gid, post
from web.app import create_app

PHONE = "13812341234"
MASKED_PHONE = "138****1234"
NAME = "王小明"
LEAD = "org/lead"
OTHER = "org/other"

REPORT = """
mutation($input: ReportIssueInput!) {
  reportIssue(input: $input) {
    issue { id reporter { id name phone } events { actor } }
    userErrors { field code message }
  }
}
"""
ISSUE = "query($id: ID!) { node(id: $id) { ... on Issue { reporter { id name phone } } } }"
PERSON = "query($id: ID!) { node(id: $id) { ... on Person { name phone } } }"
STATS = "{ __typename }"


@pytest.fixture
async def base(store: Neo4jStore) -> Neo4jStore:
    """A category, a community with its observer, and two organizations."""
    f = Fixture()
    f.add(Label.CATEGORY, "category/water", name="供水")
    f.add(Label.COMMUNITY, "community/a", name="甲社区", level="COMMUNITY")
    f.add(Label.ORGANIZATION, LEAD, name="供水公司", kind="SERVICE_COMPANY")
    f.add(Label.ORGANIZATION, OTHER, name="环卫公司", kind="SERVICE_COMPANY")
    f.add(Label.PERSON, "person/obs", name="观察员", roles=["OBSERVER", "RESIDENT"])
    f.link(Rel.OBSERVES, "person/obs", "community/a")
    await f.write(store)
    return store


def _input(**extra: Any) -> dict[str, Any]:
    return {
        "title": "停水三天",
        "channel": "HOTLINE",
        "category": gid("Category", "category/water"),
        "area": gid("Area", "community/a"),
        **extra,
    }


async def _counts(store: Neo4jStore) -> tuple[dict[str, int], dict[str, int]]:
    return await store.count_by_label(), await store.count_by_relationship()


@pytest.fixture
def clients(settings: Settings) -> Iterator[dict[str, TestClient]]:
    """Clients of one app, each with its own token."""
    made = {
        "admin": client_for(settings, Role.ADMIN),
        "lead": client_for(settings, Role.COORDINATOR, sub="person/lead-coordinator", org=LEAD),
        "other": client_for(settings, Role.COORDINATOR, sub="person/other-coord", org=OTHER),
        "observer": client_for(settings, Role.OBSERVER, sub="person/obs"),
        "viewer": client_for(settings, Role.VIEWER, sub="screen/1"),
        "nobody": TestClient(create_app(settings)),
    }
    for client in made.values():
        client.__enter__()
    yield made
    for client in made.values():
        client.__exit__(None, None, None)


# --- Tokens ----------------------------------------------------------------------------------


async def test_no_or_bad_token_is_401_unauthenticated_and_writes_nothing(
    base: Neo4jStore, clients: dict[str, TestClient], settings: Settings
) -> None:
    before = await _counts(base)
    expired = mint_token(settings, sub="x", role=Role.ADMIN, hours=-1)
    foreign = jwt.encode(
        {"sub": "x", "role": "ADMIN", "exp": dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)},
        "another-secret-that-is-also-32-bytes-long",
        algorithm="HS256",
    )
    body = {"query": REPORT, "variables": {"input": _input()}}
    for headers, reason in (
        ({}, "bearer token"),
        ({"Authorization": "Basic abc"}, "Bearer <JWT>"),
        ({"Authorization": f"Bearer {expired}"}, "expired"),
        ({"Authorization": f"Bearer {foreign}"}, "invalid token"),
    ):
        response = clients["nobody"].post("/graphql", json=body, headers=headers)
        assert response.status_code == 401, response.text
        assert response.headers["www-authenticate"] == "Bearer"
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "UNAUTHENTICATED"
        assert reason in error["message"]
    assert await _counts(base) == before
    # The service is still up and answers a valid token.
    assert "errors" not in post(clients["admin"], STATS)


async def test_forbidden_actions_write_nothing(
    base: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    upsert = """mutation { upsertOrganization(input: {key: "org/new", name: "新单位",
      kind: SERVICE_COMPANY}) { node { id } } }"""
    before = await _counts(base)
    for who, query, variables in (
        ("viewer", REPORT, {"input": _input()}),
        ("lead", upsert, {}),
        ("observer", upsert, {}),
        ("viewer", upsert, {}),
    ):
        body = post(clients[who], query, **variables)
        assert body["data"] is None, (who, body)
        [error] = body["errors"]
        assert error["extensions"]["code"] == "FORBIDDEN", (who, error)
        expected = "COORDINATOR" if who == "lead" else who.upper()
        assert error["extensions"]["role"] == expected
    assert await _counts(base) == before


async def test_a_coordinator_handles_only_its_organizations_issues(
    base: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    reported = post(clients["observer"], REPORT, input=_input())["data"]["reportIssue"]
    issue = reported["issue"]["id"]
    dispatch = """mutation($id: ID!, $org: ID!) { dispatchIssue(id: $id, organization: $org,
      reason: "供水") { issue { state } userErrors { message } } }"""
    verify = "mutation($id: ID!) { verifyIssue(id: $id) { issue { state } } }"
    assert post(clients["admin"], verify, id=issue)["data"]["verifyIssue"]["issue"]["state"] == (
        "VERIFYING"
    )
    done = post(clients["admin"], dispatch, id=issue, org=gid("Organization", LEAD))
    assert done["data"]["dispatchIssue"]["issue"]["state"] == "DISPATCHED"
    events_before = await base.query("MATCH (e:IssueEvent) RETURN count(e) AS n")
    accept = "mutation($id: ID!) { acceptIssue(id: $id) { issue { state } } }"
    # Another organization's issue answers as a missing one would: its existence is not told.
    refused = post(clients["other"], accept, id=issue)
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert await base.query("MATCH (e:IssueEvent) RETURN count(e) AS n") == events_before
    [row] = await base.query("MATCH (i:Issue) RETURN i.state AS state")
    assert row["state"] == "DISPATCHED"
    accepted = post(clients["lead"], accept, id=issue)
    assert accepted["data"]["acceptIssue"]["issue"]["state"] == "ACCEPTED"
    # The acting user of each step is the token's subject.
    events = await base.query(
        "MATCH (:Issue)-[:HAS_EVENT]->(e) RETURN e.toState AS state, e.actor AS actor "
        "ORDER BY e.seq"
    )
    assert [(e["state"], e["actor"]) for e in events] == [
        ("RECEIVED", "person/obs"),
        ("VERIFYING", "test-admin"),
        ("DISPATCHED", "test-admin"),
        ("ACCEPTED", "person/lead-coordinator"),
    ]


# --- Personal data ---------------------------------------------------------------------------


async def test_a_residents_phone_is_masked_except_for_admins_and_its_handlers(
    base: Neo4jStore, clients: dict[str, TestClient], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="lianxin")
    caplog.set_level(logging.INFO)
    reported = post(
        clients["observer"], REPORT, input=_input(reporterName=NAME, reporterPhone="138-1234-1234")
    )["data"]["reportIssue"]
    assert reported["userErrors"] == []
    issue = reported["issue"]["id"]
    person = reported["issue"]["reporter"]["id"]
    # The observer reported it but is not the resident: masked.
    assert reported["issue"]["reporter"]["phone"] == MASKED_PHONE
    assert reported["issue"]["reporter"]["name"] == "王**"

    def seen_by(who: str) -> dict[str, Any] | None:
        node: dict[str, Any] | None = post(clients[who], PERSON, id=person)["data"]["node"]
        return node

    assert seen_by("admin") == {"name": NAME, "phone": PHONE}
    assert seen_by("lead") == {"name": "王**", "phone": MASKED_PHONE}
    assert seen_by("viewer") is None
    dispatch = """mutation($id: ID!, $org: ID!) { verifyIssue(id: $id) { issue { id } }
      dispatchIssue(id: $id, organization: $org, reason: "供水") { issue { state } } }"""
    post(clients["admin"], dispatch, id=issue, org=gid("Organization", LEAD))
    # Now the lead organization handles it: its coordinator sees the number whole.
    assert seen_by("lead") == {"name": NAME, "phone": PHONE}
    via_issue = post(clients["lead"], ISSUE, id=issue)["data"]["node"]["reporter"]
    assert via_issue["phone"] == PHONE
    assert seen_by("other") == {"name": "王**", "phone": MASKED_PHONE}
    # Stored once, normalised, and never written to a log.
    rows = await base.query("MATCH (p:Person {phone: $phone}) RETURN p.roles AS roles", phone=PHONE)
    assert rows == [{"roles": ["RESIDENT"]}]
    assert all(PHONE not in r.getMessage() and NAME not in r.getMessage() for r in caplog.records)


async def test_each_report_records_its_own_resident_even_from_the_same_phone(
    base: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    # Never merged by phone: a report can neither learn a number is on file nor rename anyone.
    for title, name in (("停水", NAME), ("又停水", "李四")):
        data = post(
            clients["admin"],
            REPORT,
            input=_input(title=title, reporterName=name, reporterPhone=PHONE),
        )["data"]["reportIssue"]
        assert data["userErrors"] == []
        assert data["issue"]["reporter"]["name"] == name
    rows = await base.query(
        "MATCH (p:Person {phone: $phone}) "
        "RETURN p.name AS name, COUNT { (p)-[:REPORTED]->() } AS n ORDER BY p.name",
        phone=PHONE,
    )
    assert rows == [{"name": "李四", "n": 1}, {"name": NAME, "n": 1}]


async def test_an_anonymous_report_stores_no_reporter(
    base: Neo4jStore, clients: dict[str, TestClient]
) -> None:
    data = post(clients["observer"], REPORT, input=_input(anonymous=True))["data"]["reportIssue"]
    assert data["userErrors"] == [] and data["issue"]["reporter"] is None
    assert await base.query("MATCH ()-[r:REPORTED]->() RETURN count(r) AS n") == [{"n": 0}]
    before = await _counts(base)
    for extra, field in (
        ({"anonymous": True, "reporterPhone": PHONE, "reporterName": NAME}, "anonymous"),
        ({"reporterName": NAME}, "reporterPhone"),
        ({"reporterName": NAME, "reporterPhone": "12ab"}, "reporterPhone"),
    ):
        refused = post(clients["observer"], REPORT, input=_input(**extra))["data"]["reportIssue"]
        [error] = refused["userErrors"]
        assert error["field"] == [field]
        assert PHONE not in error["message"]
    assert await _counts(base) == before
