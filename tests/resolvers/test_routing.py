"""Routing precedence, fallback, escalation deadlines and overdue ordering on hand-made graphs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.testclient import TestClient

from graph.model import Label, Rel
from graph.store import Neo4jStore
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import bearer, client_for, gid, run
from web.app import create_app

AT = "2025-03-01T09:00:00+08:00"

ROUTE = """
query($category: ID!, $area: ID!, $at: DateTime) {
  route(category: $category, area: $area, at: $at) {
    fallback
    viaRule { name }
    lead { name }
    respondBy
    resolveBy
    escalations { level afterHours dueAt organization { name } }
    candidates { rule { name } valid categoryDistance areaDistance }
    explanation
  }
}
"""


ORGANIZATIONS = [
    ("o/center", "服务协调中心", "CENTER"),
    ("o/water", "供水公司", "SERVICE_COMPANY"),
    ("o/water-night", "供水夜班", "SERVICE_COMPANY"),
    ("o/sewage", "污水公司", "SERVICE_COMPANY"),
    ("o/property", "瑞景物业", "SERVICE_COMPANY"),
    ("o/old", "旧水务", "SERVICE_COMPANY"),
    ("o/bureau", "水务局", "GOV_DEPARTMENT"),
]
RULES = [
    # key, name, category, area, lead, priority, validTo
    ("r/water", "供水·区", "c/water", "a/district", "o/water-night", 10, None),
    ("r/water-main", "供水·区·主", "c/water", "a/district", "o/water", 20, None),
    ("r/water-old", "供水·旧", "c/water", "a/district", "o/old", 50, dt.date(2020, 1, 1)),
    ("r/sewage", "污水·区", "c/sewage", "a/district", "o/sewage", 10, None),
    ("r/ruijing", "供水·瑞景", "c/water", "a/ruijing", "o/property", 0, None),
]


async def build_rules(store: Neo4jStore) -> None:
    f = Fixture()
    f.add(Label.CATEGORY, "c/public", name="公共事务")
    f.add(Label.CATEGORY, "c/water", name="供水")
    f.add(Label.CATEGORY, "c/sewage", name="污水")
    f.links(Rel.PART_OF, [("c/water", "c/public"), ("c/sewage", "c/water")])
    f.add(Label.AREA, "a/district", name="东营区", level="DISTRICT")
    f.add(Label.AREA, "a/street", name="东辛片区", level="STREET")
    f.add(Label.COMMUNITY, "a/ruijing", name="瑞景社区", level="COMMUNITY")
    f.add(Label.COMMUNITY, "a/xinghe", name="兴河小区", level="COMMUNITY")
    f.links(
        Rel.PART_OF,
        [("a/street", "a/district"), ("a/ruijing", "a/street"), ("a/xinghe", "a/street")],
    )
    for key, name, kind in ORGANIZATIONS:
        f.add(Label.ORGANIZATION, key, name=name, kind=kind)
    for key, name, category, area, lead, priority, valid_to in RULES:
        f.add(
            Label.ROUTING_RULE,
            key,
            name=name,
            priority=priority,
            responseHours=2,
            resolveDays=3,
            validTo=valid_to,
        )
        f.link(Rel.FOR_CATEGORY, key, category)
        f.link(Rel.FOR_AREA, key, area)
        f.link(Rel.LEAD, key, lead)
    f.link(Rel.ESCALATE, "r/water-main", "o/center", level=1, afterHours=24)
    f.link(Rel.ESCALATE, "r/water-main", "o/bureau", level=2, afterHours=72)
    await f.write(store)


def route(client: TestClient, category: str, area: str) -> dict[str, Any]:
    data = run(client, ROUTE, category=gid("Category", category), area=gid("Area", area), at=AT)
    answer: dict[str, Any] = data["route"]
    return answer


async def test_the_most_specific_category_wins_before_the_most_specific_area(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_rules(store)
    with client_for(settings) as client:
        answer = route(client, "c/sewage", "a/ruijing")
    # r/ruijing names the exact community but only the parent category; r/sewage names the
    # exact category for the whole district. Category specificity comes first.
    assert answer["viaRule"] == {"name": "污水·区"}
    assert answer["lead"] == {"name": "污水公司"}
    assert answer["candidates"][0]["categoryDistance"] == 0
    assert any("类别更宽" in line for line in answer["explanation"])


async def test_with_equal_categories_the_most_specific_area_wins(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_rules(store)
    with client_for(settings) as client:
        answer = route(client, "c/water", "a/ruijing")
    assert answer["viaRule"] == {"name": "供水·瑞景"}
    assert (
        answer["candidates"][0]["categoryDistance"],
        answer["candidates"][0]["areaDistance"],
    ) == (
        0,
        0,
    )


async def test_then_priority_wins_and_expired_rules_never_do(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_rules(store)
    with client_for(settings) as client:
        answer = route(client, "c/water", "a/xinghe")
    assert answer["viaRule"] == {"name": "供水·区·主"}
    expired = [c for c in answer["candidates"] if c["rule"]["name"] == "供水·旧"]
    assert expired == [
        {"rule": {"name": "供水·旧"}, "valid": False, "categoryDistance": 0, "areaDistance": 2}
    ]
    assert any("不在有效期内" in line for line in answer["explanation"])


async def test_deadlines_and_escalation_chain_count_from_the_given_time(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_rules(store)
    with client_for(settings) as client:
        answer = route(client, "c/water", "a/xinghe")
    start = dt.datetime.fromisoformat(AT)
    assert dt.datetime.fromisoformat(answer["respondBy"]) == start + dt.timedelta(hours=2)
    assert dt.datetime.fromisoformat(answer["resolveBy"]) == start + dt.timedelta(days=3)
    chain = [
        (step["level"], step["organization"]["name"], dt.datetime.fromisoformat(step["dueAt"]))
        for step in answer["escalations"]
    ]
    assert chain == [
        (1, "服务协调中心", start + dt.timedelta(hours=24)),
        (2, "水务局", start + dt.timedelta(hours=72)),
    ]


async def test_no_matching_rule_falls_back_to_the_center(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_rules(store)
    with client_for(settings) as client:
        answer = route(client, "c/public", "a/ruijing")
    assert answer["fallback"] is True
    assert answer["viaRule"] is None
    assert answer["lead"] == {"name": "服务协调中心"}
    assert "由中心首接负责" in answer["explanation"][0]


OVERDUE = """
{ overdueIssues(first: 10) { totalCount nodes { title isOverdue lateByHours } } }
"""


async def test_overdue_issues_are_ordered_by_how_late_they_are(
    store: Neo4jStore, settings: Settings
) -> None:
    now = dt.datetime.now(dt.UTC)
    hours = dt.timedelta(hours=1)
    issues = [
        # Response missed 5 h ago.
        {"key": "i/1", "title": "一", "state": "DISPATCHED", "responseDueAt": now - 5 * hours},
        # Responded in time, but resolution missed 30 h ago: the latest of all.
        {
            "key": "i/2",
            "title": "二",
            "state": "IN_PROGRESS",
            "respondedAt": now - 50 * hours,
            "responseDueAt": now - 40 * hours,
            "resolveDueAt": now - 30 * hours,
        },
        # Extended: not overdue although the first deadline passed.
        {
            "key": "i/3",
            "title": "三",
            "state": "IN_PROGRESS",
            "respondedAt": now - 9 * hours,
            "resolveDueAt": now - 8 * hours,
            "extendedTo": now + 8 * hours,
        },
        # Closed issues are never overdue.
        {"key": "i/4", "title": "四", "state": "CLOSED", "resolveDueAt": now - 90 * hours},
        # Not yet due.
        {"key": "i/5", "title": "五", "state": "ACCEPTED", "resolveDueAt": now + hours},
    ]
    await store.upsert_nodes(Label.ISSUE, issues)
    with client_for(settings) as client:
        data = run(client, OVERDUE)["overdueIssues"]
    assert data["totalCount"] == 2
    assert [n["title"] for n in data["nodes"]] == ["二", "一"]
    assert all(n["isOverdue"] for n in data["nodes"])
    assert 29.9 < data["nodes"][0]["lateByHours"] < 30.5


ISSUE_FIELDS = (
    "id state respondBy resolveBy assignments { role organization { name } viaRule { name } }"
)


def report(client: TestClient, category: str, area: str) -> str:
    data = run(
        client,
        "mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { id } } }",
        input={
            "title": "停水",
            "channel": "PHONE",
            "category": gid("Category", category),
            "area": gid("Area", area),
        },
    )
    issue_id: str = data["reportIssue"]["issue"]["id"]
    return issue_id


def step(client: TestClient, mutation: str, issue_id: str, args: str = "") -> dict[str, Any]:
    data = run(
        client,
        f"mutation($id: ID!) {{ {mutation}(id: $id{args}) {{ issue {{ {ISSUE_FIELDS} }} "
        "userErrors { field message } } }",
        id=issue_id,
    )
    payload: dict[str, Any] = data[mutation]
    return payload


async def test_dispatch_follows_the_routing_answer_and_copies_its_deadlines(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_rules(store)
    with client_for(settings) as client:
        issue_id = report(client, "c/water", "a/xinghe")
        step(client, "verifyIssue", issue_id)
        before = dt.datetime.now(dt.UTC)
        issue = step(client, "dispatchIssue", issue_id)["issue"]
        after = dt.datetime.now(dt.UTC)
        assert issue["state"] == "DISPATCHED"
        assert issue["assignments"] == [
            {
                "role": "LEAD",
                "organization": {"name": "供水公司"},
                "viaRule": {"name": "供水·区·主"},
            }
        ]
        respond_by = dt.datetime.fromisoformat(issue["respondBy"])
        assert before + dt.timedelta(hours=2) <= respond_by <= after + dt.timedelta(hours=2)

        # Editing the rule afterwards must not rewrite the issue's copied deadlines.
        await store.upsert_nodes(Label.ROUTING_RULE, [{"key": "r/water-main", "responseHours": 48}])
        handled = run(
            client, "query($id: ID!) { whoHandles(issue: $id) { respondBy } }", id=issue_id
        )["whoHandles"]
        reread = run(
            client, "query($id: ID!) { node(id: $id) { ... on Issue { respondBy } } }", id=issue_id
        )
    assert dt.datetime.fromisoformat(handled["respondBy"]) == respond_by
    assert dt.datetime.fromisoformat(reread["node"]["respondBy"]) == respond_by


async def test_dispatching_against_the_routing_answer_needs_a_reason(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_rules(store)
    other = gid("Organization", "o/sewage")
    with client_for(settings) as client:
        issue_id = report(client, "c/water", "a/xinghe")
        step(client, "verifyIssue", issue_id)
        refused = step(client, "dispatchIssue", issue_id, f', organization: "{other}"')
        assert refused["issue"] is None
        assert refused["userErrors"][0]["field"] == ["reason"]
        done = step(
            client, "dispatchIssue", issue_id, f', organization: "{other}", reason: "夜间抢修"'
        )
    assert done["issue"]["assignments"] == [
        {"role": "LEAD", "organization": {"name": "污水公司"}, "viaRule": None}
    ]


WHISTLE = """
mutation($id: ID!) {
  escalateIssue(id: $id, reason: "超时未办结") {
    whistle { id summons { organization { name } level dueAt reportedAt late } }
    userErrors { field message }
  }
}
"""


async def test_whistles_summon_the_chain_level_by_level_and_record_reporting_in(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_rules(store)
    with client_for(settings) as client:
        issue_id = report(client, "c/water", "a/xinghe")
        for mutation in ("verifyIssue", "dispatchIssue", "acceptIssue", "startIssue"):
            step(client, mutation, issue_id)
        blown = dt.datetime.now(dt.UTC)
        first = run(client, WHISTLE, id=issue_id)["escalateIssue"]["whistle"]
        step(client, "startIssue", issue_id)
        second = run(client, WHISTLE, id=issue_id)["escalateIssue"]["whistle"]
        step(client, "startIssue", issue_id)
        exhausted = run(client, WHISTLE, id=issue_id)["escalateIssue"]
        report_in = """
        mutation($w: ID!, $o: ID!) {
          reportIn(whistle: $w, organization: $o) { reportedAt late userErrors { field } }
        }
        """
        center = gid("Organization", "o/center")
        reported = run(client, report_in, w=first["id"], o=center)["reportIn"]
        again = run(client, report_in, w=first["id"], o=center)["reportIn"]
        stranger = run(client, report_in, w=first["id"], o=gid("Organization", "o/old"))
    [level_one] = first["summons"]
    assert (level_one["organization"]["name"], level_one["level"]) == ("服务协调中心", 1)
    due = dt.datetime.fromisoformat(level_one["dueAt"])
    assert dt.timedelta(hours=23.9) < due - blown < dt.timedelta(hours=24.1)
    assert [s["organization"]["name"] for s in second["summons"]] == ["水务局"]
    assert exhausted["whistle"] is None
    assert exhausted["userErrors"][0]["field"] == ["organizations"]
    assert reported["late"] is False
    assert again["reportedAt"] == reported["reportedAt"]
    assert stranger["reportIn"]["userErrors"][0]["field"] == ["organization"]


async def test_the_app_clock_dates_the_steps_and_the_deadlines_they_copy(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_rules(store)
    fixed = dt.datetime(2025, 3, 1, 1, 0, tzinfo=dt.UTC)
    with TestClient(create_app(settings, clock=lambda: fixed), headers=bearer(settings)) as client:
        issue_id = report(client, "c/water", "a/xinghe")
        for mutation in ("verifyIssue", "dispatchIssue", "acceptIssue", "startIssue"):
            step(client, mutation, issue_id)
        whistle = run(client, WHISTLE, id=issue_id)["escalateIssue"]["whistle"]
        issue = run(
            client,
            "query($id: ID!) { node(id: $id) { ... on Issue { reportedAt respondBy resolveBy } } }",
            id=issue_id,
        )["node"]
    assert dt.datetime.fromisoformat(issue["reportedAt"]) == fixed
    assert dt.datetime.fromisoformat(issue["respondBy"]) == fixed + dt.timedelta(hours=2)
    assert dt.datetime.fromisoformat(issue["resolveBy"]) == fixed + dt.timedelta(days=3)
    [summons] = whistle["summons"]
    assert dt.datetime.fromisoformat(summons["dueAt"]) == fixed + dt.timedelta(hours=24)


# The similar issues, written out on their own: solved issues of the category, those within the
# community first, each group newest first, then the key.
SIMILAR_ORACLE = """
MATCH (:Category {key: $category})<-[:IN_CATEGORY]-(i:Issue)
WHERE i.state IN ['RESOLVED', 'CLOSED'] AND i.resolvedAt IS NOT NULL AND i.key <> $exclude
WITH i, EXISTS {
  (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..8]->(:Area {key: $community}) } AS same
