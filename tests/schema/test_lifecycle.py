"""The issue lifecycle through the mutations: legal steps, refused steps, intake, whistles."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.errors import StoreUnavailable
from graph.model import IssueState, Label, Rel
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from resolvers.lifecycle import TERMINAL, TRANSITIONS
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import Api, Json, client_for, gid, key_of, run
from tests.support.graphs import T0, add_issue

LEAD = gid("Organization", "org/lead")
HELPERS = [gid("Organization", "org/help1"), gid("Organization", "org/help2")]
ORIGINAL = gid("Issue", "issue/original")

ISSUE_FIELDS = "id state satisfaction respondedAt resolvedAt closedAt"
EVENT_FIELDS = "events { seq fromState toState note actor }"
ASSIGNMENTS = "assignments { role organization { id } }"
PAYLOAD = (
    f"issue {{ {ISSUE_FIELDS} {EVENT_FIELDS} {ASSIGNMENTS} }} userErrors {{ field code message }}"
)


@dataclass(frozen=True)
class Step:
    """One lifecycle mutation, the state it leads to and its extra arguments."""

    mutation: str
    target: IssueState
    arguments: str = ""

    def query(self) -> str:
        """The mutation over an issue ID variable."""
        call = f"{self.mutation}(id: $id{self.arguments})"
        return f"mutation($id: ID!) {{ step: {call} {{ {PAYLOAD} }} }}"

    def __str__(self) -> str:
        return f"{self.mutation}->{self.target}"


S = IssueState
STEPS = [
    Step("verifyIssue", S.VERIFYING, ', note: "核实"'),
    Step("dispatchIssue", S.DISPATCHED, f', organization: "{LEAD}", reason: "派单"'),
    Step("acceptIssue", S.ACCEPTED),
    Step("startIssue", S.IN_PROGRESS),
    Step("resolveIssue", S.RESOLVED, ', note: "已修好"'),
    Step("returnIssue", S.RETURNED, ', reason: "不属本单位"'),
    Step("escalateIssue", S.ESCALATED, f', organizations: ["{HELPERS[0]}"], reason: "需协调"'),
    Step("closeIssue", S.CLOSED),
    Step("recordFeedback", S.CLOSED, ", satisfaction: 4"),
    Step("recordFeedback", S.REOPENED, ", satisfaction: 2"),
    Step("rejectIssue", S.REJECTED, ', reason: "无效"'),
    Step("markDuplicate", S.DUPLICATE, f', original: "{ORIGINAL}"'),
    Step("referOut", S.REFERRED_OUT, ', to: "12345热线", reason: "不属中心"'),
]

LEGAL = [(source, step) for source in S for step in STEPS if step.target in TRANSITIONS[source]]
ILLEGAL = {source: [s for s in STEPS if s.target not in TRANSITIONS[source]] for source in S}


async def _base(store: Neo4jStore) -> None:
    f = Fixture()
    f.add(Label.CATEGORY, "cat/water", name="供水")
    f.add(Label.COMMUNITY, "area/c1", name="瑞景小区", level="COMMUNITY")
    f.add(Label.ORGANIZATION, "org/lead", name="物业公司", kind="SERVICE_COMPANY")
    f.add(Label.ORGANIZATION, "org/help1", name="供水单位", kind="DIRECT_UNIT")
    f.add(Label.ORGANIZATION, "org/help2", name="街道办", kind="GOVERNMENT")
    f.add(Label.PERSON, "person/p1", name="居民甲")
    add_issue(f, "issue/original", state="RECEIVED", category="cat/water", area="area/c1")
    await f.write(store)


async def _issue_in(store: Neo4jStore, key: str, state: IssueState) -> None:
    """An issue in `state` with two earlier events (seq 1 and 2) and a lead assignment."""
    f = Fixture()
    f.known(Label.CATEGORY, "cat/water")
    f.known(Label.AREA, "area/c1")
    f.known(Label.ORGANIZATION, "org/lead")
    add_issue(f, key, state=state.value, category="cat/water", area="area/c1")
    events = [
        {"key": f"{key}/e1", "seq": 1, "at": T0, "fromState": None, "toState": "RECEIVED"},
        {"key": f"{key}/e2", "seq": 2, "at": T0, "fromState": "RECEIVED", "toState": state.value},
    ]
    for event in events:
        f.link(Rel.HAS_EVENT, key, f.row(Label.ISSUE_EVENT, event))
    f.link(Rel.ASSIGNED_TO, key, "org/lead", role="LEAD")
    await f.write(store)


SNAPSHOT = """
MATCH (i:Issue {key: $key})
RETURN properties(i) AS props,
       [(i)-[r]-(o) | [type(r), startNode(r) = i, o.key, properties(r)]] AS links
