"""Visits through the API: groups, plans, records, problems raised, feedback, access and audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.model import Label, OrgKind, PersonRole, Rel
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import Json, bearer, gid, key_of, post, run
from web.app import create_app

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2024, 12, 20, 10, 0, tzinfo=TZ)
TODAY = NOW.date().isoformat()
GROUP = gid("VisitGroup", "visit-group/g1")
UNIT = gid("Organization", "org/u1")
LEAD = gid("Organization", "org/dept")
CATEGORY = gid("Category", "category/env")
LEADER, MEMBER = gid("Person", "person/leader"), gid("Person", "person/member")

VISIT_FIELDS = """id status plannedOn visitedOn summary feedback feedbackOn memberTimes
  group { id } place { id } attendees { id }
  issues { id title state channel supervised resolveBy
           assignments { role organization { id } } events { fromState toState } }"""
PAYLOAD = f"visit {{ {VISIT_FIELDS} }} userErrors {{ field code message }}"
PLAN = f"""mutation($input: PlanVisitInput!, $key: String) {{
  planVisit(input: $input, clientKey: $key) {{ {PAYLOAD} }} }}"""
RECORD = f"""mutation($input: RecordVisitInput!, $key: String) {{
  recordVisit(input: $input, clientKey: $key) {{ {PAYLOAD} }} }}"""
CANCEL = f"""mutation($id: ID!) {{ cancelVisit(id: $id, reason: "单位停业") {{ {PAYLOAD} }} }}"""
FEEDBACK = f"""mutation($id: ID!, $on: Date) {{
  recordVisitFeedback(id: $id, feedback: "已向单位反馈办理结果", feedbackOn: $on) {{
    {PAYLOAD} }} }}"""
GROUP_PAYLOAD = "visitGroup { id name leader { id } members { id } organization { id } } "
GROUP_PAYLOAD += "userErrors { field code message }"
CREATE_GROUP = f"""mutation($input: VisitGroupInput!) {{
  createVisitGroup(input: $input) {{ {GROUP_PAYLOAD} }} }}"""
EDIT_GROUP = f"""mutation($id: ID!, $input: VisitGroupInput!) {{
  editVisitGroup(id: $id, input: $input) {{ {GROUP_PAYLOAD} }} }}"""
VISIT = f"query($id: ID!) {{ node(id: $id) {{ ... on Visit {{ {VISIT_FIELDS} }} }} }}"
CHANGES = "query($of: ID!) { changes(of: $of) { actor action fields } }"
OVERDUE = "{ overdueIssues(first: 20) { nodes { id supervised channel } } }"

ON_THE_SPOT = {
    "title": "休息室缺少饮水设备",
    "category": CATEGORY,
    "solvedOnTheSpot": True,
    "resolution": "当场协调配齐",
}
BROUGHT_BACK = {
    "title": "门禁系统故障",
    "category": CATEGORY,
    "lead": LEAD,
    "resolveBy": "2024-12-27",
}


async def _graph(store: Neo4jStore) -> None:
    f = Fixture()
    f.add(Label.ORGANIZATION, "org/center", name="中心", kind=OrgKind.CENTER.value)
    f.add(Label.ORGANIZATION, "org/branch", name="机关党支部", kind=OrgKind.PARTY_COMMITTEE.value)
    f.add(Label.ORGANIZATION, "org/dept", name="综合办公室", kind=OrgKind.DEPARTMENT.value)
    f.add(Label.AREA, "area/street", name="文汇片区", level="STREET")
    f.add(Label.COMMUNITY, "community/c1", name="春晖小区", level="COMMUNITY")
    f.link(Rel.PART_OF, "community/c1", "area/street")
    for n in (1, 2):
        unit = f.add(
            Label.ORGANIZATION, f"org/u{n}", name=f"单位{n}", kind=OrgKind.REGIONAL_UNIT.value
        )
        f.link(Rel.LOCATED_IN, unit, "community/c1")
    f.add(Label.ORGANIZATION, "org/nowhere", name="无区域单位", kind=OrgKind.REGIONAL_UNIT.value)
    f.add(Label.CATEGORY, "category/env", name="环境")
    for slug in ("leader", "member", "outsider", "lead-2"):
        f.add(
            Label.PERSON, f"person/{slug}", name=f"员工{slug}", roles=[PersonRole.COORDINATOR.value]
        )
    f.add(Label.VISIT_GROUP, "visit-group/g1", name="第一小组", cadence="WEEKLY")
    f.link(Rel.LED_BY, "visit-group/g1", "person/leader")
    f.link(Rel.PART_OF, "visit-group/g1", "org/branch")
    f.link(Rel.MEMBER_OF, "person/member", "visit-group/g1")
    await f.write(store)


@pytest.fixture
async def graph(store: Neo4jStore) -> Neo4jStore:
    """The small graph every test here starts from."""
    await _graph(store)
    return store


@contextmanager
def client(
    settings: Settings,
    role: Role = Role.COORDINATOR,
    sub: str = "person/member",
    org: str | None = "org/branch",
    now: dt.datetime = NOW,
) -> Iterator[TestClient]:
    """A client acting as `sub` whose service tells the time `now`."""
    headers = bearer(settings, role, sub=sub, org=org)
    with TestClient(create_app(settings, clock=lambda: now), headers=headers) as test_client:
        yield test_client


def _visit(body: Json, name: str) -> Json:
    payload = body["data"][name]
    assert payload["userErrors"] == [], payload["userErrors"]
    visit: Json = payload["visit"]
    return visit


async def _counts(store: Neo4jStore) -> tuple[int, ...]:
    [row] = await store.query(
        "RETURN COUNT { (:Visit) } AS visits, COUNT { (:Issue) } AS issues,"
        " COUNT { (:Change) } AS changes, COUNT { (:IssueEvent) } AS events,"
        " COUNT { ()-[:ATTENDED_BY]->() } AS attended"
    )
    return tuple(row.values())


async def test_a_member_plans_records_and_closes_a_visit(
    graph: Neo4jStore, settings: Settings
) -> None:
    with client(settings) as member:
        plan = {"group": GROUP, "place": UNIT, "plannedOn": TODAY, "purpose": "了解用工需求"}
        planned = _visit(post(member, PLAN, input=plan), "planVisit")
        assert (planned["status"], planned["plannedOn"]) == ("PLANNED", TODAY)
        assert planned["place"]["id"] == UNIT and planned["group"]["id"] == GROUP
        recording = {
            "visit": planned["id"],
            "visitedOn": TODAY,
            "summary": "座谈交流、实地踏查",
            "attendees": [LEADER, MEMBER],
            "problems": [ON_THE_SPOT, BROUGHT_BACK],
        }
        visit = _visit(post(member, RECORD, input=recording), "recordVisit")
        closed = _visit(post(member, FEEDBACK, id=visit["id"], on=TODAY), "recordVisitFeedback")
    assert visit["id"] == planned["id"]
    with client(settings, Role.ADMIN, sub="admin", org=None) as admin:
        # The problems are issues under the issue rules: the admin sees them all.
        visit = run(admin, VISIT, id=visit["id"])["node"]
    assert (visit["status"], visit["visitedOn"], visit["memberTimes"]) == ("DONE", TODAY, 2)
    assert sorted(a["id"] for a in visit["attendees"]) == sorted([LEADER, MEMBER])
    issues = {issue["title"]: issue for issue in visit["issues"]}
    spot, back = issues["休息室缺少饮水设备"], issues["门禁系统故障"]
    assert spot["channel"] == back["channel"] == "VISIT"
    # Solved on the spot: the lifecycle's own shortcut, RECEIVED → RESOLVED.
    assert spot["state"] == "RESOLVED" and not spot["supervised"]
    assert [(e["fromState"], e["toState"]) for e in spot["events"]] == [
        (None, "RECEIVED"),
        ("RECEIVED", "RESOLVED"),
    ]
    # Brought back: verified, dispatched to its lead with the deadline, supervised (督办).
    assert (back["state"], back["supervised"]) == ("DISPATCHED", True)
    assert [e["toState"] for e in back["events"]] == ["RECEIVED", "VERIFYING", "DISPATCHED"]
    assert back["assignments"] == [{"role": "LEAD", "organization": {"id": LEAD}}]
    assert dt.datetime.fromisoformat(back["resolveBy"]) == dt.datetime(2024, 12, 28, tzinfo=TZ)
    assert (closed["feedback"], closed["feedbackOn"]) == ("已向单位反馈办理结果", TODAY)

    with client(settings, Role.ADMIN, sub="admin", org=None) as admin:
        changes = run(admin, CHANGES, of=visit["id"])["changes"]
        early = run(admin, OVERDUE)["overdueIssues"]["nodes"]
    # One clock for the whole test: the entries share their time, so their order is the keys'.
    assert sorted((c["actor"], c["action"]) for c in changes) == [
        ("person/member", "planVisit"),
        ("person/member", "recordVisit"),
        ("person/member", "recordVisitFeedback"),
    ]
    recorded = next(c for c in changes if c["action"] == "recordVisit")
    assert recorded["fields"] == ["visitedOn", "summary", "attendees", "problems"]
    assert early == []
    # Past its deadline the supervised problem surfaces among the overdue issues.
    later = NOW + dt.timedelta(days=10)
    with client(settings, Role.ADMIN, sub="admin", org=None, now=later) as admin:
        overdue = run(admin, OVERDUE)["overdueIssues"]["nodes"]
    assert overdue == [{"id": back["id"], "supervised": True, "channel": "VISIT"}]


async def test_a_client_key_records_a_visit_once(graph: Neo4jStore, settings: Settings) -> None:
    recording = {
        "group": GROUP,
        "place": UNIT,
        "visitedOn": TODAY,
        "summary": "走访",
        "memberCount": 4,
        "problems": [BROUGHT_BACK],
    }
    with client(settings) as member:
        first = _visit(post(member, RECORD, input=recording, key="rec-1"), "recordVisit")
        counts = await _counts(graph)
        again = _visit(post(member, RECORD, input=recording, key="rec-1"), "recordVisit")
        assert await _counts(graph) == counts
        other = _visit(post(member, RECORD, input=recording, key="rec-2"), "recordVisit")
    assert again["id"] == first["id"] != other["id"]
    assert first["memberTimes"] == 4
    assert counts[:3] == (1, 1, 1)


@pytest.mark.parametrize(
    ("role", "sub", "org", "allowed"),
    [
        (Role.ADMIN, "admin", None, True),
        (Role.COORDINATOR, "person/outsider", "org/center", True),
        (Role.COORDINATOR, "person/leader", "org/branch", True),
        (Role.COORDINATOR, "person/member", "org/dept", True),
        (Role.COORDINATOR, "person/outsider", "org/branch", False),
        (Role.OBSERVER, "person/member", None, False),
        (Role.PLANNER, "person/member", None, False),
        (Role.VIEWER, "person/member", None, False),
    ],
)
async def test_who_may_record_a_groups_visits(
    graph: Neo4jStore, settings: Settings, role: Role, sub: str, org: str | None, allowed: bool
) -> None:
    recording = {"group": GROUP, "place": UNIT, "visitedOn": TODAY, "summary": "走访"}
    before = await _counts(graph)
    with client(settings, role, sub=sub, org=org) as who:
        body = post(who, RECORD, input=recording)
    if allowed:
        assert _visit(body, "recordVisit")["status"] == "DONE"
    else:
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert await _counts(graph) == before


def _problem(**changes: Any) -> dict[str, Any]:
    return {**BROUGHT_BACK, **changes}


BAD_RECORDINGS = [
    ({"group": gid("VisitGroup", "visit-group/none")}, "NOT_FOUND", "group"),
    ({"place": gid("Organization", "org/none")}, "BAD_USER_INPUT", "place"),
    ({"place": gid("Person", "person/leader")}, "BAD_USER_INPUT", "place"),
    ({"visitedOn": "2024-12-21"}, "BAD_USER_INPUT", "visitedOn"),
    ({"summary": " "}, "BAD_USER_INPUT", "summary"),
    ({"attendees": [gid("Person", "person/none")]}, "BAD_USER_INPUT", "attendees"),
    (
        {"problems": [ON_THE_SPOT, _problem(resolveBy="2024-12-19")]},
        "BAD_USER_INPUT",
        "problems.1.resolveBy",
    ),
    ({"problems": [ON_THE_SPOT, _problem(lead=None)]}, "BAD_USER_INPUT", "problems.1.lead"),
    (
        {"problems": [ON_THE_SPOT, _problem(lead=gid("Organization", "org/none"))]},
        "BAD_USER_INPUT",
        "problems.1.lead",
    ),
    (
        {"problems": [_problem(category=gid("Category", "category/none"))]},
        "BAD_USER_INPUT",
        "problems.0.category",
    ),
    (
        {"place": gid("Organization", "org/nowhere"), "problems": [ON_THE_SPOT]},
        "BAD_USER_INPUT",
        "problems.0.area",
    ),
]


@pytest.mark.parametrize(("change", "code", "field"), BAD_RECORDINGS)
async def test_bad_recordings_write_nothing(
    graph: Neo4jStore, settings: Settings, change: Json, code: str, field: str
) -> None:
    recording = {
        "group": GROUP,
        "place": UNIT,
        "visitedOn": TODAY,
        "summary": "走访",
        "attendees": [MEMBER],
        **change,
    }
    before = await _counts(graph)
    with client(settings) as member:
        body = post(member, RECORD, input=recording)
    assert await _counts(graph) == before
    _refused(body, "recordVisit", code, field)


def _refused(body: Json, name: str, code: str, field: str) -> None:
    if "errors" in body:
        error = body["errors"][0]
        assert (error["extensions"]["code"], error["extensions"].get("field")) == (code, field)
        return
    [error] = body["data"][name]["userErrors"]
    assert (error["code"], error["field"]) == (code, [field])
    # Clerks read these: Chinese, saying what to do.
    assert any("\u4e00" <= char <= "\u9fff" for char in error["message"])


async def test_a_cancelled_or_recorded_visit_is_not_recorded_again(
    graph: Neo4jStore, settings: Settings
) -> None:
    plan = {"group": GROUP, "place": UNIT, "plannedOn": TODAY}
    with client(settings) as member:
        cancelled = _visit(post(member, PLAN, input=plan), "planVisit")
        assert _visit(post(member, CANCEL, id=cancelled["id"]), "cancelVisit")["status"] == (
            "CANCELLED"
        )
        done = _visit(post(member, PLAN, input=plan), "planVisit")
        recording = {"visitedOn": TODAY, "summary": "走访"}
        _visit(post(member, RECORD, input={**recording, "visit": done["id"]}), "recordVisit")
        before = await _counts(graph)
        for visit in (cancelled, done):
            body = post(member, RECORD, input={**recording, "visit": visit["id"]})
            _refused(body, "recordVisit", "BAD_USER_INPUT", "visit")
        _refused(post(member, CANCEL, id=done["id"]), "cancelVisit", "BAD_USER_INPUT", "id")
        _refused(
            post(member, FEEDBACK, id=cancelled["id"]),
            "recordVisitFeedback",
            "BAD_USER_INPUT",
            "id",
        )
        _refused(
            post(member, FEEDBACK, id=done["id"], on="2024-12-19"),
            "recordVisitFeedback",
            "BAD_USER_INPUT",
            "feedbackOn",
        )
        _refused(
            post(member, PLAN, input={**plan, "plannedOn": "2024-12-19"}),
            "planVisit",
            "BAD_USER_INPUT",
            "plannedOn",
        )
        missing = gid("Visit", "visit/none")
        _refused(
            post(member, RECORD, input={**recording, "visit": missing}),
            "recordVisit",
            "NOT_FOUND",
            "visit",
        )
    assert await _counts(graph) == before


async def test_groups_are_set_up_by_the_center_and_edited_by_their_crew(
    graph: Neo4jStore, settings: Settings
) -> None:
    new = {
        "name": "第二小组",
        "organization": gid("Organization", "org/branch"),
        "leader": LEADER,
        "members": [MEMBER],
    }
    with client(settings) as member:
        refused = post(member, CREATE_GROUP, input=new)
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        change = {"members": [MEMBER, gid("Person", "person/lead-2")], "name": "第一小组（调整）"}
        edited = run(member, EDIT_GROUP, id=GROUP, input=change)["editVisitGroup"]["visitGroup"]
    assert edited["name"] == "第一小组（调整）"
    assert sorted(m["id"] for m in edited["members"]) == sorted(change["members"])
    assert edited["leader"]["id"] == LEADER
    with client(settings, sub="person/outsider", org="org/center") as center:
        made = run(center, CREATE_GROUP, input=new)["createVisitGroup"]["visitGroup"]
        _refused(
            post(center, CREATE_GROUP, input={**new, "leader": gid("Person", "person/x")}),
            "createVisitGroup",
            "BAD_USER_INPUT",
            "leader",
        )
        changes = run(center, CHANGES, of=made["id"])["changes"]
    assert made["organization"]["id"] == new["organization"]
    assert [m["id"] for m in made["members"]] == [MEMBER]
    assert changes == [
        {
            "actor": "person/outsider",
            "action": "createVisitGroup",
            "fields": ["name", "organization", "leader", "members"],
        }
    ]
    with client(settings, sub="person/outsider", org="org/branch") as outsider:
        body = post(outsider, EDIT_GROUP, id=GROUP, input={"name": "x"})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_visits_connection_filters_and_reads_relations_in_batches(
    graph: Neo4jStore, settings: Settings
) -> None:
    with client(settings) as member:
        for place in (UNIT, gid("Organization", "org/u2")):
            recording = {
                "group": GROUP,
                "place": place,
                "visitedOn": TODAY,
                "summary": "走访",
                "attendees": [MEMBER, LEADER],
                "problems": [ON_THE_SPOT],
            }
            _visit(post(member, RECORD, input=recording), "recordVisit")
        _visit(
            post(member, PLAN, input={"group": GROUP, "place": UNIT, "plannedOn": "2025-01-06"}),
            "planVisit",
        )
        query = """query($filter: VisitFilter) { visits(first: 10, filter: $filter) {
            totalCount nodes { status place { id } group { name leader { id } }
                               attendees { id } issues { state } } } }"""
        app_store: Neo4jStore = member.app.state.store  # type: ignore[attr-defined]
        before = app_store.round_trips
        everything = run(member, query)["visits"]
        spent = app_store.round_trips - before
        done = run(member, query, filter={"statuses": ["DONE"], "place": UNIT})["visits"]
        planned = run(member, query, filter={"onFrom": "2025-01-01", "group": GROUP})["visits"]
    assert everything["totalCount"] == 3
    # Planned first, then the visits made.
    assert [v["status"] for v in everything["nodes"]] == ["PLANNED", "DONE", "DONE"]
    # The page, then one read per relation however many visits: no N+1.
    assert spent <= 8
    assert (done["totalCount"], done["nodes"][0]["place"]["id"]) == (1, UNIT)
    assert [v["status"] for v in planned["nodes"]] == ["PLANNED"]
    assert key_of(GROUP) == "visit-group/g1"
