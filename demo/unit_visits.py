"""The center's visits of regional units (每月一交流、每季一覆盖): one group per 片区, a quarter.

In the fourth quarter of 2024 each 片区's group visits the regional units of its communities;
most are reached, a few are not: their visit was cancelled, or is planned for January.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from demo import keys
from demo.organizations import CENTER_DEPARTMENTS
from demo.places import COMMUNITIES, STREETS
from demo.world import World
from graph.model import Label, OrgKind, Rel, VisitStatus

QUARTER_START = date(2024, 10, 1)
QUARTER_DAYS = 92
NEXT_QUARTER = date(2025, 1, 6)
# Share of units a group reaches in the quarter; a second, monthly talk (交流) with some.
REACHED = 0.92
TALKED_AGAIN = 0.1

SUMMARIES = (
    "上门了解用工、用电、用水需求，现场答复办理流程",
    "座谈交流企地共建事项，收集服务需求",
    "走访了解周边环境和交通问题，介绍码上服务",
    "入户宣讲一站式办理政策，更新联系卡",
)


def build(w: World) -> None:
    """The 片区 groups of the center's 区域协调部 and their visits of the regional units."""
    rng = random.Random(1414)
    department = keys.org("regional-coordination")
    contacts = [keys.of(Label.PERSON, f"contact-{dept.slug}") for dept in CENTER_DEPARTMENTS]
    groups: dict[str, tuple[str, list[str]]] = {}
    for n, street in enumerate(STREETS):
        leader = w.coordinator_of[keys.area(street.slug)]
        group = w.b.node(
            Label.VISIT_GROUP,
            f"center-{street.slug}",
            name=f"{street.name}走访组",
            cadence="MONTHLY",
            programme="每月一交流、每季一覆盖",
        )
        w.b.link(Rel.LED_BY, group, leader)
        w.b.link(Rel.PART_OF, group, department)
        crew = [leader, *contacts[2 * n : 2 * n + 2]]
        for member in crew:
            w.b.link(Rel.MEMBER_OF, member, group)
        groups[street.slug] = (group, crew)

    n = 0
    for community, units in _units_by_community(w).items():
        group, crew = groups[community]
        for unit in units:
            talks = 0
            if rng.random() < REACHED:
                talks = 2 if rng.random() < TALKED_AGAIN else 1
            for _ in range(talks):
                n += 1
                _visit(w, rng, n, group, crew, unit)
            if not talks:
                n += 1
                _missed(w, rng, n, group, unit)


def _units_by_community(w: World) -> dict[str, list[str]]:
    """Each 片区's regional units, in the order they were added."""
    street_of = {keys.community(c.slug): c.street for c in COMMUNITIES}
    located = {
        row["start"]: row["end"]
        for row in w.b.relationships[(Rel.LOCATED_IN, Label.ORGANIZATION, Label.COMMUNITY)]
    }
    units: dict[str, list[str]] = defaultdict(list)
    for row in w.b.nodes[Label.ORGANIZATION]:
        if row.get("kind") == OrgKind.REGIONAL_UNIT.value:
            units[street_of[located[row["key"]]]].append(row["key"])
    return units


def _weekday(rng: random.Random) -> date:
    day = QUARTER_START + timedelta(days=rng.randrange(QUARTER_DAYS - 3))
    # A weekend day moves to the Monday after.
    return day + timedelta(days=8 - day.isoweekday()) if day.isoweekday() > 5 else day


def _visit(
    w: World, rng: random.Random, n: int, group: str, crew: list[str], unit: str
) -> None:
    day = _weekday(rng)
    visit = w.b.node(
        Label.VISIT,
        f"center-{n:04d}",
        status=VisitStatus.DONE.value,
        plannedOn=day,
        visitedOn=day,
        summary=rng.choice(SUMMARIES),
    )
    w.b.link(Rel.CONDUCTED_BY, visit, group)
    w.b.link(Rel.VISITED, visit, unit)
    for person in rng.sample(crew, rng.choice((2, 2, 3))):
        w.b.link(Rel.ATTENDED_BY, visit, person)


def _missed(w: World, rng: random.Random, n: int, group: str, unit: str) -> None:
    """A unit not reached this quarter: its visit was cancelled, or moved to January."""
    cancelled = rng.random() < 0.5
    visit = w.b.node(
        Label.VISIT,
        f"center-{n:04d}",
        status=(VisitStatus.CANCELLED if cancelled else VisitStatus.PLANNED).value,
        plannedOn=_weekday(rng) if cancelled else NEXT_QUARTER + timedelta(days=rng.randrange(4)),
        cancelReason="单位停业装修，下季度改期走访" if cancelled else None,
    )
    w.b.link(Rel.CONDUCTED_BY, visit, group)
    w.b.link(Rel.VISITED, visit, unit)