"""


async def _snapshot(store: Neo4jStore, key: str) -> tuple[Any, ...]:
    """Everything a refused step must leave as it was: the issue, its links, all counts."""
    [row] = await store.query(SNAPSHOT, key=key)
    links = sorted(row["links"], key=repr)
    labels = await store.count_by_label()
    rels = await store.count_by_relationship()
    return row["props"], links, labels, rels


@pytest.fixture(scope="module")
async def base(shared_store: Neo4jStore) -> Neo4jStore:
    """A category, a community, three organizations and an issue, shared by the module."""
    await _base(shared_store)
    return shared_store


@pytest.fixture
def issue_key() -> str:
    """A fresh issue key, so that tests sharing the database never touch each other's issues."""
    return f"issue/{uuid.uuid4().hex[:12]}"


@pytest.mark.parametrize(("source", "step"), LEGAL, ids=[f"{s}-{t}" for s, t in LEGAL])
async def test_every_legal_step_appends_one_event(
    base: Neo4jStore, api: Api, issue_key: str, source: IssueState, step: Step
) -> None:
    await _issue_in(base, issue_key, source)
    payload = api.data(step.query(), {"id": gid("Issue", issue_key)})["step"]
    assert payload["userErrors"] == []
    issue = payload["issue"]
    assert issue["state"] == step.target
    events = issue["events"]
    assert len(events) == 3
    assert [event["seq"] for event in events[:2]] == [1, 2]
    new = events[-1]
    assert new["seq"] > 2
    assert (new["fromState"], new["toState"]) == (source, step.target)
    assert new["actor"] == "test-admin"
    [stored] = await base.get_nodes(Label.ISSUE, [issue_key])
    assert stored is not None
    assert stored["state"] == step.target


@pytest.mark.parametrize("source", list(S), ids=[s.value for s in S])
async def test_illegal_steps_are_refused_and_write_nothing(
    base: Neo4jStore, api: Api, issue_key: str, source: IssueState
) -> None:
    await _issue_in(base, issue_key, source)
    before = await _snapshot(base, issue_key)
    refused = ILLEGAL[source]
    assert refused, "every state refuses some step"
    if source in TERMINAL:
        assert len(refused) == len(STEPS)
    for step in refused:
        error = api.error(step.query(), {"id": gid("Issue", issue_key)})
        assert error["extensions"]["code"] == "ILLEGAL_TRANSITION", (step, error)
        assert error["extensions"]["currentState"] == source
        assert error["extensions"]["requestedState"] == step.target
        assert error["extensions"]["allowedStates"] == sorted(t.value for t in TRANSITIONS[source])
        assert source.value in error["message"]
    assert await _snapshot(base, issue_key) == before


def _report(api: Api, **fields: Any) -> Json:
    query = f"""mutation($input: ReportIssueInput!) {{ reportIssue(input: $input) {{
        created issue {{ {ISSUE_FIELDS} title channel {EVENT_FIELDS}
          category {{ id }} area {{ id }} reporter {{ id }} }}
        userErrors {{ field code message }} }} }}"""
    input_ = {
        "title": "楼道漏水",
        "channel": "QR_CODE",
        "category": gid("Category", "cat/water"),
        "area": gid("Area", "area/c1"),
        **fields,
    }
    payload: Json = api.data(query, {"input": input_})["reportIssue"]
    return payload


