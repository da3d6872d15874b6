"""The 东辛 emergency relocation: 13 units moving from 28 compounds to new sites, 32 meetings."""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo import keys
from demo.decisions import decide
from demo.organizations import CENTER, GOVERNMENT, RELOCATING_UNITS
from demo.places import STREETS
from demo.projects import project
from demo.world import World
from graph.model import Label, MeetingKind, MoveStatus, ProjectKind, Rel, SiteKind

RELOCATION_START = date(2023, 3, 1)
RELOCATION_DAYS = 62
RELOCATION_LAND_MU = 1126.5
RELOCATION_MEETINGS = 32
COMPOUND_COUNT = 28

RELOCATION_DECISIONS: tuple[str, ...] = (
    "确定{}搬迁方案",
    "明确{}搬迁时间节点",
    "协调{}新址交接",
    "解决{}搬迁中的网电迁改问题",
)


def build(w: World) -> None:
    """Add the relocation, its sites, compounds and meetings."""
    rng = random.Random(505)
    b = w.b
    dongxin = keys.area("dongxin")
    start = RELOCATION_START
    end = start + timedelta(days=RELOCATION_DAYS)
    renovation = project(
        w,
        "dongxin-renovation",
        "东辛片区改造提升",
        ProjectKind.RENOVATION,
        date(2023, 2, 1),
        None,
        area=dongxin,
        led_by=keys.org(GOVERNMENT.slug),
        provincialUrbanRenewalPilot=True,
    )
    relocation = project(
        w,
        "dongxin-relocation",
        "东辛片区改造提升直属单位应急搬迁",
        ProjectKind.RELOCATION,
        start,
        end,
        area=dongxin,
        led_by=keys.org(CENTER.slug),
    )
    b.link(Rel.PART_OF, relocation, renovation)

    elsewhere = [s for s in STREETS if s.slug != "dongxin"]
    new_sites: dict[str, str] = {}
    for unit in RELOCATING_UNITS:
        street = rng.choice(elsewhere)
        site = b.node(
            Label.SITE,
            f"new-{unit.slug}",
            name=f"{unit.name.removeprefix('胜利油田')}新址",
            kind=SiteKind.NEW_SITE.value,
            lat=round(street.lat + rng.uniform(-0.02, 0.02), 5),
            lon=round(street.lon + rng.uniform(-0.02, 0.02), 5),
        )
        b.link(Rel.OWNED_BY, site, keys.org(unit.slug))
        b.link(Rel.LOCATED_IN, site, keys.area(street.slug))
        new_sites[unit.slug] = site

    owners = [RELOCATING_UNITS[n % len(RELOCATING_UNITS)] for n in range(COMPOUND_COUNT)]
    weights = [rng.uniform(0.5, 1.5) for _ in owners]
    land = [round(RELOCATION_LAND_MU * wt / sum(weights), 1) for wt in weights]
    land[-1] = round(RELOCATION_LAND_MU - sum(land[:-1]), 1)
    move_days = sorted(rng.randint(3, RELOCATION_DAYS - 1) for _ in owners[1:])
    move_days.append(RELOCATION_DAYS)
    rng.shuffle(move_days)
    # Its own stream, so the planned dates leave the compounds and meetings as they were.
    slips = random.Random(506)
    first = start + timedelta(days=min(move_days))
    milestones = (
        ("plan", "搬迁方案确定", start - timedelta(days=3), start - timedelta(days=3)),
        ("first", "首批单位搬离", start + timedelta(days=10), first),
        ("cleared", f"{COMPOUND_COUNT}个厂矿大院全部腾空", end, end),
    )
    for slug, title, due, reached in milestones:
        milestone = b.node(
            Label.MILESTONE, f"dongxin-{slug}", title=title, dueOn=due, reachedOn=reached
        )
        b.link(Rel.HAS_MILESTONE, relocation, milestone)
    seen: dict[str, int] = {}
    for unit, mu, day in zip(owners, land, move_days, strict=True):
        seen[unit.slug] = seen.get(unit.slug, 0) + 1
        n = seen[unit.slug]
        short = unit.name.removeprefix("胜利油田")
        compound = b.node(
            Label.SITE,
            f"compound-{unit.slug}-{n}",
            name=f"{short}东辛{'大院' if n == 1 else f'{n}号院'}",
            kind=SiteKind.FACTORY_COMPOUND.value,
            lat=round(37.452 + rng.uniform(-0.018, 0.018), 5),
            lon=round(118.431 + rng.uniform(-0.025, 0.025), 5),
            landMu=mu,
        )
        b.link(Rel.OWNED_BY, compound, keys.org(unit.slug))
        b.link(Rel.LOCATED_IN, compound, dongxin)
        moved_on = start + timedelta(days=day)
        move = b.node(
            Label.MOVE,
            f"dongxin-{unit.slug}-{n}",
            status=MoveStatus.DONE.value,
            plannedOn=max(start, moved_on - timedelta(days=slips.randint(0, 4))),
            movedOn=moved_on,
            landMu=mu,
        )
        b.link(Rel.HAS_MOVE, relocation, move)
        b.link(Rel.MOVES, move, keys.org(unit.slug))
        b.link(Rel.FROM_SITE, move, compound)
        b.link(Rel.TO_SITE, move, new_sites[unit.slug])

    plan = [start - timedelta(days=days) for days in (16, 12, 7, 3)]
    plan += sorted(
        start + timedelta(days=rng.randint(0, RELOCATION_DAYS))
        for _ in range(RELOCATION_MEETINGS - len(plan))
    )
    regulars = [keys.org(CENTER.slug), keys.org("housing-bureau"), keys.org(GOVERNMENT.slug)]
    for n, held in enumerate(plan, start=1):
        unit = RELOCATING_UNITS[(n - 1) % len(RELOCATING_UNITS)]
        others = rng.sample([u for u in RELOCATING_UNITS if u != unit], rng.randint(1, 3))
        decision = RELOCATION_DECISIONS[(n - 1) % len(RELOCATION_DECISIONS)]
        meeting = b.node(
            Label.MEETING,
            f"dongxin-{n:02d}",
            title=f"东辛片区直属单位搬迁协调会（第{n}次）",
            kind=MeetingKind.COORDINATION.value,
            heldOn=held,
        )
        b.link(Rel.ABOUT, meeting, relocation)
        decide(w, meeting, 1, decision.format(unit.name), advances=(relocation,))
        attendees = regulars[: 3 if n % 4 == 1 else 2] + [keys.org(u.slug) for u in (unit, *others)]
        for org in attendees:
            b.link(Rel.ATTENDED_BY, meeting, org)
