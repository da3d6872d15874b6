"""Impact rates, rankings, hotline volume and project reach, checked against hand counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from starlette.testclient import TestClient

from graph.model import Label, Rel
from graph.store import Neo4jStore
from resolvers import impact
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for, gid, post, run

TZ = dt.timezone(dt.timedelta(hours=8))
R = dt.datetime(2024, 3, 10, 9, 0, tzinfo=TZ)
FAR = dt.datetime(2099, 1, 1, tzinfo=TZ)
H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)
YEAR_2024 = {"from": "2024-01-01T00:00:00+08:00", "to": "2025-01-01T00:00:00+08:00"}

RATES = (
    "responseRate",
    "resolutionRate",
    "satisfactionRate",
    "onTimeRate",
    "reopenRate",
    "whistleRate",
)

IMPACT = """
query($scope: ImpactScope!, $from: DateTime, $to: DateTime, $ids: [ID!]) {
  impact(scope: $scope, from: $from, to: $to, ids: $ids) {
    key name month received valid
    node { id }
    responseRate { value numerator denominator }
    resolutionRate { value numerator denominator }
    satisfactionRate { value numerator denominator }
    onTimeRate { value numerator denominator }
    reopenRate { value numerator denominator }
    whistleRate { value numerator denominator }
  }
}
"""

RANKING = """
query($metric: ImpactMetric!, $scope: RankScope!, $minVolume: Int, $first: Int,
      $order: OrderDirection) {
  ranking(metric: $metric, scope: $scope, minVolume: $minVolume, first: $first, order: $order,
          from: "2024-01-01T00:00:00+08:00", to: "2025-01-01T00:00:00+08:00") {
    rank
    rate { value numerator denominator }
    node { id ... on Area { name } ... on Organization { name } }
    group { key received }
  }
}
"""

VOLUME = """
query($byYear: Boolean, $byChannel: Boolean, $allChannels: Boolean, $from: DateTime) {
  hotlineVolume(byYear: $byYear, byChannel: $byChannel, allChannels: $allChannels, from: $from) {
    rows { year channel issues }
    observations { indicator value qualifier display }
  }
}
"""

PROJECTS = """
query($kinds: [ProjectKind!]) {
  projectImpact(kinds: $kinds) {
    project { name kind }
    peopleServed
    communitiesAffected
    communities { name }
    unitsInvolved
    units { name }
    observations { indicator value qualifier display }
  }
}
"""


def error_code(client: TestClient, query: str, **variables: Any) -> str:
    body = post(client, query, **variables)
    code: str = body["errors"][0]["extensions"]["code"]
    return code


def issue(
    key: str,
    *,
    reported: dt.datetime = R,
    state: str = "CLOSED",
    channel: str = "HOTLINE",
    respond_in: dt.timedelta | None = 2 * H,
    responded_after: dt.timedelta | None = H,
    resolve_in: dt.timedelta | None = 7 * D,
    resolved_after: dt.timedelta | None = D,
    **props: Any,
) -> dict[str, Any]:
    """An issue row: by default dispatched, responded and resolved in time, and closed."""
    row: dict[str, Any] = {
        "key": key,
        "title": key,
        "state": state,
        "channel": channel,
        "reportedAt": reported,
    }
    for name, offset in (
        ("responseDueAt", respond_in),
        ("respondedAt", responded_after),
        ("resolveDueAt", resolve_in),
        ("resolvedAt", resolved_after),
    ):
        if offset is not None:
            row[name] = reported + offset
    return {**row, **props}


# key: (issue row, area, lead organization, category, whistled)
ISSUES: tuple[tuple[dict[str, Any], str, str | None, str, bool], ...] = (
    (issue("a1", satisfaction=5, resolved_after=3 * D), "community/a", "org/x", "cat/water", False),
    # Late response; resolved late for its first deadline but inside the extension.
    (
        issue(
            "a2",
            responded_after=3 * H,
            extendedTo=R + 14 * D,
            resolved_after=10 * D,
            satisfaction=4,
            reopenCount=1,
        ),
        "community/a",
        "org/x",
        "cat/water",
        True,
    ),
    (
        issue("a3", state="RESOLVED", resolved_after=9 * D, satisfaction=3),
        "community/a",
        "org/x",
        "cat/water",
        False,
    ),
    # Rated 2, reopened and being worked on again: its old resolvedAt stays behind.
    (
        issue("a4", state="IN_PROGRESS", resolved_after=2 * D, satisfaction=2, reopenCount=1),
        "community/a",
        "org/x",
        "cat/water",
        False,
    ),
    # Still inside its resolution deadline, in a compound of community A.
    (
        issue("a5", state="IN_PROGRESS", resolve_in=FAR - R, resolved_after=None),
        "area/a-1",
        "org/x",
        "cat/heat",
        True,
    ),
    (
        issue("a6", state="REJECTED", respond_in=None, resolve_in=None, resolved_after=None),
        "community/a",
        None,
        "cat/water",
        False,
    ),
    # Never responded to, never resolved, both deadlines long gone.
    (
        issue("a7", state="DISPATCHED", responded_after=None, resolved_after=None),
        "community/a",
        "org/x",
        "cat/water",
        False,
    ),
    # Dispatched on new year's eve with deadlines still ahead.
    (
        issue(
            "a8",
            reported=dt.datetime(2024, 12, 31, 20, 0, tzinfo=TZ),
            state="DISPATCHED",
            respond_in=FAR - R,
            responded_after=None,
            resolve_in=FAR - R,
            resolved_after=None,
        ),
        "community/a",
        "org/y",
        "cat/other",
        False,
    ),
    (issue("b1", channel="PHONE", satisfaction=5), "community/b", "org/y", "cat/heat", False),
    (issue("b2", channel="PHONE"), "community/b", "org/y", "cat/heat", False),
    (
        issue(
            "b3",
            channel="PHONE",
            state="DUPLICATE",
            respond_in=None,
            responded_after=None,
            resolve_in=None,
            resolved_after=None,
        ),
        "community/b",
        None,
        "cat/heat",
        False,
    ),
    # 2024-01-01 02:00 in Beijing is still 2023 in UTC.
    (
        issue("b4", reported=dt.datetime(2024, 1, 1, 2, 0, tzinfo=TZ), satisfaction=4),
        "community/b",
        "org/y",
        "cat/heat",
        True,
    ),
    # April in Beijing, March in UTC.
    (
        issue("b5", reported=dt.datetime(2024, 4, 1, 3, 0, tzinfo=TZ), satisfaction=5),
        "community/b",
        "org/y",
        "cat/heat",
        False,
    ),
    # Before the window: everything about it is bad, and none of it may count.
    (
        issue(
            "b6",
            reported=dt.datetime(2023, 6, 1, 9, 0, tzinfo=TZ),
            responded_after=3 * H,
            resolved_after=20 * D,
            satisfaction=1,
            reopenCount=1,
        ),
        "community/b",
        "org/y",
        "cat/heat",
        True,
    ),
    # No community and no lead: only categories and months see it.
    (
        issue("c1", channel="QR_CODE", respond_in=None, resolve_in=None, satisfaction=5),
        "area/street",
        None,
        "cat/other",
        False,
    ),
    (
        issue(
            "c2",
            reported=dt.datetime(2024, 5, 20, 9, 0, tzinfo=TZ),
            channel="QR_CODE",
            respond_in=None,
            resolve_in=None,
            satisfaction=5,
        ),
        "community/c",
        None,
        "cat/other",
        False,
    ),
)


async def build_graph(store: Neo4jStore) -> None:
    """Three communities, two organizations, a category tree, 16 issues, projects, figures."""
    f = Fixture()
    f.add(Label.AREA, "area/street", name="街道", level="STREET")
    f.add(Label.AREA, "area/a-1", name="A小区一号院", level="COMPOUND")
    for c in "abc":
        f.add(Label.COMMUNITY, f"community/{c}", name=f"{c.upper()}小区", level="COMMUNITY")
        f.link(Rel.PART_OF, f"community/{c}", "area/street")
    f.link(Rel.PART_OF, "area/a-1", "community/a")
    f.add(Label.ORGANIZATION, "org/x", name="X公司", kind="SERVICE_COMPANY")
    f.add(Label.ORGANIZATION, "org/y", name="Y公司", kind="SERVICE_COMPANY")
    f.add(Label.ORGANIZATION, "org/z", name="Z厂", kind="DIRECT_UNIT")
    f.add(Label.CATEGORY, "cat/root", name="社区服务")
    f.add(Label.CATEGORY, "cat/water", name="供水")
    f.add(Label.CATEGORY, "cat/heat", name="供暖")
    f.add(Label.CATEGORY, "cat/other", name="其他")
    f.links(Rel.PART_OF, [("cat/water", "cat/root"), ("cat/heat", "cat/root")])
    for row, area, lead, category, whistled in ISSUES:
        key = f.row(Label.ISSUE, row)
        f.link(Rel.LOCATED_IN, key, area)
        f.link(Rel.IN_CATEGORY, key, category)
        if lead is not None:
            f.link(Rel.ASSIGNED_TO, key, lead, role="LEAD")
        if whistled:
            f.add(Label.WHISTLE, f"whistle/{key}", reason="联合处置")
            f.link(Rel.ABOUT, f"whistle/{key}", key)
    add_projects(f)
    await f.write(store)


def add_projects(f: Fixture) -> None:
    """A livelihood project, a service program and a relocation, with quoted figures."""
    f.add(Label.PROJECT, "p/school", name="学校扩建", kind="LIVELIHOOD", peopleServed=2600)
    f.add(Label.PROJECT, "p/service", name="上门服务", kind="SERVICE_PROGRAM")
    f.add(Label.PROJECT, "p/move", name="应急搬迁", kind="RELOCATION")
    f.links(
        Rel.AFFECTS,
        [("p/school", "community/b"), ("p/school", "community/a"), ("p/service", "community/c")],
    )
    f.links(Rel.LED_BY, [("p/school", "org/x"), ("p/move", "org/x")])
    f.add(Label.MEETING, "m/1", title="联席会")
    f.link(Rel.ABOUT, "m/1", "p/school")
    f.links(Rel.ATTENDED_BY, [("m/1", "org/x"), ("m/1", "org/y")])
    f.add(Label.SITE, "s/1", name="一号大院")
    f.add(Label.MOVE, "mv/1", status="DONE", movedOn=dt.date(2023, 3, 5), landMu=12.0)
    f.link(Rel.HAS_MOVE, "p/move", "mv/1")
    f.link(Rel.MOVES, "mv/1", "org/z")
    f.link(Rel.FROM_SITE, "mv/1", "s/1")
    f.link(Rel.OWNED_BY, "s/1", "org/z")
    figures = [
        ("o/units", "units_served", 370, "AT_LEAST", "p/school"),
        ("o/helped", "employees_helped", 1000, "APPROX", "p/school"),
        ("o/before", "hotline_issues_before", 10000, "AT_LEAST", "p/service"),
        ("o/after", "hotline_issues_after", 1000, "LESS_THAN", "p/service"),
        ("o/land", "land_freed", 1100, "AT_LEAST", "p/move"),
    ]
    for key, indicator, value, qualifier, about in figures:
        f.add(Label.OBSERVATION, key, indicator=indicator, value=float(value), qualifier=qualifier)
        f.link(Rel.ABOUT, key, about)


# Hand counts per group, in the order of RATES: (numerator, denominator).
Counts = tuple[int, int, tuple[tuple[int, int], ...]]
EXPECTED: Mapping[str, Mapping[str, Counts]] = {
    "COMMUNITY": {
        "community/a": (8, 7, ((4, 6), (3, 5), (3, 4), (2, 3), (2, 4), (2, 7))),
        "community/b": (5, 4, ((4, 4), (4, 4), (3, 3), (4, 4), (0, 4), (1, 4))),
        "community/c": (1, 1, ((0, 0), (1, 1), (1, 1), (0, 0), (0, 1), (0, 1))),
    },
    "ORGANIZATION": {
        "org/x": (6, 6, ((4, 6), (3, 5), (3, 4), (2, 3), (2, 4), (2, 6))),
        "org/y": (5, 5, ((4, 4), (4, 4), (3, 3), (4, 4), (0, 4), (1, 5))),
    },
    "CATEGORY": {
        "cat/heat": (6, 5, ((5, 5), (4, 4), (3, 3), (4, 4), (0, 4), (2, 5))),
        "cat/other": (3, 3, ((0, 0), (2, 2), (2, 2), (0, 0), (0, 2), (0, 3))),
        "cat/water": (6, 5, ((3, 5), (3, 5), (3, 4), (2, 3), (2, 4), (1, 5))),
    },
    "ROOT_CATEGORY": {
        "cat/other": (3, 3, ((0, 0), (2, 2), (2, 2), (0, 0), (0, 2), (0, 3))),
        "cat/root": (12, 10, ((8, 10), (7, 9), (6, 7), (6, 7), (2, 8), (3, 10))),
    },
    "MONTH": {
        "2024-01": (1, 1, ((1, 1), (1, 1), (1, 1), (1, 1), (0, 1), (1, 1))),
        "2024-03": (11, 9, ((6, 8), (6, 8), (5, 6), (4, 5), (2, 7), (2, 9))),
        "2024-04": (1, 1, ((1, 1), (1, 1), (1, 1), (1, 1), (0, 1), (0, 1))),
        "2024-05": (1, 1, ((0, 0), (1, 1), (1, 1), (0, 0), (0, 1), (0, 1))),
        "2024-12": (1, 1, ((0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 1))),
    },
}


def counts_of(group: Mapping[str, Any]) -> Counts:
    pairs = []
    for rate in RATES:
        numerator, denominator = group[rate]["numerator"], group[rate]["denominator"]
        expected = numerator / denominator if denominator else None
        assert group[rate]["value"] == expected, (group["key"], rate)
        pairs.append((numerator, denominator))
    return group["received"], group["valid"], tuple(pairs)


async def test_every_rate_and_count_per_scope_matches_the_hand_count(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_graph(store)
    with client_for(settings) as client:
        for scope, expected in EXPECTED.items():
            groups = run(client, IMPACT, scope=scope, **YEAR_2024)["impact"]
            assert {g["key"]: counts_of(g) for g in groups} == expected, scope
            names = [g["name"] for g in groups]
            assert names == sorted(names), scope
    assert [g["month"] for g in groups][:2] == ["2024-01-01", "2024-03-01"]
    assert [g["key"] for g in groups] == sorted(EXPECTED["MONTH"])
    assert all(g["node"] is None for g in groups)


async def test_groups_carry_their_node_and_ids_narrow_them(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_graph(store)
    with client_for(settings) as client:
        [group] = run(
            client, IMPACT, scope="COMMUNITY", ids=[gid("Area", "community/b")], **YEAR_2024
        )["impact"]
        [root] = run(
            client, IMPACT, scope="ROOT_CATEGORY", ids=[gid("Category", "cat/root")], **YEAR_2024
        )["impact"]
        everything = run(client, IMPACT, scope="ORGANIZATION")["impact"]
    assert (group["name"], group["node"]["id"]) == ("B小区", gid("Area", "community/b"))
    assert counts_of(group) == EXPECTED["COMMUNITY"]["community/b"]
    assert root["node"]["id"] == gid("Category", "cat/root")
    # Without a window, b6 (2023) counts: a late response, a late resolution, a reopening.
    y = next(g for g in everything if g["key"] == "org/y")
    assert counts_of(y) == (6, 6, ((4, 5), (5, 5), (3, 4), (4, 5), (1, 5), (2, 6)))


async def test_impact_is_one_statement_per_call(store: Neo4jStore) -> None:
    await build_graph(store)
    store.round_trips = 0
    now = dt.datetime.now(dt.UTC)
    for scope in impact.Scope:
        await impact.impact(store, scope, window=impact.Window(), now=now)
    await impact.ranking(
        store,
        impact.Metric.SATISFACTION_RATE,
        impact.Scope.COMMUNITY,
        window=impact.Window(),
        now=now,
        min_volume=1,
        limit=10,
    )
    await impact.issue_volume(store, window=impact.Window())
    await impact.project_impact(store, None, limit=10)
    assert store.round_trips == len(impact.Scope) + 3


async def test_bad_arguments_are_refused(store: Neo4jStore, settings: Settings) -> None:
    with client_for(settings) as client:
        naive = error_code(client, IMPACT, scope="MONTH", **{"from": "2024-01-01T00:00:00"})
        backwards = error_code(
            client, IMPACT, scope="MONTH", **{"from": YEAR_2024["to"], "to": YEAR_2024["from"]}
        )
        month_ids = error_code(client, IMPACT, scope="MONTH", ids=[gid("Area", "community/a")])
        wrong_type = error_code(
            client, IMPACT, scope="COMMUNITY", ids=[gid("Organization", "org/x")]
        )
        too_many = error_code(
            client, RANKING, metric="RESPONSE_RATE", scope="COMMUNITY", first=10_000
        )
        negative = error_code(
            client, RANKING, metric="RESPONSE_RATE", scope="COMMUNITY", minVolume=-1
        )
    assert [naive, backwards, month_ids, wrong_type, negative] == ["BAD_USER_INPUT"] * 5
    assert too_many == "LIMIT_EXCEEDED"


def ranked(data: Mapping[str, Any]) -> list[tuple[int, str, int, int]]:
    return [
        (e["rank"], e["node"]["name"], e["rate"]["numerator"], e["rate"]["denominator"])
        for e in data["ranking"]
    ]


async def test_ranking_respects_the_minimum_volume_and_orders_best_first(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_graph(store)
    with client_for(settings) as client:

        def rank(metric: str, scope: str = "COMMUNITY", **args: Any) -> list[Any]:
            return ranked(run(client, RANKING, metric=metric, scope=scope, **args))

        by_default = rank("SATISFACTION_RATE")
        any_volume = rank("SATISFACTION_RATE", minVolume=1)
        two_or_more = rank("SATISFACTION_RATE", minVolume=2)
        first_only = rank("SATISFACTION_RATE", minVolume=1, first=1)
        reopen = rank("REOPEN_RATE", minVolume=1)
        reopen_worst_first = rank("REOPEN_RATE", minVolume=1, order="DESC")
        response = rank("RESPONSE_RATE", "ORGANIZATION", minVolume=1)
    assert by_default == []
    # C's 1 of 1 equals B's 3 of 3 but the larger group goes first; A's 3 of 4 comes last.
    assert any_volume == [(1, "B小区", 3, 3), (2, "C小区", 1, 1), (3, "A小区", 3, 4)]
    assert two_or_more == [(1, "B小区", 3, 3), (2, "A小区", 3, 4)]
    assert first_only == [(1, "B小区", 3, 3)]
    assert reopen == [(1, "B小区", 0, 4), (2, "C小区", 0, 1), (3, "A小区", 2, 4)]
    assert reopen_worst_first == [(1, "A小区", 2, 4), (2, "B小区", 0, 4), (3, "C小区", 0, 1)]
    assert response == [(1, "Y公司", 4, 4), (2, "X公司", 4, 6)]


async def test_ranking_breaks_equal_rates_and_volumes_by_name(
    store: Neo4jStore, settings: Settings
) -> None:
    names = {"community/p": "P小区", "community/q": "Q小区", "community/r": "R小区"}
    f = Fixture()
    for key, name in names.items():
        f.add(Label.COMMUNITY, key, name=name)
    # Q is written first so that insertion order cannot pass for name order.
    sizes = {"community/q": 2, "community/p": 2, "community/r": 3}
    for key, size in sizes.items():
        for n in range(size):
            f.link(Rel.LOCATED_IN, f.row(Label.ISSUE, issue(f"{key}-{n}", satisfaction=5)), key)
    await f.write(store)
    with client_for(settings) as client:
        data = run(client, RANKING, metric="SATISFACTION_RATE", scope="COMMUNITY", minVolume=2)
    assert ranked(data) == [(1, "R小区", 3, 3), (2, "P小区", 2, 2), (3, "Q小区", 2, 2)]


async def test_hotline_volume_by_year_and_channel_with_its_figures(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_graph(store)
    with client_for(settings) as client:
        yearly = run(client, VOLUME)["hotlineVolume"]
        channels = run(client, VOLUME, byChannel=True, allChannels=True)["hotlineVolume"]
        total = run(client, VOLUME, byYear=False, allChannels=True)["hotlineVolume"]
        since = run(client, VOLUME, byChannel=True, **{"from": YEAR_2024["from"]})
    # b4, reported at 02:00 on 2024-01-01 Beijing time, counts for 2024.
    assert yearly["rows"] == [
        {"year": 2023, "channel": None, "issues": 1},
        {"year": 2024, "channel": None, "issues": 10},
    ]
    assert [(r["year"], r["channel"], r["issues"]) for r in channels["rows"]] == [
        (2023, "HOTLINE", 1),
        (2024, "HOTLINE", 10),
        (2024, "PHONE", 3),
        (2024, "QR_CODE", 2),
    ]
    assert total["rows"] == [{"year": None, "channel": None, "issues": 16}]
    assert since["hotlineVolume"]["rows"] == [{"year": 2024, "channel": "HOTLINE", "issues": 10}]
    assert yearly["observations"] == [
        {
            "indicator": "hotline_issues_after",
            "value": 1000.0,
            "qualifier": "LESS_THAN",
            "display": "<1000",
        },
        {
            "indicator": "hotline_issues_before",
            "value": 10000.0,
            "qualifier": "AT_LEAST",
            "display": "10000+",
        },
    ]


async def test_project_impact_shows_reach_and_qualified_figures(
    store: Neo4jStore, settings: Settings
) -> None:
    await build_graph(store)
    with client_for(settings) as client:
        default = run(client, PROJECTS)["projectImpact"]
        relocation = run(client, PROJECTS, kinds=["RELOCATION"])["projectImpact"]
    school, service = default
    assert [p["project"]["kind"] for p in default] == ["LIVELIHOOD", "SERVICE_PROGRAM"]
    assert school["peopleServed"] == 2600
    assert school["communitiesAffected"] == 2
    assert [c["name"] for c in school["communities"]] == ["A小区", "B小区"]
    # The lead also attended the meeting: counted once.
    assert (school["unitsInvolved"], [u["name"] for u in school["units"]]) == (
        2,
        ["X公司", "Y公司"],
    )
    assert [(o["value"], o["qualifier"], o["display"]) for o in school["observations"]] == [
        (1000.0, "APPROX", "~1000"),
        (370.0, "AT_LEAST", "370+"),
    ]
    assert (service["peopleServed"], service["communitiesAffected"]) == (None, 1)
    assert [o["display"] for o in service["observations"]] == ["<1000", "10000+"]
    [move] = relocation
    assert [u["name"] for u in move["units"]] == ["X公司", "Z厂"]
    assert [o["display"] for o in move["observations"]] == ["1100+"]


async def test_the_demo_graph_shows_the_hotline_falling_from_10000_to_under_1000(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    with client_for(demo_settings) as client:
        volume = run(client, VOLUME)["hotlineVolume"]
        groups = run(client, IMPACT, scope="COMMUNITY", **YEAR_2024)["impact"]
        ranking = run(client, RANKING, metric="SATISFACTION_RATE", scope="COMMUNITY", first=50)
    by_year = {row["year"]: row["issues"] for row in volume["rows"]}
    assert by_year[2019] >= 10_000
    assert by_year[2024] < 1_000
    figures = {o["indicator"]: o for o in volume["observations"]}
    assert figures["hotline_issues_before"]["qualifier"] == "AT_LEAST"
    assert figures["hotline_issues_after"]["qualifier"] == "LESS_THAN"
    assert figures["hotline_issues_after"]["display"] == "<1000"
    assert sum(g["received"] for g in groups) >= by_year[2024]
    for group in groups:
        for rate in RATES:
            numerator, denominator = group[rate]["numerator"], group[rate]["denominator"]
            assert 0 <= numerator <= denominator
    assert all(e["rate"]["denominator"] >= 30 for e in ranking["ranking"])