def _step(api: Api, step: Step, issue_id: str) -> Json:
    payload: Json = api.data(step.query(), {"id": issue_id})["step"]
    assert payload["userErrors"] == [], payload
    issue: Json = payload["issue"]
    return issue


def _by(mutation: str, target: IssueState) -> Step:
    return next(s for s in STEPS if s.mutation == mutation and s.target == target)


async def test_an_issue_walks_the_whole_lifecycle(base: Neo4jStore, api: Api) -> None:
    report = _report(api, reporter=gid("Person", "person/p1"), description="三楼")
    assert report["created"] is True
    assert report["userErrors"] == []
    issue = report["issue"]
    assert issue["state"] == "RECEIVED"
    assert issue["category"] == {"id": gid("Category", "cat/water")}
    assert issue["area"] == {"id": gid("Area", "area/c1")}
    assert issue["reporter"] == {"id": gid("Person", "person/p1")}
    walk = [
        _by("verifyIssue", S.VERIFYING),
        _by("dispatchIssue", S.DISPATCHED),
        _by("returnIssue", S.RETURNED),
        _by("dispatchIssue", S.DISPATCHED),
        _by("acceptIssue", S.ACCEPTED),
        _by("startIssue", S.IN_PROGRESS),
        _by("escalateIssue", S.ESCALATED),
        _by("startIssue", S.IN_PROGRESS),
        _by("resolveIssue", S.RESOLVED),
        _by("recordFeedback", S.REOPENED),
        _by("startIssue", S.IN_PROGRESS),
        _by("resolveIssue", S.RESOLVED),
        _by("recordFeedback", S.CLOSED),
    ]
    for step in walk:
        issue = _step(api, step, issue["id"])
        assert issue["state"] == step.target
    events = issue["events"]
    states = ["RECEIVED", *(step.target.value for step in walk)]
    assert [(e["fromState"], e["toState"]) for e in events] == list(
        zip([None, *states[:-1]], states, strict=True)
    )
    seqs = [event["seq"] for event in events]
    assert seqs == sorted(set(seqs))
    assert events[0]["note"] == "受理"
    assert issue["satisfaction"] == 4
    assert None not in (issue["respondedAt"], issue["resolvedAt"], issue["closedAt"])
    [stored] = await base.get_nodes(Label.ISSUE, [key_of(issue["id"])])
    assert stored is not None
    assert (stored["returnCount"], stored["whistleCount"], stored["reopenCount"]) == (1, 1, 1)
    assert issue["assignments"] == [
        {"role": "LEAD", "organization": {"id": LEAD}},
        {"role": "ASSIST", "organization": {"id": HELPERS[0]}},
    ]


async def test_received_issue_solved_on_the_spot(base: Neo4jStore, api: Api) -> None:
    issue = _report(api, channel="VISIT")["issue"]
    issue = _step(api, _by("resolveIssue", S.RESOLVED), issue["id"])
    assert [(e["fromState"], e["toState"]) for e in issue["events"]] == [
        (None, "RECEIVED"),
        ("RECEIVED", "RESOLVED"),
    ]


@pytest.mark.parametrize("reason", ["", "   "])
async def test_return_needs_a_reason(
    base: Neo4jStore, api: Api, issue_key: str, reason: str
) -> None:
    await _issue_in(base, issue_key, S.DISPATCHED)
    before = await _snapshot(base, issue_key)
    query = f"""mutation($id: ID!, $reason: String!) {{
        returnIssue(id: $id, reason: $reason) {{ {PAYLOAD} }} }}"""
    payload = api.data(query, {"id": gid("Issue", issue_key), "reason": reason})["returnIssue"]
    assert payload["issue"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["reason"], "BAD_USER_INPUT")
    ]
    assert await _snapshot(base, issue_key) == before


