"""Coverage and visit figures: a small built graph against an independent count, and the demo's."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest

from graph.model import Label, OrgKind, Rel
from graph.store import Neo4jStore
from resolvers.errors import BadUserInput
from resolvers.visits.coverage import coverage, figures
from resolvers.visits.period import Period
from settings import Settings
from tests.support.builder import Fixture
from tests.support.graphql import client_for, gid, run

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2024, 12, 20, 10, 0, tzinfo=TZ)
Q4 = Period.of(year=2024, quarter=4)


def test_periods_are_months_quarters_or_days() -> None:
    assert (Q4.start, Q4.end, Q4.last) == (
        dt.date(2024, 10, 1),
        dt.date(2025, 1, 1),
        dt.date(2024, 12, 31),
    )
    february = Period.of(year=2024, month=2)
    assert (february.start, february.last) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    days = Period.of(start=dt.date(2024, 3, 5), last=dt.date(2024, 3, 5))
    assert (days.start, days.end) == (dt.date(2024, 3, 5), dt.date(2024, 3, 6))


@pytest.mark.parametrize(
    ("named", "field"),
    [
        ({"year": 2024}, "period"),
        ({"year": 2024, "quarter": 1, "month": 2}, "period"),
        ({"year": 2024, "quarter": 5}, "period.quarter"),
        ({"year": 2024, "month": 13}, "period.month"),
        ({"quarter": 1}, "period.year"),
        ({"start": dt.date(2024, 3, 5)}, "period.from"),
        ({"start": dt.date(2024, 3, 5), "last": dt.date(2024, 3, 4)}, "period.to"),
    ],
)
def test_a_mixed_or_out_of_range_period_is_refused(named: dict[str, object], field: str) -> None:
    with pytest.raises(BadUserInput) as refused:
        Period.of(**named)  # type: ignore[arg-type]
    assert refused.value.details["field"] == field


async def _built(store: Neo4jStore) -> dict[str, object]:
    """Two communities' units, two groups' visits of every status; the expected answer too."""
    rng = random.Random(14)
    f = Fixture()
    f.add(Label.AREA, "area/street", name="片区", level="STREET")
    f.add(Label.ORGANIZATION, "org/dept", name="区域协调部", kind=OrgKind.DEPARTMENT.value)
    f.add(Label.ORGANIZATION, "org/other", name="其他单位", kind=OrgKind.DIRECT_UNIT.value)
    for group in ("g1", "g2"):
        f.add(Label.VISIT_GROUP, f"visit-group/{group}", name=group)
        f.link(Rel.PART_OF, f"visit-group/{group}", "org/dept")
    for n in range(4):
        f.add(Label.PERSON, f"person/p{n}", name=f"员工{n}")
    units: dict[str, str] = {}
    for c in ("c1", "c2"):
        f.add(Label.COMMUNITY, f"community/{c}", name=c, level="COMMUNITY")
        f.link(Rel.PART_OF, f"community/{c}", "area/street")
        for n in range(6):
            unit = f.add(
                Label.ORGANIZATION,
                f"org/{c}-{n}",
                name=f"{c}单位{n}",
                kind=OrgKind.REGIONAL_UNIT.value,
            )
            f.link(Rel.LOCATED_IN, unit, f"community/{c}")
            units[unit] = f"community/{c}"
    statuses = ("DONE", "DONE", "DONE", "PLANNED", "CANCELLED")
    days = (
        dt.date(2024, 9, 30),
        dt.date(2024, 10, 1),
        dt.date(2024, 11, 15),
        dt.date(2024, 12, 31),
        dt.date(2025, 1, 1),
    )
    visited: dict[str, set[str]] = defaultdict(set)
    per_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    group_units: dict[str, set[str]] = defaultdict(set)
    targets = [*units, "org/other"]
    for n in range(40):
        group, unit = rng.choice(("g1", "g2")), rng.choice(targets)
        status, day = rng.choice(statuses), rng.choice(days)
        people = rng.sample(range(4), rng.randint(0, 3))
        count = rng.randint(1, 6)
        visit = f.add(
            Label.VISIT,
            f"visit/v{n}",
            status=status,
            memberCount=count,
            visitedOn=day if status == "DONE" else None,
            plannedOn=day if status != "DONE" else None,
        )
        f.link(Rel.CONDUCTED_BY, visit, f"visit-group/{group}")
        f.link(Rel.VISITED, visit, unit)
        for p in people:
            f.link(Rel.ATTENDED_BY, visit, f"person/p{p}")
        if status == "DONE" and Q4.start <= day < Q4.end and unit in units:
            visited[units[unit]].add(unit)
            per_group[group][0] += 1
            per_group[group][1] += len(people) or count
            group_units[group].add(unit)
    await f.write(store)
    return {"units": units, "visited": visited, "per_group": per_group, "group_units": group_units}


async def test_coverage_of_a_quarter_matches_an_independent_count(store: Neo4jStore) -> None:
    built = await _built(store)
    units: dict[str, str] = built["units"]  # type: ignore[assignment]
    visited: dict[str, set[str]] = built["visited"]  # type: ignore[assignment]
    answer = await coverage(store, Q4, None)
    assert answer.units == len(units) == 12
    assert answer.contacted == sum(len(found) for found in visited.values())
    assert 0 < answer.contacted < answer.units
    for community in answer.communities:
        assert community.community is not None
        expected = {u for u, c in units.items() if c == community.community} - visited[
            community.community
        ]
        assert set(community.uncovered) == expected
        assert community.units - community.contacted == len(expected)
    per_group: dict[str, list[int]] = built["per_group"]  # type: ignore[assignment]
    group_units: dict[str, set[str]] = built["group_units"]  # type: ignore[assignment]
    assert {g.group: (g.visits, g.member_times, g.contacted) for g in answer.groups} == {
        f"visit-group/{g}": (v, m, len(group_units[g])) for g, (v, m) in per_group.items()
    }
    only = await coverage(store, Q4, "community/c1")
    assert [c.community for c in only.communities] == ["community/c1"]


async def test_visit_figures_count_visits_people_suggestions_and_problems(
    store: Neo4jStore,
) -> None:
    f = Fixture()
    f.add(Label.ORGANIZATION, "org/branch", name="党支部")
    f.add(Label.VISIT_GROUP, "visit-group/g", name="小组")
    f.link(Rel.PART_OF, "visit-group/g", "org/branch")
    f.add(Label.PERSON, "person/a", name="甲")
    f.add(Label.PERSON, "person/b", name="乙")
    due = dt.datetime(2024, 12, 10, tzinfo=TZ)
    for n, (status, count, people) in enumerate(
        [("DONE", 5, ()), ("DONE", 6, ("person/a", "person/b")), ("PLANNED", 4, ())]
    ):
        f.add(
            Label.VISIT,
            f"visit/{n}",
            status=status,
            memberCount=count,
            visitedOn=dt.date(2024, 11, 1) if status == "DONE" else None,
        )
        f.link(Rel.CONDUCTED_BY, f"visit/{n}", "visit-group/g")
        for person in people:
            f.link(Rel.ATTENDED_BY, f"visit/{n}", person)
    problems = [
        # key, state, the resolving step's from-state, resolvedAt, supervised
        ("spot", "CLOSED", "RECEIVED", dt.datetime(2024, 11, 1, 11, tzinfo=TZ), None),
        ("in-time", "RESOLVED", "IN_PROGRESS", due - dt.timedelta(days=1), True),
        ("late", "CLOSED", "IN_PROGRESS", due + dt.timedelta(days=1), True),
        ("open", "DISPATCHED", None, None, True),
        ("tracked", "IN_PROGRESS", None, None, None),
    ]
    for key, state, step_from, resolved, supervised in problems:
        issue = f.add(
            Label.ISSUE,
            f"issue/{key}",
            title=key,
            state=state,
            channel="VISIT",
            resolvedAt=resolved,
            resolveDueAt=due,
            supervised=supervised,
        )
        f.link(Rel.RAISED_DURING, issue, "visit/0")
        if step_from is not None:
            event = f.add(
                Label.ISSUE_EVENT, f"event/{key}", fromState=step_from, toState="RESOLVED"
            )
            f.link(Rel.HAS_EVENT, issue, event)
    for n in range(2):
        f.add(Label.SUGGESTION, f"suggestion/{n}", title=f"建议{n}", status="COLLECTED")
        f.link(Rel.RAISED_DURING, f"suggestion/{n}", "visit/1")
    f.link(Rel.TRACKED_AS, "suggestion/0", "issue/tracked")
    await f.write(store)

    found = await figures(store, organization="org/branch", group=None, period=None, now=NOW)
    assert (found.visits, found.member_times, found.suggestions) == (2, 5 + 2, 2)
    assert (found.problems, found.solved, found.on_the_spot, found.within_deadline) == (4, 3, 1, 1)
    assert (found.supervised, found.overdue) == (3, 1)
    december = Period.of(year=2024, month=12)
    none = await figures(store, organization=None, group="visit-group/g", period=december, now=NOW)
    assert (none.visits, none.problems) == (0, 0)


async def test_the_office_branch_figures_come_from_the_demo_records(
    demo: Neo4jStore, demo_settings: Settings
) -> None:
    query = """query($org: ID!) { visitFigures(organization: $org) {
        visits memberTimes suggestions problems solved solvedOnTheSpot solvedWithinDeadline } }"""
    with client_for(demo_settings) as client:
        found = run(client, query, org=gid("Organization", "org/huantou-office-branch"))
    # 7 visits, ~40 member-times, 7 suggestions and 11 problems solved, as the branch reports.
    assert found["visitFigures"] == {
        "visits": 7,
        "memberTimes": 39,
        "suggestions": 7,
        "problems": 11,
        "solved": 11,
        "solvedOnTheSpot": 4,
        "solvedWithinDeadline": 7,
    }


async def test_the_demo_quarter_reaches_most_but_not_all_regional_units(demo: Neo4jStore) -> None:
    answer = await coverage(demo, Q4, None)
    [row] = await demo.query("""
        MATCH (u:Organization {kind: 'REGIONAL_UNIT'})
        RETURN count(u) AS units,
          count(CASE WHEN EXISTS { (v:Visit {status: 'DONE'})-[:VISITED]->(u)
                WHERE date('2024-10-01') <= v.visitedOn <= date('2024-12-31') } THEN u END)
            AS contacted""")
    assert (answer.units, answer.contacted) == (row["units"], row["contacted"])
    assert answer.units == 376
    assert 0.85 * answer.units < answer.contacted < answer.units
    assert len(answer.communities) == 44
    assert sum(len(c.uncovered) for c in answer.communities) == answer.units - answer.contacted
    assert len(answer.groups) == 5
    assert sum(g.contacted for g in answer.groups) == answer.contacted
