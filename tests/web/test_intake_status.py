"""A QR report's private status page and the resident's rating: that one issue, nothing else."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph.store import Neo4jStore
from resolvers.lifecycle import Lifecycle
from settings import Settings
from tests.support.graphql import client_for
from tests.support.intake import (
    COMMUNITY_A,
    COMMUNITY_B,
    LEAD,
    STAFF_NAME,
    intake_graph,
    make_link,
    public_client,
    report_body,
)

STAFF_PHONE = "13900001111"
EVENTS = """
MATCH (i:Issue {receipt: $receipt})-[:HAS_EVENT]->(e)
RETURN e.toState AS state, e.actor AS actor ORDER BY e.seq
"""


@pytest.fixture
def resident(settings: Settings, store: Neo4jStore) -> Iterator[TestClient]:
    """A resident's phone (no token) over the intake graph, with links made by an admin."""
    with public_client(settings) as client:
        yield client


@pytest.fixture
async def links(settings: Settings, store: Neo4jStore) -> dict[str, str]:
    """The codes of community A's and B's links."""
    await intake_graph(store)
    with client_for(settings) as admin:
        return {
            COMMUNITY_A: make_link(admin, COMMUNITY_A)["code"],
            COMMUNITY_B: make_link(admin, COMMUNITY_B)["code"],
        }


def _report(client: TestClient, code: str, **fields: Any) -> dict[str, Any]:
    response = client.post(f"/api/intake/{code}", json=report_body(**fields))
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _api(status_path: str) -> str:
    return status_path.replace("/s/", "/api/status/", 1)


async def _key(store: Neo4jStore, receipt: str) -> str:
    [row] = await store.query("MATCH (i:Issue {receipt: $r}) RETURN i.key AS key", r=receipt)
    return str(row["key"])


async def _resolve(store: Neo4jStore, receipt: str, note: str) -> None:
    """Staff take the issue to RESOLVED, with internal notes on the way and `note` at the end."""
    key = await _key(store, receipt)
    staff = Lifecycle(store, actor="person/li")
    await staff.verify(key, note=f"已联系{STAFF_NAME}核实")
    await staff.dispatch(key, LEAD, reason=f"派给{STAFF_NAME}，电话{STAFF_PHONE}")
    await staff.accept(key)
    await staff.start(key)
    await staff.resolve(key, note=note)


async def test_the_status_shows_its_issue_only_and_nothing_of_the_reporter(
    resident: TestClient, links: dict[str, str]
) -> None:
    name, phone, title = "欧阳娜娜", "13912345678", "楼道灯不亮了"
    mine = _report(resident, links[COMMUNITY_A], name=name, phone=phone, title=title)
    other = _report(resident, links[COMMUNITY_B], title="乙社区电梯停运")
    response = resident.get(_api(mine["statusPath"]))
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    status = response.json()
    assert status["receipt"] == mine["receipt"]
    assert (status["state"], status["stateName"]) == ("RECEIVED", "已受理")
    assert status["handledBy"] is None and status["canRate"] is False
    assert [step["state"] for step in status["timeline"]] == ["RECEIVED"]
    assert status["reportedAt"] == status["timeline"][0]["at"]
    for foreign in (name, phone, other["receipt"], "乙社区", "resident:", "person/"):
        assert foreign not in response.text
    assert resident.get(_api(other["statusPath"])).json()["receipt"] == other["receipt"]


def test_wrong_and_missing_secrets_answer_alike(
    resident: TestClient, links: dict[str, str]
) -> None:
    real = _report(resident, links[COMMUNITY_A])["statusPath"].removeprefix("/s/")
    answers = [
        resident.get(path)
        for path in (
            f"/api/status/{secrets.token_urlsafe(32)}",
            f"/api/status/{real[:-1]}{'A' if real[-1] != 'A' else 'B'}",
            "/api/status/",
            "/api/status",
            "/api/status/x",
        )
    ]
    assert {(a.status_code, a.text) for a in answers} == {(404, answers[0].text)}
    assert answers[0].json()["error"]["code"] == "NOT_FOUND"


