"""Subscriptions over graphql-transport-ws: issue events in seq order, filters, resume, access,
authentication and overdue alerts, against a real Neo4j."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any

import anyio
import pytest
from starlette.testclient import TestClient, WebSocketTestSession
from starlette.websockets import WebSocketDisconnect

from graph.model import Label, Rel
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.feed import EventFeed
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import bearer, client_for, gid, key_of, run
from web.app import create_app

Json = dict[str, Any]

PROTOCOL = ["graphql-transport-ws"]
WAIT = 15.0

EVENTS = """subscription($filter: IssueEventFilter, $afterSeq: Int) {
  issueEvents(filter: $filter, afterSeq: $afterSeq) {
    seq fromState toState actor note issue { id title reporter { name } }
  }
}"""

ALERTS = """subscription($filter: OverdueAlertFilter) {
  overdueAlerts(filter: $filter) { deadline since issue { id } }
}"""

REPORT = """mutation($input: ReportIssueInput!) {
  reportIssue(input: $input) { issue { id } userErrors { message } }
}"""

STEPS = {
    "verify": "mutation($id: ID!) { s: verifyIssue(id: $id) { userErrors { message } } }",
    "dispatch": """mutation($id: ID!, $org: ID!) {
      s: dispatchIssue(id: $id, organization: $org, reason: "派单") { userErrors { message } }
    }""",
    "return": """mutation($id: ID!) {
      s: returnIssue(id: $id, reason: "不属本单位") { userErrors { message } }
    }""",
    "accept": "mutation($id: ID!) { s: acceptIssue(id: $id) { userErrors { message } } }",
    "start": "mutation($id: ID!) { s: startIssue(id: $id) { userErrors { message } } }",
    "resolve": "mutation($id: ID!) { s: resolveIssue(id: $id) { userErrors { message } } }",
}

C1, C2, STREET, COMPOUND = "area/c1", "area/c2", "area/street", "area/c1-b1"
CENTER, COMPANY, LEAD, OTHER = "org/center", "org/company", "org/lead", "org/other"
OBSERVER_1, OBSERVER_2, RESIDENT = "person/obs1", "person/obs2", "person/res1"


@pytest.fixture
def live(settings: Settings) -> Settings:
    """Settings with fast polling, so that tests wait tens of milliseconds, not seconds."""
    return settings.model_copy(update={"event_poll_seconds": 0.05, "overdue_poll_seconds": 0.2})


@pytest.fixture
async def graph(store: Neo4jStore) -> Neo4jStore:
    """A street with two communities (one with a compound), a center, a company with a
    lead unit under it, another unit, an observer per community and a resident."""
    f = Fixture()
    f.add(Label.CATEGORY, "cat/water", name="供水")
    f.add(Label.AREA, STREET, name="胜利街道", level="STREET")
    f.add(Label.COMMUNITY, C1, name="瑞景社区", level="COMMUNITY")
    f.add(Label.COMMUNITY, C2, name="颐园小区", level="COMMUNITY")
    f.add(Label.AREA, COMPOUND, name="一号院", level="COMPOUND")
    f.links(Rel.PART_OF, [(C1, STREET), (C2, STREET), (COMPOUND, C1)])
    f.add(Label.ORGANIZATION, CENTER, name="服务协调中心", kind="CENTER")
    f.add(Label.ORGANIZATION, COMPANY, name="物业公司", kind="SERVICE_COMPANY")
    f.add(Label.ORGANIZATION, LEAD, name="物业一分公司", kind="SERVICE_COMPANY")
    f.add(Label.ORGANIZATION, OTHER, name="供水单位", kind="DIRECT_UNIT")
    f.link(Rel.PART_OF, LEAD, COMPANY)
    f.add(Label.PERSON, OBSERVER_1, name="观察员甲", roles=["OBSERVER"])
    f.add(Label.PERSON, OBSERVER_2, name="观察员乙", roles=["OBSERVER"])
    f.add(Label.PERSON, RESIDENT, name="居民甲", roles=["RESIDENT"], phone="13800001111")
    f.links(Rel.OBSERVES, [(OBSERVER_1, C1), (OBSERVER_2, C2)])
    await f.write(store)
    return store


# --- Speaking graphql-transport-ws -----------------------------------------------------------


def receive(ws: WebSocketTestSession, seconds: float = WAIT) -> Json:
    """The next message, failing the test instead of hanging when none comes in time."""

    async def within() -> Any:
        with anyio.fail_after(seconds):
            return await ws._send_rx.receive()

    message = ws.portal.call(within)
    ws._raise_on_close(message)
    body: Json = json.loads(message["text"])
    return body


@contextmanager
def subscribed(
    client: TestClient, header: dict[str, str], query: str, **variables: Any
) -> Iterator[WebSocketTestSession]:
    """A socket authenticated with `header` and subscribed to `query` as operation "1"."""
    with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
        ws.send_json({"type": "connection_init", "payload": header})
        assert receive(ws)["type"] == "connection_ack"
        payload = {"query": query, "variables": variables}
        ws.send_json({"id": "1", "type": "subscribe", "payload": payload})
        yield ws


def payload(ws: WebSocketTestSession) -> Json:
    """The data of the next `next` message, which must carry no errors."""
    message = receive(ws)
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    data: Json = message["payload"]["data"]
    return data


def event(ws: WebSocketTestSession) -> Json:
    """The next issue event."""
    found: Json = payload(ws)["issueEvents"]
    return found


def events(ws: WebSocketTestSession, count: int) -> list[Json]:
    """The next `count` issue events."""
    return [event(ws) for _ in range(count)]


def joined(client: TestClient, count: int) -> None:
    """Wait until `count` subscribers receive live updates, so no mutation races them."""
    feed: EventFeed = client.app.state.feed  # type: ignore[attr-defined]
    deadline = time.monotonic() + WAIT
    while feed.subscriber_count < count:
        assert time.monotonic() < deadline, "subscribers did not join in time"
        time.sleep(0.01)


def as_(settings: Settings, role: Role, sub: str, org: str | None = None) -> dict[str, str]:
    """connection_init's payload for a token of `role`."""
    return bearer(settings, role, sub=sub, org=org)