async def test_return_without_a_reason_is_refused_before_running(
    base: Neo4jStore, api: Api, issue_key: str
) -> None:
    await _issue_in(base, issue_key, S.DISPATCHED)
    before = await _snapshot(base, issue_key)
    query = f"mutation($id: ID!) {{ returnIssue(id: $id) {{ {PAYLOAD} }} }}"
    error = api.error(query, {"id": gid("Issue", issue_key)})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "reason" in error["message"]
    assert await _snapshot(base, issue_key) == before


@pytest.mark.parametrize(
    ("satisfaction", "state", "reopened"), [(2, "REOPENED", 1), (4, "CLOSED", None)]
)
async def test_feedback_closes_or_reopens(
    base: Neo4jStore, api: Api, issue_key: str, satisfaction: int, state: str, reopened: int | None
) -> None:
    await _issue_in(base, issue_key, S.RESOLVED)
    query = f"""mutation($id: ID!, $s: Int!) {{
        recordFeedback(id: $id, satisfaction: $s, comment: "还行") {{ {PAYLOAD} }} }}"""
    payload = api.data(query, {"id": gid("Issue", issue_key), "s": satisfaction})["recordFeedback"]
    assert payload["issue"]["state"] == state
    assert payload["issue"]["satisfaction"] == satisfaction
    [stored] = await base.get_nodes(Label.ISSUE, [issue_key])
    assert stored is not None
    assert stored.get("reopenCount") == reopened
    assert stored["feedbackComment"] == "还行"


@pytest.mark.parametrize("satisfaction", [0, 6, -1])
async def test_feedback_out_of_range_is_a_user_error(
    base: Neo4jStore, api: Api, issue_key: str, satisfaction: int
) -> None:
    await _issue_in(base, issue_key, S.RESOLVED)
    before = await _snapshot(base, issue_key)
    query = f"""mutation($id: ID!, $s: Int!) {{
        recordFeedback(id: $id, satisfaction: $s) {{ {PAYLOAD} }} }}"""
    payload = api.data(query, {"id": gid("Issue", issue_key), "s": satisfaction})["recordFeedback"]
    assert payload["issue"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["satisfaction"], "BAD_USER_INPUT")
    ]
    assert await _snapshot(base, issue_key) == before


async def test_escalation_blows_a_whistle_and_adds_assistants(
    base: Neo4jStore, api: Api, issue_key: str
) -> None:
    await _issue_in(base, issue_key, S.IN_PROGRESS)
    query = """mutation($id: ID!, $orgs: [ID!]!) {
      escalateIssue(id: $id, organizations: $orgs, reason: "跨部门", reportWithinHours: 2) {
        issue { state assignments { role organization { id } } whistles { id } }
        whistle { id reason blownAt issue { id }
                  summons { organization { id } reportedAt } }
        userErrors { message } } }"""
    started = dt.datetime.now(dt.UTC)
    payload = api.data(query, {"id": gid("Issue", issue_key), "orgs": [LEAD, *HELPERS]})
    payload = payload["escalateIssue"]
    assert payload["userErrors"] == []
    whistle = payload["whistle"]
    assert whistle["reason"] == "跨部门"
    assert whistle["issue"] == {"id": gid("Issue", issue_key)}
    assert dt.datetime.fromisoformat(whistle["blownAt"]) >= started - dt.timedelta(seconds=5)
    summoned = sorted(s["organization"]["id"] for s in whistle["summons"])
    assert summoned == sorted([LEAD, *HELPERS])
    assert all(s["reportedAt"] is None for s in whistle["summons"])
    issue = payload["issue"]
    assert issue["state"] == "ESCALATED"
    assert issue["whistles"] == [{"id": whistle["id"]}]
    # The lead keeps its role; the others are summoned to assist.
    assert issue["assignments"][0] == {"role": "LEAD", "organization": {"id": LEAD}}
    assert sorted(a["organization"]["id"] for a in issue["assignments"][1:]) == sorted(HELPERS)
    assert {a["role"] for a in issue["assignments"][1:]} == {"ASSIST"}
    [row] = await base.query(
        "MATCH (:Issue {key: $key})<-[:ABOUT]-(:Whistle)-[s:SUMMONS]->(:Organization {key: $org}) "
        "RETURN s.dueAt AS due",
        key=issue_key,
        org="org/help2",
    )
    due = row["due"].to_native()
    assert dt.timedelta(hours=1) < due - started < dt.timedelta(hours=3)