async def test_a_resolved_issue_shows_its_organization_and_public_notes_only(
    resident: TestClient, links: dict[str, str], store: Neo4jStore
) -> None:
    mine = _report(resident, links[COMMUNITY_A])
    await _resolve(store, mine["receipt"], f"已更换灯泡，由{STAFF_NAME}负责，电话{STAFF_PHONE}")
    response = resident.get(_api(mine["statusPath"]))
    status = response.json()
    assert status["handledBy"] == "甲物业公司"
    assert status["canRate"] is True and status["stateName"] == "已办结，待您评价"
    steps = status["timeline"]
    assert [s["state"] for s in steps] == [
        "RECEIVED",
        "VERIFYING",
        "DISPATCHED",
        "ACCEPTED",
        "IN_PROGRESS",
        "RESOLVED",
    ]
    assert [s for s in steps if "note" in s] == [steps[-1]]
    assert steps[-1]["note"].startswith("已更换灯泡")
    for private in (STAFF_NAME, STAFF_PHONE, "person/li"):
        assert private not in response.text


async def test_a_satisfied_rating_closes_the_issue_with_the_residents_event(
    resident: TestClient, links: dict[str, str], store: Neo4jStore
) -> None:
    mine = _report(resident, links[COMMUNITY_A])
    await _resolve(store, mine["receipt"], "已修好")
    url = _api(mine["statusPath"]) + "/feedback"
    rating = {"satisfaction": "基本满意", "comment": "修得及时", "clientStepId": "rate-1"}
    first = resident.post(url, json=rating)
    assert first.status_code == 200, first.text
    assert (first.json()["state"], first.json()["canRate"]) == ("CLOSED", False)
    # A retry of the same rating answers the same, and writes nothing more.
    assert resident.post(url, json=rating).json() == first.json()
    events = await store.query(EVENTS, receipt=mine["receipt"])
    assert events[-1] == {"state": "CLOSED", "actor": f"resident:{mine['receipt']}"}
    assert [e["state"] for e in events].count("CLOSED") == 1
    [issue] = await store.query(
        "MATCH (i:Issue {receipt: $r}) RETURN i.satisfaction AS s", r=mine["receipt"]
    )
    assert issue["s"] == 3


async def test_an_unsatisfied_rating_reopens_the_issue(
    resident: TestClient, links: dict[str, str], store: Neo4jStore
) -> None:
    mine = _report(resident, links[COMMUNITY_A])
    await _resolve(store, mine["receipt"], "已修好")
    url = _api(mine["statusPath"]) + "/feedback"
    answer = resident.post(url, json={"satisfaction": "不满意", "clientStepId": "rate-1"})
    assert answer.status_code == 200, answer.text
    assert (answer.json()["state"], answer.json()["stateName"]) == ("REOPENED", "整改中")
    events = await store.query(EVENTS, receipt=mine["receipt"])
    assert events[-1] == {"state": "REOPENED", "actor": f"resident:{mine['receipt']}"}
    [issue] = await store.query(
        "MATCH (i:Issue {receipt: $r}) RETURN i.satisfaction AS s, i.reopenCount AS n",
        r=mine["receipt"],
    )
    assert issue == {"s": 1, "n": 1}


async def test_a_rating_before_resolution_or_of_no_choice_is_refused(
    resident: TestClient, links: dict[str, str], store: Neo4jStore
) -> None:
    mine = _report(resident, links[COMMUNITY_A])
    url = _api(mine["statusPath"]) + "/feedback"
    early = resident.post(url, json={"satisfaction": "满意", "clientStepId": "rate-1"})
    assert early.status_code == 409, early.text
    assert early.json()["error"]["code"] == "ILLEGAL_TRANSITION"
    assert "办结后才能评价" in early.json()["error"]["message"]
    for bad in ({"satisfaction": 5, "clientStepId": "r"}, {"satisfaction": "满意"}):
        refused = resident.post(url, json=bad)
        assert refused.status_code == 400 and refused.json()["error"]["code"] == "BAD_USER_INPUT"
    unknown = resident.post(
        f"/api/status/{secrets.token_urlsafe(32)}/feedback",
        json={"satisfaction": "满意", "clientStepId": "rate-1"},
    )
    assert unknown.status_code == 404
    assert [e["state"] for e in await store.query(EVENTS, receipt=mine["receipt"])] == ["RECEIVED"]