# --- Driving the lifecycle -------------------------------------------------------------------


def report(client: TestClient, area: str, title: str) -> str:
    """A new issue's global ID."""
    input_ = {
        "title": title,
        "channel": "PHONE",
        "category": gid("Category", "cat/water"),
        "area": gid("Area", area),
        "reporter": gid("Person", RESIDENT),
    }
    result = run(client, REPORT, input=input_)["reportIssue"]
    assert result["userErrors"] == [], result
    issue_id: str = result["issue"]["id"]
    return issue_id


def step(client: TestClient, name: str, issue_id: str, org: str | None = None) -> None:
    """One lifecycle step, which must succeed."""
    variables: Json = {"id": issue_id}
    if org is not None:
        variables["org"] = gid("Organization", org)
    result = run(client, STEPS[name], **variables)["s"]
    assert result["userErrors"] == [], result


def states(found: Sequence[Json]) -> list[tuple[str, str]]:
    """(issue title, toState) of each event."""
    return [(e["issue"]["title"], e["toState"]) for e in found]


# --- Tests -----------------------------------------------------------------------------------


async def test_events_arrive_in_seq_order_after_mutations(
    graph: Neo4jStore, live: Settings
) -> None:
    with client_for(live) as client, subscribed(client, bearer(live), EVENTS) as ws:
        joined(client, 1)
        issue = report(client, C1, "楼道漏水")
        for name, org in [
            ("verify", None),
            ("dispatch", LEAD),
            ("accept", None),
            ("start", None),
            ("resolve", None),
        ]:
            step(client, name, issue, org)
        found = events(ws, 6)
    assert [e["toState"] for e in found] == [
        "RECEIVED",
        "VERIFYING",
        "DISPATCHED",
        "ACCEPTED",
        "IN_PROGRESS",
        "RESOLVED",
    ]
    assert [e["fromState"] for e in found[1:]] == [e["toState"] for e in found[:-1]]
    seqs = [e["seq"] for e in found]
    assert seqs == sorted(set(seqs))
    assert {e["issue"]["id"] for e in found} == {issue}
    assert found[0]["actor"] == "test-admin"
    # An ADMIN reads residents whole.
    assert found[0]["issue"]["reporter"] == {"name": "居民甲"}