async def test_escalation_needs_organizations(base: Neo4jStore, api: Api, issue_key: str) -> None:
    await _issue_in(base, issue_key, S.IN_PROGRESS)
    before = await _snapshot(base, issue_key)
    query = """mutation($id: ID!, $orgs: [ID!]!) {
      escalateIssue(id: $id, organizations: $orgs, reason: "跨部门") {
        issue { id } whistle { id } userErrors { field code } } }"""
    for orgs in ([], [gid("Organization", "org/nowhere")], [gid("Area", "area/c1")]):
        payload = api.data(query, {"id": gid("Issue", issue_key), "orgs": orgs})["escalateIssue"]
        assert (payload["issue"], payload["whistle"]) == (None, None)
        assert [e["code"] for e in payload["userErrors"]] == ["BAD_USER_INPUT"]
    assert await _snapshot(base, issue_key) == before


@pytest.mark.parametrize(
    "organization", [gid("Organization", "org/nowhere"), gid("Area", "area/c1")]
)
async def test_dispatch_to_an_unknown_organization_writes_nothing(
    base: Neo4jStore, api: Api, issue_key: str, organization: str
) -> None:
    await _issue_in(base, issue_key, S.VERIFYING)
    before = await _snapshot(base, issue_key)
    query = f"""mutation($id: ID!, $org: ID!) {{
        dispatchIssue(id: $id, organization: $org, reason: "指定") {{ {PAYLOAD} }} }}"""
    payload = api.data(query, {"id": gid("Issue", issue_key), "org": organization})
    payload = payload["dispatchIssue"]
    assert payload["issue"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["BAD_USER_INPUT"]
    assert await _snapshot(base, issue_key) == before


async def test_dispatch_replaces_the_lead(base: Neo4jStore, api: Api, issue_key: str) -> None:
    await _issue_in(base, issue_key, S.RETURNED)
    query = f"""mutation($id: ID!, $org: ID!, $reason: String) {{
        dispatchIssue(id: $id, organization: $org, reason: $reason) {{ {PAYLOAD} }} }}"""
    variables = {"id": gid("Issue", issue_key), "org": HELPERS[1]}
    refused = api.data(query, variables)["dispatchIssue"]
    # Overriding the routing answer needs a reason.
    assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [
        (["reason"], "BAD_USER_INPUT")
    ]
    payload = api.data(query, {**variables, "reason": "换单位"})
    assert payload["dispatchIssue"]["issue"]["assignments"] == [
        {"role": "LEAD", "organization": {"id": HELPERS[1]}}
    ]


async def test_mark_duplicate_links_the_original(
    base: Neo4jStore, api: Api, issue_key: str
) -> None:
    await _issue_in(base, issue_key, S.VERIFYING)
    _step(api, _by("markDuplicate", S.DUPLICATE), gid("Issue", issue_key))
    rows = await base.query(
        "MATCH (:Issue {key: $key})-[:DUPLICATE_OF]->(o:Issue) RETURN o.key AS key", key=issue_key
    )
    assert rows == [{"key": "issue/original"}]


async def test_an_issue_cannot_duplicate_itself(base: Neo4jStore, api: Api, issue_key: str) -> None:
    await _issue_in(base, issue_key, S.VERIFYING)
    before = await _snapshot(base, issue_key)
    query = f"mutation($id: ID!) {{ markDuplicate(id: $id, original: $id) {{ {PAYLOAD} }} }}"
    payload = api.data(query, {"id": gid("Issue", issue_key)})["markDuplicate"]
    assert [e["field"] for e in payload["userErrors"]] == [["original"]]
    assert await _snapshot(base, issue_key) == before


async def test_report_with_unknown_category_is_a_user_error(base: Neo4jStore, api: Api) -> None:
    issues = (await base.count_by_label())["Issue"]
    payload = _report(api, category=gid("Category", "cat/none"))
    assert payload["issue"] is None
    assert payload["created"] is False
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["category"], "BAD_USER_INPUT")
    ]
    assert (await base.count_by_label())["Issue"] == issues


