"""Meetings and decisions: recording them, the lifecycle moves they make, access, bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.testclient import TestClient

from graph.model import Label, Rel
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for, gid, post, run
from tests.support.graphs import add_issue

CENTER = "org/center"
UNIT = "org/unit"
OWNER = "org/owner"
PERSON = "person/chair"
PROJECT = "project/move"
OPEN = "issue/open"
CLOSED = "issue/closed"
HELD = "2024-05-06"

RECORD = """
mutation($input: RecordMeetingInput!, $clientKey: String) {
  recordMeeting(input: $input, clientKey: $clientKey) {
    meeting {
      id title kind heldOn place decision
      attendees { id } people { id } projects { id }
      decisions { id seq text resolves { id state } advances { id }
                  followUps { id state resolveDueAt assignments { role organization { id } } } }
      resolvedIssues { id }
    }
    userErrors { field code message }
  }
}
"""

ADD = """
mutation($meeting: ID!, $input: DecisionInput!, $clientKey: String) {
  addDecision(meeting: $meeting, input: $input, clientKey: $clientKey) {
    decision { id seq text meeting { id decision } }
    userErrors { field code message }
  }
}
"""

ISSUE = """
query($id: ID!) {
  node(id: $id) {
    ... on Issue {
      state resolvedBy { id title }
      decidedBy { text meeting { title heldOn } }
      events { toState note actor }
    }
  }
}
"""

COUNT = "MATCH (n) WHERE n:Meeting OR n:Decision RETURN count(n) AS n"


async def small_graph(store: Neo4jStore) -> None:
    """A center with a unit under it, an owner, a person, a project and two issues."""
    f = Fixture()
    f.add(Label.ORGANIZATION, CENTER, name="中心", kind="CENTER")
    f.add(Label.ORGANIZATION, UNIT, name="采油厂", kind="DIRECT_UNIT")
    f.add(Label.ORGANIZATION, OWNER, name="供水公司", kind="SERVICE_COMPANY")
    f.link(Rel.PART_OF, UNIT, CENTER)
    f.add(Label.PERSON, PERSON, name="张主任", roles=["STAFF"])
    f.add(Label.PROJECT, PROJECT, name="搬迁", kind="RELOCATION")
    f.add(Label.CATEGORY, "category/water", name="供水")
    f.add(Label.AREA, "area/a", name="甲社区", level="COMMUNITY")
    add_issue(f, OPEN, state="IN_PROGRESS", category="category/water", area="area/a")
    add_issue(f, CLOSED, state="CLOSED", category="category/water", area="area/a")
    await f.write(store)


def center_clerk(settings: Settings) -> TestClient:
    return client_for(settings, Role.COORDINATOR, sub="clerk", org=CENTER)


def meeting_input(**changes: Any) -> dict[str, Any]:
    """A joint meeting with three decisions: resolve two issues, advance, follow up."""
    base: dict[str, Any] = {
        "title": "企地联席会",
        "kind": "JOINT",
        "heldOn": HELD,
        "place": "中心三楼会议室",
        "attendees": [gid("Organization", UNIT), gid("Person", PERSON)],
        "projects": [gid("Project", PROJECT)],
        "decisions": [
            {
                "text": "供水问题由供水公司解决",
                "resolves": [gid("Issue", OPEN), gid("Issue", CLOSED)],
            },
            {"text": "确定搬迁方案", "advances": [gid("Project", PROJECT)]},
            {
                "text": "管网改造会后推进",
                "followUps": [
                    {
                        "title": "甲社区管网改造",
                        "owner": gid("Organization", OWNER),
                        "deadline": "2024-06-30",
                        "category": gid("Category", "category/water"),
                        "area": gid("Area", "area/a"),
                    }
                ],
            },
        ],
    }
    return {**base, **changes}


def count(store_rows: list[dict[str, Any]]) -> int:
    value: int = store_rows[0]["n"]
    return value


async def test_a_center_coordinator_records_a_meeting_and_its_decisions_take_effect(
    store: Neo4jStore, settings: Settings
) -> None:
    await small_graph(store)
    with center_clerk(settings) as clerk:
        payload = run(clerk, RECORD, input=meeting_input())["recordMeeting"]
        assert payload["userErrors"] == []
        meeting = payload["meeting"]
        assert (meeting["title"], meeting["kind"], meeting["heldOn"], meeting["place"]) == (
            "企地联席会",
            "JOINT",
            HELD,
            "中心三楼会议室",
        )
        assert meeting["attendees"] == [{"id": gid("Organization", UNIT)}]
        assert meeting["people"] == [{"id": gid("Person", PERSON)}]
        assert meeting["projects"] == [{"id": gid("Project", PROJECT)}]
        assert meeting["decision"] == "供水问题由供水公司解决；确定搬迁方案；管网改造会后推进"
        first, second, third = meeting["decisions"]
        assert [d["seq"] for d in meeting["decisions"]] == [1, 2, 3]
        # The open issue is resolved through the lifecycle; the closed one is only linked.
        assert {(i["id"], i["state"]) for i in first["resolves"]} == {
            (gid("Issue", OPEN), "RESOLVED"),
            (gid("Issue", CLOSED), "CLOSED"),
        }
        assert second["advances"] == [{"id": gid("Project", PROJECT)}]
        [follow_up] = third["followUps"]
        assert follow_up["state"] == "DISPATCHED"
        assert follow_up["assignments"] == [
            {"role": "LEAD", "organization": {"id": gid("Organization", OWNER)}}
        ]
        due = dt.datetime.fromisoformat(follow_up["resolveDueAt"])
        assert due.date() == dt.date(2024, 6, 30)
        assert {i["id"] for i in meeting["resolvedIssues"]} == {
            gid("Issue", OPEN),
            gid("Issue", CLOSED),
        }

        resolved = run(clerk, ISSUE, id=gid("Issue", OPEN))["node"]
        assert resolved["state"] == "RESOLVED"
        assert resolved["resolvedBy"] == [{"id": meeting["id"], "title": "企地联席会"}]
        assert resolved["decidedBy"] == [
            {"text": "供水问题由供水公司解决", "meeting": {"title": "企地联席会", "heldOn": HELD}}
        ]
        last = resolved["events"][-1]
        assert last["toState"] == "RESOLVED" and "《企地联席会》" in last["note"]
        assert last["actor"] == "clerk"

        # The follow-up is an issue of the lifecycle: received, verified, dispatched to its owner.
        made = run(clerk, ISSUE, id=follow_up["id"])["node"]
        assert [e["toState"] for e in made["events"]] == ["RECEIVED", "VERIFYING", "DISPATCHED"]
        assert made["decidedBy"][0]["text"] == "管网改造会后推进"
        owned = run(
            clerk,
            "query($org: ID!) { issues(first: 10, filter: {organization: $org}) { nodes { id } } }",
            org=gid("Organization", OWNER),
        )["issues"]["nodes"]
        assert owned == [{"id": follow_up["id"]}]

        changes = run(
            clerk, "query($of: ID!) { changes(of: $of) { actor action fields } }", of=meeting["id"]
        )["changes"]
    assert changes == [
        {
            "actor": "clerk",
            "action": "recordMeeting",
            "fields": ["title", "kind", "heldOn", "place", "attendees", "projects", "decisions"],
        }
    ]


async def test_decisions_are_added_and_edited_and_meetings_edited(
    store: Neo4jStore, settings: Settings
) -> None:
    await small_graph(store)
    with client_for(settings) as admin:
        meeting = run(admin, RECORD, input=meeting_input(decisions=[]))["recordMeeting"]["meeting"]
        assert meeting["decision"] is None and meeting["decisions"] == []
        added = run(admin, ADD, meeting=meeting["id"], input={"text": "第一项"})["addDecision"]
        again = run(admin, ADD, meeting=meeting["id"], input={"text": "第二项"})["addDecision"]
        assert (added["decision"]["seq"], again["decision"]["seq"]) == (1, 2)
        assert again["decision"]["meeting"]["decision"] == "第一项；第二项"
        edited = run(
            admin,
            'mutation($id: ID!) { editDecision(id: $id, text: "第二项（修订）") '
            "{ decision { text } userErrors { field } } }",
            id=again["decision"]["id"],
        )["editDecision"]
        assert edited == {"decision": {"text": "第二项（修订）"}, "userErrors": []}
        changed = run(
            admin,
            "mutation($id: ID!, $input: EditMeetingInput!) { editMeeting(id: $id, input: $input) "
            "{ meeting { title kind attendees { id } people { id } } userErrors { field } } }",
            id=meeting["id"],
            input={
                "title": "协调会",
                "kind": "COORDINATION",
                "attendees": [gid("Organization", OWNER)],
            },
        )["editMeeting"]
        assert changed["meeting"] == {
            "title": "协调会",
            "kind": "COORDINATION",
            "attendees": [{"id": gid("Organization", OWNER)}],
            "people": [],
        }
        actions = run(
            admin, "query($of: ID!) { changes(of: $of) { action fields } }", of=meeting["id"]
        )["changes"]
        assert [c["action"] for c in actions] == ["recordMeeting", "editMeeting"]
        assert actions[1]["fields"] == ["title", "kind", "attendees"]
        missing = post(admin, ADD, meeting=gid("Meeting", "meeting/none"), input={"text": "x"})
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_only_admins_and_center_coordinators_record_meetings(
    store: Neo4jStore, settings: Settings
) -> None:
    await small_graph(store)
    refused = [
        client_for(settings, Role.COORDINATOR, sub="unit-clerk", org=UNIT),
        client_for(settings, Role.OBSERVER, sub="observer"),
        client_for(settings, Role.PLANNER, sub="planner"),
        client_for(settings, Role.VIEWER, sub="viewer"),
    ]
    for client in refused:
        with client:
            body = post(client, RECORD, input=meeting_input())
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
    assert count(await store.query(COUNT)) == 0
    [row] = await store.query("MATCH (i:Issue {key: $key}) RETURN i.state AS state", key=OPEN)
    assert row["state"] == "IN_PROGRESS"


async def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    store: Neo4jStore, settings: Settings
) -> None:
    await small_graph(store)
    follow_up = meeting_input()["decisions"][2]["followUps"][0]
    cases = {
        "title": meeting_input(title="  "),
        "heldOn": meeting_input(heldOn="2999-01-01"),
        "attendees": meeting_input(attendees=[gid("Project", PROJECT)]),
        "decisions.resolves": meeting_input(
            decisions=[{"text": "x", "resolves": [gid("Issue", OPEN), gid("Issue", "issue/gone")]}]
        ),
        "decisions.followUps.owner": meeting_input(
            decisions=[
                {
                    "text": "x",
                    "followUps": [{**follow_up, "owner": gid("Organization", "org/gone")}],
                }
            ]
        ),
        "decisions.followUps.deadline": meeting_input(
            decisions=[{"text": "x", "followUps": [{**follow_up, "deadline": "2024-01-01"}]}]
        ),
        "decisions.text": meeting_input(decisions=[{"text": ""}]),
    }
    with client_for(settings) as admin:
        for field, given in cases.items():
            payload = run(admin, RECORD, input=given)["recordMeeting"]
            assert payload["meeting"] is None
            [error] = payload["userErrors"]
            assert (error["field"], error["code"]) == ([field], "BAD_USER_INPUT"), given
    assert count(await store.query(COUNT)) == 0
    rows = await store.query("MATCH (i:Issue) RETURN i.key AS key, i.state AS state ORDER BY key")
    # Nothing half-written: no follow-up issue, the open one not resolved, no audit entry.
    assert [(r["key"], r["state"]) for r in rows] == [(CLOSED, "CLOSED"), (OPEN, "IN_PROGRESS")]
    assert await store.query("MATCH (c:Change) RETURN c") == []


async def test_a_retried_record_with_its_client_key_writes_nothing_again(
    store: Neo4jStore, settings: Settings
) -> None:
    await small_graph(store)
    with client_for(settings) as admin:
        first = run(admin, RECORD, input=meeting_input(), clientKey="m-1")["recordMeeting"]
        again = run(admin, RECORD, input=meeting_input(), clientKey="m-1")["recordMeeting"]
        other = run(admin, RECORD, input=meeting_input(decisions=[]), clientKey="m-2")
    assert first["meeting"]["id"] == again["meeting"]["id"]
    assert other["recordMeeting"]["meeting"]["id"] != first["meeting"]["id"]
    # Two meetings, three decisions, one follow-up issue: the retry made none of them again.
    assert count(await store.query(COUNT)) == 2 + 3
    [row] = await store.query("MATCH (:Decision)-[:FOLLOWED_UP_BY]->(i) RETURN count(i) AS n")
    assert row["n"] == 1


async def test_meetings_decisions_and_their_issues_load_without_n_plus_1(
    store: Neo4jStore, settings: Settings
) -> None:
    await small_graph(store)
    query = """
    { meetings(first: 20) { nodes { decision attendees { name } people { name }
        decisions { text meeting { title } resolves { state resolvedBy { title } }
                    advances { name } followUps { state decidedBy { text } } } } } }
    """
    with client_for(settings) as admin:
        trips = []
        for n in range(5):
            run(admin, RECORD, input=meeting_input(title=f"会{n}"))
            store_of: Neo4jStore = admin.app.state.store  # type: ignore[attr-defined]
            before = store_of.round_trips
            nodes = run(admin, query)["meetings"]["nodes"]
            trips.append(store_of.round_trips - before)
            assert len(nodes) == n + 1
    # Loaders batch by relation, not by meeting: five meetings cost what one does. (Sibling
    # loads may land in one batch or two, so a single extra round trip is tolerated.)
    assert max(trips) <= trips[0] + 1, trips


async def test_which_meeting_decided_what_on_the_demo_graph(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    query = """
    query($issue: ID!, $project: ID!) {
      node(id: $issue) {
        ... on Issue { resolvedBy { title } decidedBy { seq text meeting { title } } }
      }
      project(id: $project) { meetingCount meetings { decision decisions { advances { name } } } }
      stats { jointlyResolvedIssues }
    }
    """
    with client_for(demo_settings, Role.VIEWER, sub="planner") as viewer:
        public = run(
            viewer,
            query,
            issue=gid("Issue", "issue/joint-001"),
            project=gid("Project", "project/dongxin-relocation"),
        )
    with client_for(demo_settings) as admin:
        data = run(
            admin,
            query,
            issue=gid("Issue", "issue/ruijing-medical-insurance"),
            project=gid("Project", "project/dongxin-relocation"),
        )
    [meeting] = data["node"]["resolvedBy"]
    assert meeting["title"] == "瑞景社区油田医保结算企地座谈会"
    [decision] = data["node"]["decidedBy"]
    assert decision["seq"] == 1 and "油田医保直接结算" in decision["text"]
    assert decision["meeting"] == meeting
    # The plan page's 32 meetings keep their decision text, each now a decision advancing it.
    meetings = data["project"]["meetings"]
    assert data["project"]["meetingCount"] == len(meetings) == 32
    assert all(m["decision"] for m in meetings)
    assert all(len(m["decisions"]) == 1 for m in meetings)
    advanced = {a["name"] for m in meetings for d in m["decisions"] for a in d["advances"]}
    assert advanced == {"东辛片区改造提升直属单位应急搬迁"}
    assert data["stats"]["jointlyResolvedIssues"] >= 50
    # A viewer sees no issues one by one, so nothing is resolved for it to read.
    assert public["node"] is None