async def test_filters_select_by_community_organization_and_state(
    graph: Neo4jStore, live: Settings
) -> None:
    filters: dict[str, Json] = {
        "community": {"community": gid("Area", C1)},
        "street": {"community": gid("Area", STREET)},
        "organization": {"organization": gid("Organization", LEAD)},
        "dispatched": {"states": ["DISPATCHED"]},
        "c1 dispatched": {"community": gid("Area", C1), "states": ["DISPATCHED"]},
    }
    admin = bearer(live)
    with client_for(live) as client, ExitStack() as stack:
        watcher = stack.enter_context(subscribed(client, admin, EVENTS))
        sockets = {
            name: stack.enter_context(subscribed(client, admin, EVENTS, filter=given))
            for name, given in filters.items()
        }
        joined(client, 1 + len(filters))
        a = report(client, COMPOUND, "A")
        event(watcher)
        b = report(client, C2, "B")
        event(watcher)
        # Each step is seen before the next is taken, so each event is read with its own facts.
        steps = [
            ("verify", a, None),
            ("verify", b, None),
            ("dispatch", a, LEAD),
            ("dispatch", b, OTHER),
            ("return", a, None),
            ("dispatch", a, LEAD),
        ]
        for name, issue, org in steps:
            step(client, name, issue, org)
            event(watcher)
        # Every filter selects the last event (A dispatched again), so nothing else may come
        # between the expected events and it.
        expected = {
            "community": [
                ("A", s) for s in ("RECEIVED", "VERIFYING", "DISPATCHED", "RETURNED", "DISPATCHED")
            ],
            "street": [
                ("A", "RECEIVED"),
                ("B", "RECEIVED"),
                ("A", "VERIFYING"),
                ("B", "VERIFYING"),
                ("A", "DISPATCHED"),
                ("B", "DISPATCHED"),
                ("A", "RETURNED"),
                ("A", "DISPATCHED"),
            ],
            "organization": [("A", "DISPATCHED"), ("A", "RETURNED"), ("A", "DISPATCHED")],
            "dispatched": [("A", "DISPATCHED"), ("B", "DISPATCHED"), ("A", "DISPATCHED")],
            "c1 dispatched": [("A", "DISPATCHED"), ("A", "DISPATCHED")],
        }
        for name, ws in sockets.items():
            assert states(events(ws, len(expected[name]))) == expected[name], name


async def test_resume_with_after_seq_delivers_the_missed_then_live_events(
    graph: Neo4jStore, live: Settings
) -> None:
    admin = bearer(live)
    with client_for(live) as client:
        with subscribed(client, admin, EVENTS) as first:
            joined(client, 1)
            issue = report(client, C1, "A")
            step(client, "verify", issue)
            seen = events(first, 2)
        last = seen[-1]["seq"]
        # While nobody listens:
        step(client, "dispatch", issue, LEAD)
        step(client, "accept", issue)
        with subscribed(client, admin, EVENTS, afterSeq=last) as again:
            missed = events(again, 2)
            joined(client, 1)
            step(client, "start", issue)
            live_one = event(again)
            # A second resume from the middle of the log replays from there.
            with subscribed(client, admin, EVENTS, afterSeq=missed[0]["seq"]) as middle:
                replayed = events(middle, 2)
    assert [e["toState"] for e in missed] == ["DISPATCHED", "ACCEPTED"]
    assert live_one["toState"] == "IN_PROGRESS"
    seqs = [e["seq"] for e in [*seen, *missed, live_one]]
    assert seqs == sorted(set(seqs))
    assert [e["toState"] for e in replayed] == ["ACCEPTED", "IN_PROGRESS"]