async def test_reports_without_a_request_id_are_separate_issues(base: Neo4jStore, api: Api) -> None:
    issues = (await base.count_by_label())["Issue"]
    first, second = _report(api), _report(api)
    assert first["created"] and second["created"]
    assert first["issue"]["id"] != second["issue"]["id"]
    assert (await base.count_by_label())["Issue"] == issues + 2


RESIDENT_REPORT = """mutation($input: ReportIssueInput!) { reportIssue(input: $input) {
  issue { id reporter { id name phone } } userErrors { field code message } } }"""
REPORTER = "query($id: ID!) { node(id: $id) { ... on Issue { reporter { id name phone } } } }"
PERSON = "query($id: ID!) { node(id: $id) { ... on Person { name phone } } }"


def _resident_report(client: TestClient, name: str, phone: str) -> Json:
    input_ = {
        "title": "楼道漏水",
        "channel": "HOTLINE",
        "category": gid("Category", "cat/water"),
        "area": gid("Area", "area/c1"),
        "reporterName": name,
        "reporterPhone": phone,
    }
    payload: Json = run(client, RESIDENT_REPORT, input=input_)["reportIssue"]
    assert payload["userErrors"] == [], payload
    issue: Json = payload["issue"]
    return issue


async def test_a_report_neither_reveals_nor_rewrites_another_reports_resident(
    base: Neo4jStore, api: Api, settings: Settings
) -> None:
    phone, unknown_phone = "13812340001", "13812340002"
    f = Fixture()
    f.known(Label.COMMUNITY, "area/c1")
    f.link(Rel.OBSERVES, f.add(Label.PERSON, "person/obs-c1", roles=["OBSERVER"]), "area/c1")
    await f.write(base)
    first = _resident_report(api.client, "王小明", phone)
    with client_for(settings, Role.OBSERVER, sub="person/obs-c1") as observer:
        known = _resident_report(observer, "李四", phone)
        unknown = _resident_report(observer, "李四", unknown_phone)
    # Whether the number was on file or not, the answer is alike: a resident as this report
    # told it, never an earlier report's.
    assert known["reporter"]["id"] not in (first["reporter"]["id"], unknown["reporter"]["id"])
    assert known["reporter"]["name"] == unknown["reporter"]["name"] == "李*"
    # The earlier report's resident is as that report said.
    kept = run(api.client, REPORTER, id=first["id"])["node"]["reporter"]
    assert kept == {"id": first["reporter"]["id"], "name": "王小明", "phone": phone}
    # The coordinator handling the new report sees what it said, and no other report's resident.
    _step(api, _by("verifyIssue", S.VERIFYING), known["id"])
    _step(api, _by("dispatchIssue", S.DISPATCHED), known["id"])
    with client_for(settings, Role.COORDINATOR, sub="person/lead-c", org="org/lead") as lead:
        handled = run(lead, REPORTER, id=known["id"])["node"]["reporter"]
        assert (handled["name"], handled["phone"]) == ("李四", phone)
        other = run(lead, PERSON, id=first["reporter"]["id"])["node"]
        assert other == {"name": "王**", "phone": "138****0001"}


