"""Suggestions (合理化建议): recording, status moves, access, bad input, figures, the demo's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.model import Label, Rel
from graph.store import Neo4jStore
from resolvers.access.principal import Role
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for, gid, post, run
from tests.support.graphs import add_issue

PARENT = "org/mining"
UNION = "org/union"
ELSEWHERE = "org/elsewhere"
MEMBER = "person/member"
VISIT = "visit/v1"
ISSUE = "issue/s1"

FIELDS = """
id title status collectedOn adoptedOn implementedOn declinedOn declineReason benefit
peopleBenefited submittedTo { id } trackedAs { id }
proposedBy { __typename id } raisedDuring { __typename id } beneficiaries { __typename id }
"""
RECORD = f"""
mutation($input: RecordSuggestionInput!, $clientKey: String) {{
  recordSuggestion(input: $input, clientKey: $clientKey) {{
    suggestion {{ {FIELDS} }} userErrors {{ field code message }}
  }}
}}
"""
ADOPT = f"""
mutation($id: ID!, $on: Date, $clientKey: String) {{
  adoptSuggestion(id: $id, on: $on, clientKey: $clientKey) {{
    suggestion {{ {FIELDS} }} userErrors {{ field code message }}
  }}
}}
"""
IMPLEMENT = f"""
mutation($id: ID!, $on: Date, $benefit: String, $people: Int, $beneficiaries: [ID!]) {{
  implementSuggestion(id: $id, on: $on, benefit: $benefit, peopleBenefited: $people,
                      beneficiaries: $beneficiaries) {{
    suggestion {{ {FIELDS} }} userErrors {{ field code message }}
  }}
}}
"""
DECLINE = f"""
mutation($id: ID!, $reason: String!, $on: Date) {{
  declineSuggestion(id: $id, reason: $reason, on: $on) {{
    suggestion {{ {FIELDS} }} userErrors {{ field code message }}
  }}
}}
"""
FIGURES = """
query($org: ID!, $from: Date, $to: Date) {
  suggestionFigures(organization: $org, from: $from, to: $to) {
    organization { name } collected adopted implemented declined peopleBenefited
  }
}
"""


async def small_graph(store: Neo4jStore) -> None:
    """A department with its union under it, a member, a visit, an issue, an unrelated unit."""
    f = Fixture()
    f.add(Label.ORGANIZATION, PARENT, name="矿区服务管理", kind="DEPARTMENT")
    f.add(Label.ORGANIZATION, UNION, name="矿区服务管理工会", kind="DEPARTMENT")
    f.add(Label.ORGANIZATION, ELSEWHERE, name="别的单位", kind="DIRECT_UNIT")
    f.link(Rel.PART_OF, UNION, PARENT)
    f.add(Label.PERSON, MEMBER, name="职工甲", roles=["STAFF"])
    f.link(Rel.MEMBER_OF, MEMBER, PARENT)
    f.add(Label.VISIT, VISIT, summary="座谈")
    f.add(Label.CATEGORY, "category/s", name="合理化建议")
    f.add(Label.AREA, "area/a", name="甲社区", level="COMMUNITY")
    add_issue(f, ISSUE, state="RECEIVED", category="category/s", area="area/a")
    f.link(Rel.ASSIGNED_TO, ISSUE, UNION, role="LEAD")
    add_issue(f, "issue/hidden", state="RECEIVED", category="category/s", area="area/a")
    await f.write(store)


def suggestion(**changes: Any) -> dict[str, Any]:
    base = {
        "title": "职工书屋增配业务书籍",
        "submittedTo": gid("Organization", UNION),
        "collectedOn": "2024-03-05",
        "proposedBy": gid("Person", MEMBER),
        "raisedDuring": gid("Visit", VISIT),
        "trackedAs": gid("Issue", ISSUE),
    }
    return {**base, **changes}


@pytest.fixture
def clerk(settings: Settings) -> Iterator[TestClient]:
    """A coordinator of the department the union belongs to."""
    with client_for(settings, Role.COORDINATOR, sub="clerk", org=PARENT) as client:
        yield client


def recorded(client: TestClient, **changes: Any) -> dict[str, Any]:
    payload = run(client, RECORD, input=suggestion(**changes))["recordSuggestion"]
    assert payload["userErrors"] == [], payload
    found: dict[str, Any] = payload["suggestion"]
    return found


async def count(store: Neo4jStore) -> int:
    [row] = await store.query("MATCH (s:Suggestion) RETURN count(s) AS n")
    value: int = row["n"]
    return value


async def test_a_suggestion_is_collected_adopted_and_implemented(
    store: Neo4jStore, clerk: TestClient
) -> None:
    await small_graph(store)
    made = recorded(clerk)
    assert (made["status"], made["collectedOn"], made["adoptedOn"]) == (
        "COLLECTED",
        "2024-03-05",
        None,
    )
    assert made["submittedTo"] == {"id": gid("Organization", UNION)}
    assert made["proposedBy"] == {"__typename": "Person", "id": gid("Person", MEMBER)}
    assert made["raisedDuring"] == {"__typename": "Visit", "id": gid("Visit", VISIT)}
    assert made["trackedAs"] == {"id": gid("Issue", ISSUE)}

    adopted = run(clerk, ADOPT, id=made["id"], on="2024-03-06")["adoptSuggestion"]["suggestion"]
    assert (adopted["status"], adopted["adoptedOn"]) == ("ADOPTED", "2024-03-06")
    done = run(
        clerk,
        IMPLEMENT,
        id=made["id"],
        on="2024-04-01",
        benefit="书屋新增业务书籍120册",
        people=30,
        beneficiaries=[gid("Organization", PARENT), gid("Area", "area/a")],
    )["implementSuggestion"]["suggestion"]
    assert (done["status"], done["implementedOn"], done["benefit"], done["peopleBenefited"]) == (
        "IMPLEMENTED",
        "2024-04-01",
        "书屋新增业务书籍120册",
        30,
    )
    assert {(b["__typename"], b["id"]) for b in done["beneficiaries"]} == {
        ("Organization", gid("Organization", PARENT)),
        ("Area", gid("Area", "area/a")),
    }
    recorded(
        clerk,
        title="增设健身器材",
        proposedBy=gid("Organization", UNION),
        raisedDuring=None,
        trackedAs=None,
        collectedOn="2024-05-02",
    )
    declined = recorded(clerk, title="增加疗养名额", collectedOn="2024-05-03", trackedAs=None)
    refused = run(clerk, DECLINE, id=declined["id"], reason="名额由上级统一分配", on="2024-05-04")
    assert refused["declineSuggestion"]["suggestion"]["status"] == "DECLINED"

    changes = run(clerk, "query($of: ID!) { changes(of: $of) { actor action } }", of=made["id"])
    assert [c["action"] for c in changes["changes"]] == [
        "recordSuggestion",
        "adoptSuggestion",
        "implementSuggestion",
    ]
    # The department counts its union's suggestions; the union only its own period's.
    everything = run(clerk, FIGURES, org=gid("Organization", PARENT))["suggestionFigures"]
    assert everything == {
        "organization": {"name": "矿区服务管理"},
        "collected": 3,
        "adopted": 1,
        "implemented": 1,
        "declined": 1,
        "peopleBenefited": 30,
    }
    spring = run(
        clerk, FIGURES, org=gid("Organization", UNION), **{"from": "2024-03-01", "to": "2024-04-01"}
    )
    assert [spring["suggestionFigures"][k] for k in ("collected", "adopted", "implemented")] == [
        1,
        1,
        0,
    ]
    elsewhere = run(clerk, FIGURES, org=gid("Organization", ELSEWHERE))["suggestionFigures"]
    assert elsewhere["collected"] == 0


async def test_statuses_move_only_forward(store: Neo4jStore, clerk: TestClient) -> None:
    await small_graph(store)
    made = recorded(clerk)
    early = post(clerk, IMPLEMENT, id=made["id"])
    error = early["errors"][0]["extensions"]
    assert (error["code"], error["currentState"], error["allowedStates"]) == (
        "ILLEGAL_TRANSITION",
        "COLLECTED",
        ["ADOPTED", "DECLINED"],
    )
    run(clerk, ADOPT, id=made["id"], on="2024-03-06")
    assert post(clerk, ADOPT, id=made["id"])["errors"][0]["extensions"]["code"] == (
        "ILLEGAL_TRANSITION"
    )
    run(clerk, IMPLEMENT, id=made["id"], on="2024-03-07")
    late = post(clerk, DECLINE, id=made["id"], reason="不再需要")
    assert late["errors"][0]["extensions"]["code"] == "ILLEGAL_TRANSITION"
    [row] = await store.query("MATCH (s:Suggestion) RETURN s.status AS status")
    assert row["status"] == "IMPLEMENTED"


async def test_coordinators_record_only_for_their_own_organization(
    store: Neo4jStore, settings: Settings, clerk: TestClient
) -> None:
    await small_graph(store)
    made = recorded(clerk)
    outsider = client_for(settings, Role.COORDINATOR, sub="other", org=ELSEWHERE)
    union_clerk = client_for(settings, Role.COORDINATOR, sub="union", org=UNION)
    with outsider, union_clerk:
        for body in (
            post(outsider, RECORD, input=suggestion()),
            post(outsider, ADOPT, id=made["id"]),
            # The union's coordinator may not record for the department above it.
            post(union_clerk, RECORD, input=suggestion(submittedTo=gid("Organization", PARENT))),
        ):
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
        assert recorded(union_clerk, title="工会自己的")["status"] == "COLLECTED"
    for role in (Role.VIEWER, Role.PLANNER, Role.OBSERVER):
        with client_for(settings, role, sub="someone") as client:
            body = post(client, RECORD, input=suggestion())
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await count(store) == 2
    [row] = await store.query("MATCH (s:Suggestion {status: 'COLLECTED'}) RETURN count(s) AS n")
    assert row["n"] == 2


async def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    store: Neo4jStore, clerk: TestClient
) -> None:
    await small_graph(store)
    cases = {
        "title": suggestion(title=""),
        "collectedOn": suggestion(collectedOn="2999-01-01"),
        "proposedBy": suggestion(proposedBy=gid("Visit", VISIT)),
        "submittedTo": suggestion(submittedTo=gid("Organization", "org/gone")),
        "trackedAs": suggestion(trackedAs=gid("Issue", "issue/gone")),
        # An issue the coordinator may not see is as missing as one that is not there.
        "trackedAs ": suggestion(trackedAs=gid("Issue", "issue/hidden")),
        "raisedDuring": suggestion(raisedDuring=gid("Visit", "visit/gone")),
    }
    for field, given in cases.items():
        payload = run(clerk, RECORD, input=given)["recordSuggestion"]
        [error] = payload["userErrors"]
        assert (error["field"], error["code"]) == ([field.strip()], "BAD_USER_INPUT"), field
    assert await count(store) == 0
    made = recorded(clerk)
    run(clerk, ADOPT, id=made["id"], on="2024-03-06")
    for variables, field in (
        ({"on": "2024-03-01"}, "on"),
        ({"people": -1}, "peopleBenefited"),
        ({"beneficiaries": [gid("Organization", "org/gone")]}, "beneficiaries"),
    ):
        payload = run(clerk, IMPLEMENT, id=made["id"], **variables)["implementSuggestion"]
        assert payload["userErrors"][0]["field"] == [field]
    [row] = await store.query("MATCH (s:Suggestion) RETURN s.status AS status")
    assert row["status"] == "ADOPTED"
    assert await store.query("MATCH (:Suggestion)-[r:BENEFITS]->() RETURN r") == []


async def test_a_retried_change_with_its_client_key_writes_nothing_again(
    store: Neo4jStore, clerk: TestClient
) -> None:
    await small_graph(store)
    first = run(clerk, RECORD, input=suggestion(), clientKey="s-1")["recordSuggestion"]
    again = run(clerk, RECORD, input=suggestion(), clientKey="s-1")["recordSuggestion"]
    assert first["suggestion"]["id"] == again["suggestion"]["id"]
    assert await count(store) == 1
    id = first["suggestion"]["id"]
    adopted = run(clerk, ADOPT, id=id, on="2024-03-06", clientKey="a-1")["adoptSuggestion"]
    # Adopting twice is refused, but the retry of the same call answers as the first did.
    retried = run(clerk, ADOPT, id=id, on="2024-03-06", clientKey="a-1")["adoptSuggestion"]
    assert adopted == retried
    [row] = await store.query("MATCH (c:Change) RETURN count(c) AS n")
    assert row["n"] == 2


async def test_suggestions_are_listed_by_status_organization_and_period(
    store: Neo4jStore, clerk: TestClient
) -> None:
    await small_graph(store)
    a = recorded(clerk, title="甲", collectedOn="2024-01-10")
    b = recorded(clerk, title="乙", collectedOn="2024-02-10", proposedBy=gid("Organization", UNION))
    run(clerk, ADOPT, id=b["id"], on="2024-02-11")
    query = """
    query($filter: SuggestionFilter) {
      suggestions(first: 10, filter: $filter) { totalCount nodes { title } }
    }
    """

    def titles(**filter: Any) -> list[str]:
        found = run(clerk, query, filter=filter)["suggestions"]
        return [node["title"] for node in found["nodes"]]

    assert titles() == ["乙", "甲"]
    assert titles(statuses=["ADOPTED"]) == ["乙"]
    assert titles(submittedTo=gid("Organization", PARENT)) == ["乙", "甲"]
    assert titles(submittedTo=gid("Organization", ELSEWHERE)) == []
    # 甲 came from a member of the department, 乙 from its union.
    assert titles(proposerOrganization=gid("Organization", PARENT)) == ["乙", "甲"]
    assert titles(proposerOrganization=gid("Organization", UNION)) == ["乙"]
    assert titles(collectedFrom="2024-02-01", collectedTo="2024-03-01") == ["乙"]
    assert a["id"] != b["id"]


async def test_the_unions_and_the_office_branchs_figures_on_the_demo_graph(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    with client_for(demo_settings) as admin:
        union = run(admin, FIGURES, org=gid("Organization", "org/gangqu-mining-union"))
        branch = run(admin, FIGURES, org=gid("Organization", "org/huantou-office-branch"))
        listed = run(
            admin,
            """query($org: ID!) { suggestions(first: 20, filter: {submittedTo: $org}) {
                 nodes { status raisedDuring { id } trackedAs { channel } } } }""",
            org=gid("Organization", "org/huantou-office-branch"),
        )["suggestions"]["nodes"]
    assert union["suggestionFigures"] == {
        "organization": {"name": "矿区服务管理工会"},
        "collected": 8,
        "adopted": 2,
        "implemented": 2,
        "declined": 0,
        "peopleBenefited": 3,
    }
    figures = branch["suggestionFigures"]
    assert (figures["collected"], figures["adopted"], figures["implemented"]) == (7, 7, 0)
    assert len(listed) == 7
    assert all(n["raisedDuring"] and n["trackedAs"]["channel"] == "VISIT" for n in listed)