async def test_a_slow_subscriber_is_ended_with_the_seq_to_resume_from(
    graph: Neo4jStore, live: Settings
) -> None:
    admin = bearer(live)
    with client_for(live) as client:
        state = client.app.state  # type: ignore[attr-defined]
        # A queue of one and a slow poll: of the six events below, at least two come in one
        # batch unless each mutation takes longer than a poll, and the second overflows.
        state.feed = EventFeed(state.store, poll_seconds=2.0, overdue_seconds=60, queue_size=1)
        with subscribed(client, admin, EVENTS) as ws:
            joined(client, 1)
            issue = report(client, C1, "A")
            for name, org in [
                ("verify", None),
                ("dispatch", LEAD),
                ("accept", None),
                ("start", None),
                ("resolve", None),
            ]:
                step(client, name, issue, org)
            got = [event(ws)]
            message = receive(ws)
            while message["type"] == "next" and "errors" not in message["payload"]:
                got.append(message["payload"]["data"]["issueEvents"])
                message = receive(ws)
            [error] = message["payload"]["errors"]
            assert receive(ws)["type"] == "complete"
        assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
        assert error["extensions"]["lastSeq"] == got[-1]["seq"]
        with subscribed(client, admin, EVENTS, afterSeq=got[-1]["seq"]) as again:
            rest = events(again, 6 - len(got))
    assert len(got) < 6
    assert [e["toState"] for e in [*got, *rest]] == [
        "RECEIVED",
        "VERIFYING",
        "DISPATCHED",
        "ACCEPTED",
        "IN_PROGRESS",
        "RESOLVED",
    ]


async def test_subscribers_receive_only_events_of_issues_they_may_see(
    graph: Neo4jStore, live: Settings
) -> None:
    principals = {
        "center": as_(live, Role.COORDINATOR, "person/c0", CENTER),
        "company": as_(live, Role.COORDINATOR, "person/c1", COMPANY),
        "other": as_(live, Role.COORDINATOR, "person/c2", OTHER),
        "observer 1": as_(live, Role.OBSERVER, OBSERVER_1),
        "observer 2": as_(live, Role.OBSERVER, OBSERVER_2),
        "reporter": as_(live, Role.OBSERVER, RESIDENT),
    }
    with client_for(live) as client, ExitStack() as stack:
        sockets = {
            name: stack.enter_context(subscribed(client, header, EVENTS))
            for name, header in principals.items()
        }
        joined(client, len(principals))
        # A is in C1 and goes to the company's unit; B, last, is in C2 and goes to the other.
        a = report(client, COMPOUND, "A")
        step(client, "verify", a)
        step(client, "dispatch", a, LEAD)
        b = report(client, C2, "B")
        step(client, "verify", b)
        step(client, "dispatch", b, OTHER)
        first = {name: event(ws) for name, ws in sockets.items()}
    sees_a = {"center", "company", "observer 1", "reporter"}
    for name, found in first.items():
        title = "A" if name in sees_a else "B"
        assert found["issue"]["title"] == title, name
    # A resident's name is masked for those who do not handle the issue.
    assert first["observer 1"]["issue"]["reporter"] == {"name": "居**"}
    assert first["company"]["issue"]["reporter"] == {"name": "居民甲"}
    assert first["reporter"]["issue"]["reporter"] == {"name": "居民甲"}