async def _intake_rows(store: Neo4jStore, request_id: str) -> list[Json]:
    return await store.query(
        "MATCH (i:Issue {clientRequestId: $id}) "
        "RETURN i.key AS key, COUNT { (i)-[:HAS_EVENT]->() } AS events, "
        "COUNT { (i)-[:IN_CATEGORY]->() } AS categories, i.created AS marker",
        id=request_id,
    )


async def test_resubmitting_a_request_id_returns_the_first_issue(
    base: Neo4jStore, api: Api
) -> None:
    payloads = [_report(api, clientRequestId="req-1", title=f"第{n}次") for n in range(10)]
    assert [p["created"] for p in payloads] == [True] + [False] * 9
    assert len({p["issue"]["id"] for p in payloads}) == 1
    assert {p["issue"]["title"] for p in payloads} == {"第0次"}
    rows = await _intake_rows(base, "req-1")
    assert rows == [
        {"key": key_of(payloads[0]["issue"]["id"]), "events": 1, "categories": 1, "marker": None}
    ]


async def test_concurrent_resubmissions_create_one_issue(base: Neo4jStore, api: Api) -> None:
    attempts = 10
    payloads = _concurrently(attempts, lambda _: _report(api, clientRequestId="req-concurrent"))
    assert all(p["userErrors"] == [] for p in payloads), payloads
    assert sorted(p["created"] for p in payloads) == [False] * (attempts - 1) + [True]
    assert len({p["issue"]["id"] for p in payloads}) == 1
    [row] = await _intake_rows(base, "req-concurrent")
    assert (row["events"], row["categories"], row["marker"]) == (1, 1, None)


def _concurrently(count: int, work: Callable[[int], Json]) -> list[Json]:
    barrier = threading.Barrier(count)

    def run(n: int) -> Json:
        barrier.wait()
        return work(n)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


async def test_racing_steps_on_one_issue_let_exactly_one_through(
    base: Neo4jStore, api: Api, issue_key: str
) -> None:
    await _issue_in(base, issue_key, S.RECEIVED)
    step = _by("verifyIssue", S.VERIFYING)
    results = _concurrently(8, lambda _: api.post(step.query(), {"id": gid("Issue", issue_key)}))
    passed = [r for r in results if "errors" not in r]
    refused = [r["errors"][0]["extensions"] for r in results if "errors" in r]
    assert len(passed) == 1
    assert [(e["code"], e["currentState"]) for e in refused] == [
        ("ILLEGAL_TRANSITION", "VERIFYING")
    ] * 7
    [stored] = await base.query(
        "MATCH (:Issue {key: $key})-[:HAS_EVENT]->(e) RETURN count(e) AS events", key=issue_key
    )
    assert stored["events"] == 3


async def test_concurrent_steps_on_many_issues_number_their_events_uniquely(
    base: Neo4jStore, api: Api, issue_key: str
) -> None:
    for n in range(8):
        await _issue_in(base, f"{issue_key}-{n}", S.RECEIVED)
    step = _by("verifyIssue", S.VERIFYING)
    results = _concurrently(8, lambda n: _step(api, step, gid("Issue", f"{issue_key}-{n}")))
    seqs = [issue["events"][-1]["seq"] for issue in results]
    assert len(set(seqs)) == 8
    assert min(seqs) > 2


def _with_step_id(step: Step, step_id: str) -> Step:
    return Step(step.mutation, step.target, f'{step.arguments}, clientStepId: "{step_id}"')


async def _events(store: Neo4jStore, key: str) -> int:
    [row] = await store.query(
        "MATCH (:Issue {key: $key})-[:HAS_EVENT]->(e) RETURN count(e) AS n", key=key
    )
    count: int = row["n"]
    return count