RETURN i.key AS key, same ORDER BY same DESC, i.resolvedAt DESC, i.key LIMIT $similar
"""


async def test_similar_issues_are_the_newest_solved_of_the_category_nearest_first(
    demo: Neo4jStore,
) -> None:
    from resolvers.routing import SIMILAR_SHOWN, who_handles

    # Issues from communities with many, few and no solved issues of their category.
    rows = await demo.query(
        "MATCH (i:Issue)-[:IN_CATEGORY]->(c:Category),"
        " (i)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..8]->(m:Community)"
        " WITH c.key AS category, m.key AS community, min(i.key) AS issue,"
        " count(CASE WHEN i.state IN ['RESOLVED', 'CLOSED'] THEN 1 END) AS solved"
        " ORDER BY solved DESC, issue"
        " WITH collect({issue: issue, category: category, community: community, solved: solved})"
        " AS cases RETURN [cases[0], cases[size(cases) / 2], cases[-1]] AS picked"
    )
    picked = rows[0]["picked"]
    assert picked[0]["solved"] > SIMILAR_SHOWN > picked[-1]["solved"]
    for case in picked:
        answer = await who_handles(demo, case["issue"], dt.datetime.now(dt.UTC))
        expected = await demo.query(
            SIMILAR_ORACLE,
            category=case["category"],
            community=case["community"],
            exclude=case["issue"],
            similar=SIMILAR_SHOWN,
        )
        assert [(s.issue["key"], s.same_community) for s in answer.similar] == [
            (row["key"], row["same"]) for row in expected
        ]
