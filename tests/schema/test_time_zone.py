"""One clock zone: an issue from the API and one from a ledger at one instant behave alike."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.testclient import TestClient

from graph.model import Label, Rel
from graph.store import Neo4jStore
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import Json, bearer, gid, run
from tests.support.graphs import add_issue
from web.app import create_app

# Late on 31 January in UTC is early on 1 February at a +08:00 center.
INSTANT = dt.datetime(2026, 1, 31, 20, 0, tzinfo=dt.UTC)
LOCAL = "2026-02-01T04:00:00+08:00"
UTC = "2026-01-31T20:00:00Z"
TOKYO = "2026-02-01T05:00:00+09:00"
BOUNDS = (LOCAL, UTC, TOKYO)
BEIJING = dt.timezone(dt.timedelta(hours=8))

ISSUES = "query($filter: IssueFilter) { issues(filter: $filter) { nodes { title reportedAt } } }"
IMPACT = """
query($from: DateTime, $to: DateTime) {
  impact(scope: MONTH, from: $from, to: $to) { key received }
}
"""
ROUTE = """
query($category: ID!, $area: ID!, $at: DateTime) {
  route(category: $category, area: $area, at: $at) { candidates { valid } }
}
"""
OPEN311 = "/open311/v2/requests.json"
REPORT = """
mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { reportedAt } } }
"""


async def _ledger_issue(store: Neo4jStore) -> None:
    # What a ledger import or the demo writes: local wall-clock time at +08:00.
    f = Fixture()
    f.add(Label.CATEGORY, "c/water", name="供水")
    f.add(Label.COMMUNITY, "a/xinghe", name="兴河小区", level="COMMUNITY")
    # A rule that ran to the end of January, the center's January.
    f.add(Label.ORGANIZATION, "o/water", name="供水公司", kind="SERVICE_COMPANY")
    f.add(Label.ROUTING_RULE, "r/january", name="一月", validTo=dt.date(2026, 1, 31))
    f.link(Rel.FOR_CATEGORY, "r/january", "c/water")
    f.link(Rel.FOR_AREA, "r/january", "a/xinghe")
    f.link(Rel.LEAD, "r/january", "o/water")
    add_issue(
        f,
        "issue/ledger",
        state="RECEIVED",
        category="c/water",
        area="a/xinghe",
        at=INSTANT.astimezone(BEIJING),
        title="ledger",
    )
    await f.write(store)


def _titles(client: TestClient, **bounds: str) -> list[str]:
    data = run(client, ISSUES, filter=bounds)
    return sorted(node["title"] for node in data["issues"]["nodes"])


def _months(client: TestClient, **window: Any) -> list[Json]:
    rows: list[Json] = run(client, IMPACT, **window)["impact"]
    return rows


async def test_an_issue_reported_now_and_a_ledger_issue_filter_and_group_alike(
    store: Neo4jStore, settings: Settings
) -> None:
    await _ledger_issue(store)
    app = create_app(settings, clock=lambda: INSTANT)
    with TestClient(app, headers=bearer(settings)) as client:
        reported = run(
            client,
            REPORT,
            input={
                "title": "api",
                "channel": "PHONE",
                "category": gid("Category", "c/water"),
                "area": gid("Area", "a/xinghe"),
            },
        )["reportIssue"]["issue"]
        # Stored in the center's zone, the one the ledgers and the demo use.
        assert reported["reportedAt"] == LOCAL
        listed = run(client, ISSUES)["issues"]["nodes"]
        assert sorted(node["reportedAt"] for node in listed) == [LOCAL, LOCAL]
        # A bound on that very instant includes both from it, and neither before it, however
        # the client writes the instant.
        for bound in BOUNDS:
            assert _titles(client, reportedFrom=bound) == ["api", "ledger"], bound
            assert _titles(client, reportedTo=bound) == [], bound
        # Months are the center's: both count in February, from a window opening on the instant.
        assert _months(client) == [{"key": "2026-02", "received": 2}]
        for bound in BOUNDS:
            assert _months(client, **{"from": bound}) == [{"key": "2026-02", "received": 2}]
            assert _months(client, to=bound) == []
        # Open311's window holds both its ends.
        for bound in BOUNDS:
            for end in ("start_date", "end_date"):
                response = client.get(OPEN311, params={end: bound})
                assert response.status_code == 200, response.text
                assert len(response.json()) == 2, (end, bound)


async def test_rules_are_valid_by_the_centers_calendar_day(
    store: Neo4jStore, settings: Settings
) -> None:
    await _ledger_issue(store)
    with TestClient(create_app(settings), headers=bearer(settings)) as client:
        for at in BOUNDS:
            data = run(
                client,
                ROUTE,
                category=gid("Category", "c/water"),
                area=gid("Area", "a/xinghe"),
                at=at,
            )
            # It is 1 February at the center, so January's rule no longer holds.
            assert data["route"]["candidates"] == [{"valid": False}], at
