"""Projects: livelihood projects run with the district and the center's service programmes."""

from __future__ import annotations

import random
from datetime import date
from typing import Any, NamedTuple

from demo import keys
from demo.organizations import CENTER
from demo.places import COMMUNITIES, DISTRICT
from demo.world import World
from graph.model import Label, ProjectKind, ProjectStatus, Rel


class Livelihood(NamedTuple):
    """A livelihood project run with the district; no end date means still under way."""

    slug: str
    name: str
    area: str
    lead: str
    people_served: int
    start: date
    end: date | None


LIVELIHOOD_PROJECTS: tuple[Livelihood, ...] = (
    Livelihood(
        "shengli-no2-expansion",
        "胜利二小改扩建工程",
        "shengli",
        "education-bureau",
        2600,
        date(2021, 3, 15),
        date(2022, 8, 25),
    ),
    Livelihood(
        "central-hospital-expansion",
        "区中心医院改扩建工程",
        "wenhui",
        "health-commission",
        120000,
        date(2022, 4, 1),
        date(2024, 5, 30),
    ),
    Livelihood(
        "hospital-integration",
        "东营区三家医院整合",
        "dongying",
        "health-commission",
        300000,
        date(2021, 9, 1),
        date(2022, 6, 30),
    ),
    Livelihood(
        "sewage-separation",
        "老旧小区雨污分流改造",
        "dongxin",
        "water-bureau",
        18000,
        date(2023, 4, 10),
        date(2023, 11, 20),
    ),
    Livelihood(
        "heating-network",
        "集中供暖管网改造",
        "dongying",
        "housing-bureau",
        45000,
        date(2022, 5, 1),
        date(2022, 10, 31),
    ),
    Livelihood(
        "elevator-retrofit",
        "移交小区既有住宅加装电梯",
        "wenhui",
        "housing-bureau",
        3200,
        date(2023, 3, 1),
        None,
    ),
    Livelihood(
        "clinic-standardization",
        "社区卫生服务站标准化建设",
        "dongying",
        "health-commission",
        60000,
        date(2022, 2, 15),
        date(2023, 6, 30),
    ),
    Livelihood(
        "elder-canteens",
        "社区长者食堂建设",
        "shengli",
        "civil-affairs-bureau",
        5400,
        date(2023, 5, 1),
        date(2023, 12, 31),
    ),
    Livelihood(
        "back-streets",
        "背街小巷道路提升",
        "huanghelu",
        "housing-bureau",
        22000,
        date(2023, 4, 1),
        date(2023, 9, 30),
    ),
    Livelihood(
        "bus-routes",
        "油城公交线路优化",
        "dongying",
        "transport-bureau",
        80000,
        date(2023, 7, 1),
        date(2023, 9, 1),
    ),
    Livelihood(
        "elder-care-center",
        "社区养老服务中心建设",
        "shengyuan",
        "civil-affairs-bureau",
        2100,
        date(2024, 1, 10),
        None,
    ),
    Livelihood(
        "kindergarten-expansion",
        "公办幼儿园扩容",
        "dongxin",
        "education-bureau",
        900,
        date(2023, 3, 1),
        date(2023, 8, 31),
    ),
)


def project(
    w: World,
    slug: str,
    name: str,
    kind: ProjectKind,
    start: date,
    end: date | None,
    *,
    area: str | None = None,
    led_by: str | None = None,
    **props: Any,
) -> str:
    """Add a project, completed if it has an end date, with its place and lead."""
    status = ProjectStatus.COMPLETED if end is not None else ProjectStatus.IN_PROGRESS
    project_key = w.b.node(
        Label.PROJECT,
        slug,
        name=name,
        kind=kind.value,
        status=status.value,
        startDate=start,
        endDate=end,
        **props,
    )
    if area is not None:
        w.b.link(Rel.LOCATED_IN, project_key, area)
    if led_by is not None:
        w.b.link(Rel.LED_BY, project_key, led_by)
    return project_key


def _area_or_community(slug: str) -> str:
    known = {c.slug for c in COMMUNITIES}
    return keys.community(slug) if slug in known else keys.area(slug)


def build(w: World) -> None:
    """Add the livelihood projects and the service programmes."""
    rng = random.Random(404)
    communities = [keys.community(c.slug) for c in COMMUNITIES]
    for slug, name, area, lead, served, start, end in LIVELIHOOD_PROJECTS:
        livelihood = project(
            w,
            slug,
            name,
            ProjectKind.LIVELIHOOD,
            start,
            end,
            area=_area_or_community(area),
            led_by=keys.org(lead),
            peopleServed=served,
        )
        scope = [
            c for c in communities if area == DISTRICT.slug or w.street_of[c] == keys.area(area)
        ]
        for community in sorted(rng.sample(scope, min(len(scope), rng.randint(3, 8)))):
            w.b.link(Rel.AFFECTS, livelihood, community)

    programme = project(
        w,
        "specialized-services",
        "专业化服务进社区",
        ProjectKind.SERVICE_PROGRAM,
        date(2019, 10, 1),
        None,
        area=keys.area(DISTRICT.slug),
        led_by=keys.org(CENTER.slug),
        motto="社区吹哨、专业化公司报到",
    )
    for community in communities:
        w.b.link(Rel.AFFECTS, programme, community)
    project(
        w,
        "health-stations",
        "健康驿站“项目+技术+服务”派驻",
        ProjectKind.SERVICE_PROGRAM,
        date(2021, 3, 1),
        None,
        led_by=keys.org("health-services"),
    )
    project(
        w,
        "childcare-program",
        "员工子女托管服务",
        ProjectKind.SERVICE_PROGRAM,
        date(2021, 7, 1),
        None,
        area=keys.area(DISTRICT.slug),
        led_by=keys.org("childcare"),
    )
    yiyuan = project(
        w,
        "yiyuan-renovation",
        "颐园小区改造提升",
        ProjectKind.RENOVATION,
        date(2022, 2, 10),
        None,
        area=keys.community("yiyuan"),
        led_by=keys.org("housing-bureau"),
        demolitionStartedOn=date(2022, 6, 15),
    )
    w.b.link(Rel.AFFECTS, yiyuan, keys.community("yiyuan"))