async def test_a_retried_step_with_its_client_step_id_answers_the_issue_and_writes_nothing(
    base: Neo4jStore, api: Api, issue_key: str
) -> None:
    await _issue_in(base, issue_key, S.ACCEPTED)
    issue_id = gid("Issue", issue_key)
    start = _with_step_id(_by("startIssue", S.IN_PROGRESS), "tablet-7/step-1")
    first = _step(api, start, issue_id)
    after = await _snapshot(base, issue_key)
    again = _step(api, start, issue_id)
    assert again == first
    assert again["state"] == S.IN_PROGRESS and len(again["events"]) == 3
    assert await _snapshot(base, issue_key) == after
    # Without its id a repeated step is a new step, and the lifecycle refuses it.
    error = api.error(_by("startIssue", S.IN_PROGRESS).query(), {"id": issue_id})
    assert error["extensions"]["code"] == "ILLEGAL_TRANSITION"
    # An id names one step: used again for another step it is refused, and nothing is written.
    resolve = _with_step_id(_by("resolveIssue", S.RESOLVED), "tablet-7/step-1")
    payload = api.data(resolve.query(), {"id": issue_id})["step"]
    assert payload["issue"] is None
    [refused] = payload["userErrors"]
    assert (refused["field"], refused["code"]) == (["clientStepId"], "BAD_USER_INPUT")
    assert "IN_PROGRESS" in refused["message"]
    assert await _snapshot(base, issue_key) == after


async def test_concurrent_retries_of_one_step_write_one_event(
    base: Neo4jStore, api: Api, issue_key: str
) -> None:
    await _issue_in(base, issue_key, S.RECEIVED)
    verify = _with_step_id(_by("verifyIssue", S.VERIFYING), "retry-storm")
    results = _concurrently(6, lambda _: _step(api, verify, gid("Issue", issue_key)))
    assert {issue["state"] for issue in results} == {S.VERIFYING}
    assert await _events(base, issue_key) == 3


async def test_a_retried_escalation_answers_its_first_whistle(
    base: Neo4jStore, api: Api, issue_key: str
) -> None:
    await _issue_in(base, issue_key, S.IN_PROGRESS)
    query = f"""mutation($id: ID!) {{ escalateIssue(id: $id, reason: "需协调",
      organizations: ["{HELPERS[0]}"], clientStepId: "whistle-1") {{
        issue {{ state }} whistle {{ id }} userErrors {{ code }} }} }}"""
    first = api.data(query, {"id": gid("Issue", issue_key)})["escalateIssue"]
    again = api.data(query, {"id": gid("Issue", issue_key)})["escalateIssue"]
    assert again == first and first["whistle"] is not None
    [row] = await base.query(
        "MATCH (w:Whistle)-[:ABOUT]->(:Issue {key: $key}) RETURN count(w) AS n", key=issue_key
    )
    assert row["n"] == 1
    assert await _events(base, issue_key) == 3


async def test_a_step_answers_from_its_own_transaction(
    base: Neo4jStore, api: Api, issue_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _issue_in(base, issue_key, S.RECEIVED)
    store = api.store
    write = store.write
    committed = False

    async def commit_then_lose_the_database(work: Any) -> Any:
        nonlocal committed
        result = await write(work)
        committed = True
        return result

    async def unreachable_after_the_commit(work: Any) -> Any:
        if committed:
            raise StoreUnavailable("Neo4j is unreachable: connection lost")
        return await read(work)

    read = store.read
    monkeypatch.setattr(store, "write", commit_then_lose_the_database)
    monkeypatch.setattr(store, "read", unreachable_after_the_commit)
    query = "mutation($id: ID!) { verifyIssue(id: $id) { issue { id state } userErrors { code } } }"
    payload = api.data(query, {"id": gid("Issue", issue_key)})["verifyIssue"]
    issue = {"id": gid("Issue", issue_key), "state": "VERIFYING"}
    assert payload == {"issue": issue, "userErrors": []}
