"""reportIssue's round trips: one write that checks, creates and answers, nothing half-written."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.gate import barrier
from graph.model import Label, Rel
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import Api, Json, client_for, gid, post

# The payload the peer and the bench ask for: what the report's own write answers.
REPORT = """mutation($input: ReportIssueInput!) { reportIssue(input: $input) {
  created issue { id title state } userErrors { field code message } } }"""
# Each relation of the answer is one more round trip (its loader): asked for apart.
LINKS = """query($id: ID!) { node(id: $id) { ... on Issue {
  category { id } area { id } reporter { id } events { fromState toState actor } } } }"""

# The most round trips a report may take; it takes one today (the write answers it).
MOST_TRIPS = 2


@pytest.fixture(scope="module")
async def base(shared_store: Neo4jStore) -> Neo4jStore:
    """A category, a community with its observer, a known person and an organization."""
    f = Fixture()
    f.add(Label.CATEGORY, "cat/road", name="道路")
    f.add(Label.COMMUNITY, "area/r1", name="和平小区", level="COMMUNITY")
    f.add(Label.PERSON, "person/known", name="张三")
    f.link(Rel.OBSERVES, f.add(Label.PERSON, "person/obs", roles=["OBSERVER"]), "area/r1")
    f.add(Label.ORGANIZATION, "org/team", name="养护队", kind="DIRECT_UNIT")
    await f.write(shared_store)
    return shared_store


def _input(**fields: Any) -> Json:
    return {
        "title": "路面塌陷",
        "channel": "HOTLINE",
        "category": gid("Category", "cat/road"),
        "area": gid("Area", "area/r1"),
        **fields,
    }


def _report(client: TestClient, **fields: Any) -> tuple[Json, int]:
    """The payload of one report, and the store round trips the request took."""
    store: Neo4jStore = client.app.state.store  # type: ignore[attr-defined]
    before = store.round_trips
    body = post(client, REPORT, input=_input(**fields))
    assert "errors" not in body, body
    payload: Json = body["data"]["reportIssue"]
    return payload, store.round_trips - before


async def _counts(store: Neo4jStore) -> tuple[dict[str, int], dict[str, int]]:
    return await store.count_by_label(), await store.count_by_relationship()


async def test_a_report_takes_at_most_two_round_trips(base: Neo4jStore, api: Api) -> None:
    payload, trips = _report(api.client, reporter=gid("Person", "person/known"))
    assert trips <= MOST_TRIPS
    assert payload["created"] is True and payload["userErrors"] == []
    assert (payload["issue"]["title"], payload["issue"]["state"]) == ("路面塌陷", "RECEIVED")
    issue = api.data(LINKS, {"id": payload["issue"]["id"]})["node"]
    assert issue["category"] == {"id": gid("Category", "cat/road")}
    assert issue["area"] == {"id": gid("Area", "area/r1")}
    assert issue["reporter"] == {"id": gid("Person", "person/known")}
    assert issue["events"] == [{"fromState": None, "toState": "RECEIVED", "actor": "test-admin"}]


async def test_a_resubmission_makes_nothing_and_answers_the_first_issue(
    base: Neo4jStore, api: Api
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    first, _ = _report(api.client, clientRequestId=request_id)
    counts = await _counts(base)
    again, trips = _report(api.client, clientRequestId=request_id, title="又一次")
    assert trips <= MOST_TRIPS
    assert again["created"] is False and again["userErrors"] == []
    assert again["issue"] == first["issue"]
    assert await _counts(base) == counts


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"category": gid("Category", "cat/none")}, "category"),
        ({"area": gid("Area", "area/none")}, "area"),
        ({"reporter": gid("Person", "person/none")}, "reporter"),
        ({"title": " "}, "title"),
        ({"reporterName": "王五", "reporterPhone": "12"}, "reporterPhone"),
    ],
)
async def test_a_refused_report_writes_nothing(
    base: Neo4jStore, api: Api, fields: Json, field: str
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    counts = await _counts(base)
    payload, trips = _report(api.client, clientRequestId=request_id, **fields)
    assert trips <= MOST_TRIPS
    assert (payload["issue"], payload["created"]) == (None, False)
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [([field], "BAD_USER_INPUT")]
    assert await _counts(base) == counts
    # The refusal did not use up the request id: the corrected report is made with it.
    made, _ = _report(api.client, clientRequestId=request_id)
    assert made["created"] is True


async def test_a_refusal_names_the_missing_node_by_its_id(base: Neo4jStore, api: Api) -> None:
    missing = gid("Category", "cat/none")
    payload, _ = _report(api.client, category=missing)
    assert payload["userErrors"][0]["message"] == f"no Category with ID {missing}"


async def test_the_answer_follows_the_readers_rules(base: Neo4jStore, settings: Settings) -> None:
    # A coordinator reports what its organization does not handle yet: made, not shown.
    with client_for(settings, Role.COORDINATOR, sub="person/c", org="org/team") as coordinator:
        payload, trips = _report(coordinator)
    assert trips <= MOST_TRIPS
    assert (payload["created"], payload["issue"], payload["userErrors"]) == (True, None, [])
    # An observer sees what is reported in the community it observes, and its own reports.
    with client_for(settings, Role.OBSERVER, sub="person/obs") as observer:
        payload, _ = _report(observer, reporterName="李四", reporterPhone="13812345678")
    assert payload["created"] is True
    assert payload["issue"]["state"] == "RECEIVED"


async def test_a_backup_barrier_holds_a_report_back_until_it_ends(base: Neo4jStore) -> None:
    key = f"issue/{uuid.uuid4().hex}"
    count = "MATCH (i:Issue {key: $key}) RETURN count(i) AS n"

    async def report() -> bool:
        reported = await base.report_issue(
            key,
            at=dt.datetime.now(dt.UTC),
            props={"title": "barrier", "channel": "HOTLINE"},
            client_request_id=None,
            category="cat/road",
            area="area/r1",
            reporter=None,
            event={"key": f"event/{uuid.uuid4().hex}", "actor": "test", "note": None},
        )
        return reported.created

    async with barrier(base.driver, base.database):
        writing = asyncio.create_task(report())
        done, _ = await asyncio.wait({writing}, timeout=2.0)
        # Held at the gate, its statement's first clause: nothing of it is there.
        assert not done
        assert (await base.query(count, key=key))[0]["n"] == 0
    assert await writing is True
    assert (await base.query(count, key=key))[0]["n"] == 1