async def test_several_operations_without_a_name_are_refused_over_both_protocols(
    store: Neo4jStore, live: Settings
) -> None:
    two = "query A { stats { communities } } query B { stats { observers } }"
    admin = as_(live, Role.ADMIN, "person/admin")
    with client_for(live) as client:
        with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
            ws.send_json({"type": "connection_init", "payload": admin})
            assert receive(ws)["type"] == "connection_ack"
            ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": two}})
            refused = receive(ws)
            named = {"query": two, "operationName": "B"}
            ws.send_json({"id": "2", "type": "subscribe", "payload": named})
            answered = receive(ws)
        with client.websocket_connect("/graphql", subprotocols=["graphql-ws"]) as legacy:
            legacy.send_json({"type": "connection_init", "payload": admin})
            assert receive(legacy)["type"] == "connection_ack"
            legacy.send_json({"id": "1", "type": "start", "payload": {"query": two}})
            legacy_refused = receive(legacy)
    assert refused["type"] == "error"
    [error] = refused["payload"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "operationName" in error["message"]
    assert answered["type"] == "next"
    assert answered["payload"]["data"] == {"stats": {"observers": 0}}
    assert legacy_refused["type"] == "error"
    assert legacy_refused["payload"]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_connections_without_a_valid_token_are_refused(live: Settings) -> None:
    headers: list[Json] = [{}, {"Authorization": "Bearer not-a-jwt"}, {"Authorization": "Basic x"}]
    # No token on the handshake either: the payload is all the server has to go on.
    with TestClient(create_app(live)) as client:
        for header in headers:
            with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
                ws.send_json({"type": "connection_init", "payload": header})
                with pytest.raises(WebSocketDisconnect) as refused:
                    receive(ws)
            assert refused.value.code == 4403
        # Subscribing without connection_init is refused too.
        with client.websocket_connect("/graphql", subprotocols=PROTOCOL) as ws:
            ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": EVENTS}})
            with pytest.raises(WebSocketDisconnect) as unauthorized:
                receive(ws)
        assert unauthorized.value.code == 4401


async def test_a_viewer_may_not_subscribe(graph: Neo4jStore, live: Settings) -> None:
    viewer = as_(live, Role.VIEWER, "person/v")
    with client_for(live) as client:
        for query in (EVENTS, ALERTS):
            with subscribed(client, viewer, query) as ws:
                message = receive(ws)
                assert message["type"] == "next"
                [error] = message["payload"]["errors"]
                assert error["extensions"]["code"] == "FORBIDDEN"
                assert receive(ws)["type"] == "complete"


async def test_overdue_alerts_fire_once_when_a_deadline_passes(
    graph: Neo4jStore, live: Settings
) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with client_for(live) as client, ExitStack() as stack:
        a = report(client, C1, "A")
        b = report(client, C2, "B")
        old = report(client, C1, "already overdue")
        for issue, org in ((a, LEAD), (b, OTHER), (old, LEAD)):
            step(client, "verify", issue)
            step(client, "dispatch", issue, org)
        # Missed before anyone watched: overdueIssues lists it, no alert announces it.
        await _due(graph, old, responseDueAt=now - dt.timedelta(days=1))
        admin = stack.enter_context(subscribed(client, bearer(live), ALERTS))
        coordinator = as_(live, Role.COORDINATOR, "person/c2", OTHER)
        other = stack.enter_context(subscribed(client, coordinator, ALERTS))
        joined(client, 2)
        await _due(graph, a, responseDueAt=now - dt.timedelta(hours=1))
        first = payload(admin)["overdueAlerts"]
        # Several scans pass: a repeat of the first alert would come before the next one.
        time.sleep(0.6)
        await _due(graph, a, resolveDueAt=now - dt.timedelta(minutes=5))
        second = payload(admin)["overdueAlerts"]
        await _due(graph, b, responseDueAt=now - dt.timedelta(minutes=1))
        third = payload(admin)["overdueAlerts"]
        seen_by_other = payload(other)["overdueAlerts"]
    assert first["issue"] == {"id": a} and first["deadline"] == "RESPONSE"
    assert dt.datetime.fromisoformat(first["since"]) == now - dt.timedelta(hours=1)
    assert (second["issue"], second["deadline"]) == ({"id": a}, "RESOLUTION")
    assert (third["issue"], third["deadline"]) == ({"id": b}, "RESPONSE")
    # The other unit never heard of A: its first alert is B's.
    assert seen_by_other["issue"] == {"id": b}


async def _due(store: Neo4jStore, issue_id: str, **deadlines: dt.datetime) -> None:
    await store.upsert_nodes(Label.ISSUE, [{"key": key_of(issue_id), **deadlines}])
