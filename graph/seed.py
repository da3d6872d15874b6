"""The deterministic demo graph: built purely in memory, then loaded idempotently via the store."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from itertools import accumulate
from typing import Any

from graph import demo_data as d
from graph.model import (
    AreaLevel,
    Channel,
    IssueState,
    Label,
    MeetingKind,
    OrgKind,
    PersonRole,
    ProjectKind,
    ProjectStatus,
    Rel,
    SiteKind,
)
from graph.store import Neo4jStore

TZ = timezone(timedelta(hours=8))
# Hotline issues still open at this instant stay open; it is the demo's "as of".
CUTOFF = datetime(2025, 1, 1, tzinfo=TZ)

Row = dict[str, Any]
RelKey = tuple[Rel, Label, Label]
Progress = Callable[[str, int, int], None]

_PREFIX: dict[Label, str] = {
    Label.ORGANIZATION: "org",
    Label.PERSON: "person",
    Label.AREA: "area",
    Label.COMMUNITY: "community",
    Label.CATEGORY: "category",
    Label.ISSUE: "issue",
    Label.ISSUE_EVENT: "event",
    Label.ROUTING_RULE: "rule",
    Label.WHISTLE: "whistle",
    Label.MEETING: "meeting",
    Label.VISIT: "visit",
    Label.VISIT_GROUP: "visit-group",
    Label.PROJECT: "project",
    Label.SITE: "site",
    Label.STATION: "station",
    Label.OBSERVATION: "observation",
}


@dataclass(frozen=True)
class DemoGraph:
    """Node rows per label and relationship rows per (type, start label, end label)."""

    nodes: dict[Label, list[Row]]
    relationships: dict[RelKey, list[Row]]

    def node_count(self) -> int:
        """How many node rows there are."""
        return sum(len(rows) for rows in self.nodes.values())

    def relationship_count(self) -> int:
        """How many relationship rows there are."""
        return sum(len(rows) for rows in self.relationships.values())


@dataclass(frozen=True)
class SeedReport:
    """Rows written per label and per relationship type, and how long it took."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    seconds: float


def key(label: Label, slug: str) -> str:
    """The stable key of a node: an English prefix per label, then a slug."""
    return f"{_PREFIX[label]}/{slug}"


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A Beijing-time timestamp."""
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def _on(day: date, hour: int, minute: int = 0) -> datetime:
    return at(day.year, day.month, day.day, hour) + timedelta(minutes=minute)


def _o(slug: str) -> str:
    return key(Label.ORGANIZATION, slug)


def _cat(slug: str) -> str:
    return key(Label.CATEGORY, slug)


def _area(slug: str) -> str:
    return key(Label.AREA, slug)


def _community(slug: str) -> str:
    return key(Label.COMMUNITY, slug)


class _Builder:
    """Collects rows, refusing duplicate keys and duplicate (type, start, end) links."""

    def __init__(self) -> None:
        self.nodes: dict[Label, list[Row]] = {}
        self.relationships: dict[RelKey, list[Row]] = {}
        self.labels: dict[str, Label] = {}
        self._pairs: set[tuple[Rel, str, str]] = set()

    def node(self, label: Label, slug: str, /, **props: Any) -> str:
        node_key = key(label, slug)
        if node_key in self.labels:
            raise ValueError(f"duplicate node key {node_key}")
        self.labels[node_key] = label
        row = {"key": node_key, **{k: v for k, v in props.items() if v is not None}}
        self.nodes.setdefault(label, []).append(row)
        return node_key

    def link(self, rel: Rel, start: str, end: str, /, **props: Any) -> None:
        if (rel, start, end) in self._pairs:
            raise ValueError(f"duplicate {rel} {start} -> {end}")
        self._pairs.add((rel, start, end))
        group = (rel, self.labels[start], self.labels[end])
        kept = {k: v for k, v in props.items() if v is not None}
        row = {"start": start, "end": end, "props": kept}
        self.relationships.setdefault(group, []).append(row)

    def graph(self) -> DemoGraph:
        return DemoGraph(self.nodes, self.relationships)


class _Names:
    """Unique, plausible Chinese personal names from a seeded generator."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._used: set[str] = set()

    def __call__(self) -> str:
        while True:
            length = self._rng.choice((1, 2, 2))
            given = "".join(self._rng.choice(d.GIVEN_CHARS) for _ in range(length))
            name = self._rng.choice(d.SURNAMES) + given
            if name not in self._used:
                self._used.add(name)
                return name


@dataclass(frozen=True)
class _Step:
    state: IssueState
    at: datetime
    note: str
    actor: str


class _Events:
    """Lifecycle events of curated issues; `seq` follows time across all issues."""

    def __init__(self) -> None:
        self._pending: list[tuple[datetime, str, int, str, Row]] = []

    def walk(self, issue_key: str, steps: Sequence[_Step]) -> None:
        slug = issue_key.removeprefix("issue/")
        previous: IssueState | None = None
        for index, step in enumerate(steps, start=1):
            row: Row = {
                "at": step.at,
                "fromState": previous.value if previous else None,
                "toState": step.state.value,
                "note": step.note,
                "actor": step.actor,
            }
            self._pending.append((step.at, issue_key, index, f"{slug}/{index:02d}", row))
            previous = step.state

    def emit(self, b: _Builder) -> None:
        ordered = sorted(self._pending, key=lambda item: item[:3])
        for seq, (_, issue_key, _, slug, row) in enumerate(ordered, start=1):
            event_key = b.node(Label.ISSUE_EVENT, slug, seq=seq, **row)
            b.link(Rel.HAS_EVENT, issue_key, event_key)


@dataclass(frozen=True)
class _Rule:
    slug: str
    name: str
    category: str
    area: str
    lead: str
    priority: int
    response_hours: int
    resolve_days: int
    feedback_days: int
    escalations: tuple[tuple[str, int], ...]
    assists: tuple[str, ...] = ()
    valid_from: date = date(2019, 1, 1)
    valid_to: date | None = None

    @property
    def key(self) -> str:
        return key(Label.ROUTING_RULE, self.slug)

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class _Router:
    """Most specific category, then most specific area, then priority; mirrors the design."""

    def __init__(self, rules: Sequence[_Rule], parents: dict[str, str]) -> None:
        self._parents = parents
        self._rules: dict[tuple[str, str], list[_Rule]] = {}
        for rule in rules:
            self._rules.setdefault((rule.category, rule.area), []).append(rule)

    def _lineage(self, node_key: str) -> list[str]:
        chain = [node_key]
        while chain[-1] in self._parents:
            chain.append(self._parents[chain[-1]])
        return chain

    def route(self, category: str, area: str, day: date) -> _Rule | None:
        for category_key in self._lineage(category):
            for area_key in self._lineage(area):
                rules = self._rules.get((category_key, area_key), [])
                valid = [r for r in rules if r.valid_on(day)]
                if valid:
                    return max(valid, key=lambda r: r.priority)
        return None


@dataclass
class _Issue:
    """A curated issue: its lifecycle steps decide its state and timestamps."""

    slug: str
    title: str
    channel: Channel
    category: str
    steps: list[_Step]
    area: str | None = None
    reporter: str | None = None
    lead: str | None = None
    assists: tuple[str, ...] = ()
    rule: _Rule | None = None
    satisfaction: int | None = None
    description: str | None = None
    people_affected: int | None = None
    resolve_due: datetime | None = None
    extra: Row = field(default_factory=dict)


@dataclass
class _World:
    """Everything later sections need from earlier ones."""

    b: _Builder = field(default_factory=_Builder)
    events: _Events = field(default_factory=_Events)
    names: _Names = field(default_factory=lambda: _Names(4411))
    parents: dict[str, str] = field(default_factory=dict)
    street_of: dict[str, str] = field(default_factory=dict)
    observer_of: dict[str, str] = field(default_factory=dict)
    coordinator_of: dict[str, str] = field(default_factory=dict)
    router: _Router | None = None

    def route(self, category: str, area: str, day: date) -> _Rule:
        if self.router is None:
            raise RuntimeError("routing rules are not built yet")
        rule = self.router.route(category, area, day)
        if rule is None:
            raise ValueError(f"no routing rule for {category} in {area} on {day}")
        return rule


def _org(w: _World, slug: str, name: str, kind: OrgKind, parent: str | None = None) -> str:
    org_key = w.b.node(Label.ORGANIZATION, slug, name=name, kind=kind.value)
    if parent is not None:
        w.b.link(Rel.PART_OF, org_key, parent)
    return org_key


def _person(w: _World, slug: str, roles: Iterable[PersonRole], title: str | None = None) -> str:
    return w.b.node(
        Label.PERSON, slug, name=w.names(), roles=[r.value for r in roles], title=title
    )


def _areas(w: _World) -> None:
    rng = random.Random(101)
    b = w.b
    district = b.node(
        Label.AREA, d.DISTRICT.slug, name=d.DISTRICT.name, level=AreaLevel.DISTRICT.value
    )
    centres: dict[str, tuple[float, float]] = {}
    for street in d.STREETS:
        street_key = b.node(
            Label.AREA,
            street.slug,
            name=street.name,
            level=AreaLevel.STREET.value,
            lat=street.lat,
            lon=street.lon,
            provincialUrbanRenewalPilot=True if street.slug == "dongxin" else None,
        )
        b.link(Rel.PART_OF, street_key, district)
        w.parents[street_key] = district
        centres[street.slug] = (street.lat, street.lon)
    for community in d.COMMUNITIES:
        lat, lon = centres[community.street]
        community_key = b.node(
            Label.COMMUNITY,
            community.slug,
            name=community.name,
            level=AreaLevel.COMMUNITY.value,
            lat=round(lat + rng.uniform(-0.012, 0.012), 5),
            lon=round(lon + rng.uniform(-0.015, 0.015), 5),
            households=rng.randrange(600, 3200, 10),
            handedOverOn=date(2019, rng.choice((6, 9, 12)), 30),
        )
        street_key = _area(community.street)
        b.link(Rel.PART_OF, community_key, street_key)
        w.parents[community_key] = street_key
        w.street_of[community_key] = street_key


def _organizations(w: _World) -> None:
    b = w.b
    district = _area(d.DISTRICT.slug)
    oilfield = _org(w, d.OILFIELD.slug, d.OILFIELD.name, OrgKind.ENTERPRISE)
    _org(w, "oilfield-party-committee", "胜利油田党委", OrgKind.PARTY_COMMITTEE, oilfield)
    center = _org(w, d.CENTER.slug, d.CENTER.name, OrgKind.CENTER, oilfield)
    b.link(Rel.LOCATED_IN, center, district)
    _org(w, "center-party-committee", f"{d.CENTER.name}党委", OrgKind.PARTY_COMMITTEE, center)
    for dept in d.CENTER_DEPARTMENTS:
        _org(w, dept.slug, dept.name, OrgKind.DEPARTMENT, center)

    government = _org(w, d.GOVERNMENT.slug, d.GOVERNMENT.name, OrgKind.GOVERNMENT)
    b.link(Rel.LOCATED_IN, government, district)
    for dept in d.GOV_DEPARTMENTS:
        dept_key = _org(w, dept.slug, dept.name, OrgKind.GOV_DEPARTMENT, government)
        b.link(Rel.LOCATED_IN, dept_key, district)

    for street in d.STREETS:
        slug, name = f"property-{street.slug}", street.property_company
        property_company = _org(w, slug, name, OrgKind.SERVICE_COMPANY, oilfield)
        b.link(Rel.LOCATED_IN, property_company, _area(street.slug))
    for company in d.SERVICE_COMPANIES:
        company_key = _org(w, company.slug, company.name, OrgKind.SERVICE_COMPANY, oilfield)
        b.link(Rel.LOCATED_IN, company_key, district)

    for unit in d.RELOCATING_UNITS:
        unit_key = _org(w, unit.slug, unit.name, OrgKind.DIRECT_UNIT, oilfield)
        b.link(Rel.LOCATED_IN, unit_key, _area("dongxin"))
    for unit in d.OTHER_DIRECT_UNITS:
        unit_key = _org(w, unit.slug, unit.name, OrgKind.DIRECT_UNIT, oilfield)
        b.link(Rel.LOCATED_IN, unit_key, district)
    for slug, name, count in d.PLANTS:
        for n in range(1, count + 1):
            _org(w, f"{slug}-{n}", f"{name}采油管理{'一二三四五'[n - 1]}区", OrgKind.OIL_GAS_UNIT,
                 oilfield)
    for unit in d.STANDALONE_OIL_GAS_UNITS:
        _org(w, unit.slug, unit.name, OrgKind.OIL_GAS_UNIT, oilfield)

    for slug, name, street_slug in d.SCHOOLS:
        school = _org(w, slug, name, OrgKind.SCHOOL, _o("education-bureau"))
        b.link(Rel.LOCATED_IN, school, _area(street_slug))
    for slug, name, street_slug in d.HOSPITALS:
        hospital = _org(
            w, slug, name, OrgKind.HOSPITAL, _o("health-commission")
        )
        b.link(Rel.LOCATED_IN, hospital, _area(street_slug))

    gangqu = _org(w, "gangqu-center", "港区服务协调中心", OrgKind.CENTER, oilfield)
    mining = _org(w, "gangqu-mining-services", "矿区服务管理", OrgKind.DEPARTMENT, gangqu)
    _org(w, "gangqu-mining-union", "矿区服务管理工会", OrgKind.DEPARTMENT, mining)

    railway = _org(w, d.RAILWAY_PROJECT.slug, d.RAILWAY_PROJECT.name, OrgKind.ENTERPRISE)
    _org(w, "kangyu-party-branch", "康渝高铁项目党支部", OrgKind.PARTY_COMMITTEE, railway)
    _org(w, "kangyu-service-center", "康渝高铁项目党群服务中心", OrgKind.CENTER, railway)
    for dept in d.RAILWAY_DEPARTMENTS:
        _org(w, dept.slug, dept.name, OrgKind.DEPARTMENT, railway)
    for team in d.LABOR_TEAMS:
        _org(w, f"kangyu-{team.slug}", team.name, OrgKind.LABOR_TEAM, railway)

    holding = _org(w, "lingang-holding", "临港控股公司", OrgKind.ENTERPRISE)
    huantou = _org(w, "huantou-group", "环投集团", OrgKind.ENTERPRISE, holding)
    general = _org(w, "huantou-party-branch", "环投集团党总支", OrgKind.PARTY_COMMITTEE, huantou)
    _org(w, "huantou-office-branch", "环投机关党支部", OrgKind.PARTY_COMMITTEE, general)
    for dept in d.HUANTOU_DEPARTMENTS:
        _org(w, dept.slug, dept.name, OrgKind.DEPARTMENT, huantou)
    for unit in d.HUANTOU_UNITS:
        _org(w, unit.slug, unit.name, OrgKind.DIRECT_UNIT, huantou)

    _regional_units(w)


def _regional_units(w: _World) -> None:
    rng = random.Random(202)
    extra = set(rng.sample(range(len(d.COMMUNITIES)), d.REGIONAL_UNIT_COUNT % len(d.COMMUNITIES)))
    per_community = d.REGIONAL_UNIT_COUNT // len(d.COMMUNITIES)
    for index, community in enumerate(d.COMMUNITIES):
        count = per_community + (1 if index in extra else 0)
        place = community.name[:-2]
        for n, kind in enumerate(rng.sample(d.REGIONAL_UNIT_KINDS, count), start=1):
            unit = _org(w, f"regional-{community.slug}-{n:02d}", f"{place}{kind}",
                        OrgKind.REGIONAL_UNIT)
            w.b.link(Rel.LOCATED_IN, unit, _community(community.slug))


def _categories(w: _World) -> None:
    for category in d.CATEGORIES:
        category_key = w.b.node(Label.CATEGORY, category.slug, name=category.name)
        if category.parent is not None:
            parent = _cat(category.parent)
            w.b.link(Rel.PART_OF, category_key, parent)
            w.parents[category_key] = parent


def _people(w: _World) -> None:
    b = w.b
    rng = random.Random(303)
    for community in d.COMMUNITIES:
        if community.slug == d.UNOBSERVED_COMMUNITY:
            continue
        roles = [PersonRole.OBSERVER, PersonRole.RESIDENT]
        if rng.random() < 0.4:
            roles.append(PersonRole.PARTY_MEMBER)
        observer = b.node(
            Label.PERSON,
            f"observer-{community.slug}",
            name=w.names(),
            roles=[r.value for r in roles],
            title="幸福观察员",
            appointedOn=date(2023, 3, rng.randint(1, 20)),
        )
        community_key = _community(community.slug)
        b.link(Rel.OBSERVES, observer, community_key, since=date(2023, 3, 21))
        w.observer_of[community_key] = observer

    coordination = _o("regional-coordination")
    staff_roles = (PersonRole.COORDINATOR, PersonRole.STAFF, PersonRole.PARTY_MEMBER)
    for street in d.STREETS:
        person = _person(w, f"coordinator-{street.slug}", staff_roles, f"{street.name}协调员")
        b.link(Rel.MEMBER_OF, person, coordination, role="MEMBER")
        w.coordinator_of[_area(street.slug)] = person
    # The demolished community is looked after by the project department that ran its renovation.
    caretaker = _person(
        w, f"coordinator-{d.UNOBSERVED_COMMUNITY}", (PersonRole.COORDINATOR, PersonRole.STAFF),
        "颐园小区联络员",
    )
    b.link(Rel.MEMBER_OF, caretaker, _o("wenhui-residents"), role="MEMBER")
    b.link(Rel.OBSERVES, caretaker, _community(d.UNOBSERVED_COMMUNITY),
           since=date(2022, 2, 15))

    contacts = [f"property-{s.slug}" for s in d.STREETS]
    contacts += [c.slug for c in (*d.SERVICE_COMPANIES, *d.GOV_DEPARTMENTS, *d.OTHER_DIRECT_UNITS)]
    contacts += [c.slug for c in d.CENTER_DEPARTMENTS]
    for slug in contacts:
        person = _person(w, f"contact-{slug}", (PersonRole.STAFF,), "联络员")
        b.link(Rel.MEMBER_OF, person, _o(slug), role="CONTACT")


def _rules(w: _World) -> None:
    district = _area(d.DISTRICT.slug)
    coordination, center = _o("regional-coordination"), _o(d.CENTER.slug)
    rules = [
        _Rule(
            slug=f"community-{c.slug}",
            name=f"{c.name}：社区吹哨、专业化公司报到",
            category=_cat("community-services"),
            area=_community(c.slug),
            lead=_o(f"property-{c.street}"),
            priority=10,
            response_hours=2,
            resolve_days=5,
            feedback_days=1,
            escalations=((coordination, 24), (center, 72), (_o("housing-bureau"), 168)),
        )
        for c in d.COMMUNITIES
    ]
    # category, name, lead, response hours, resolve days, escalation targets, assists
    district_rules: tuple[tuple[str, str, str, int, int, tuple[str, ...], tuple[str, ...]], ...] = (
        ("water", "供水排水", "water-company", 2, 3, ("water-bureau",), ()),
        ("power", "供电", "power-company", 1, 1, ("housing-bureau",), ()),
        ("gas", "燃气", "gas-company", 1, 1, ("housing-bureau",), ()),
        ("sanitation", "环境卫生", "sanitation-company", 4, 2, ("law-enforcement-bureau",),
         ("law-enforcement-bureau",)),
        ("transport", "交通出行", "transport-bureau", 8, 10, (), ()),
        ("medical-insurance", "医保结算", "social-insurance-center", 4, 10,
         ("medical-insurance-bureau",), ("medical-insurance-bureau",)),
        ("medical-care", "看病就医", "health-commission", 8, 10, (), ()),
        ("education", "教育", "education-bureau", 8, 15, (), ()),
        ("childcare", "子女托管", "childcare", 4, 7, ("education-bureau",), ()),
        ("dining", "就餐/食堂", "catering-company", 4, 5, ("civil-affairs-bureau",), ()),
        ("employee-services", "员工服务", "employee-services", 2, 3, (), ()),
        ("retiree-services", "离退休服务", "retiree-center", 4, 7, (), ()),
    )
    rules += [
        _Rule(
            slug=category,
            name=f"{label}：{d.DISTRICT.name}",
            category=_cat(category),
            area=district,
            lead=_o(lead),
            priority=20,
            response_hours=hours,
            resolve_days=days,
            feedback_days=2,
            escalations=((coordination, 24), *((_o(up), 72) for up in ups)),
            assists=tuple(_o(a) for a in assists),
        )
        for category, label, lead, hours, days, ups, assists in district_rules
    ]
    rules += [
        # Until the heating company took over in winter 2020 the center handled heating itself.
        _Rule("heating-legacy", "供暖（移交前）：东营区", _cat("heating"), district, center,
              20, 4, 3, 2, ((_o("housing-bureau"), 72),), valid_to=date(2020, 10, 31)),
        _Rule("heating", "供暖：东营区", _cat("heating"), district, _o("heating-company"), 20, 2, 2,
              2, ((coordination, 24), (_o("housing-bureau"), 72)), valid_from=date(2020, 11, 1)),
        _Rule("sewage-dongxin", "污水排放：东辛片区改造提升期间", _cat("sewage"), _area("dongxin"),
              _o("water-company"), 30, 1, 2, 1, ((_o("water-bureau"), 12), (center, 48)),
              assists=(_o("water-bureau"), _o("law-enforcement-bureau")),
              valid_from=date(2023, 3, 1)),
        _Rule("medical-insurance-ruijing", "医保结算：瑞景社区周边定点机构",
              _cat("medical-insurance"), _community("ruijing"), _o("medical-insurance-bureau"),
              40, 4, 5, 1, ((_o("health-commission"), 48),),
              assists=(_o("social-insurance-center"),), valid_from=date(2023, 6, 20)),
    ]
    for rule in rules:
        rule_key = w.b.node(
            Label.ROUTING_RULE,
            rule.slug,
            name=rule.name,
            priority=rule.priority,
            responseHours=rule.response_hours,
            resolveDays=rule.resolve_days,
            feedbackDays=rule.feedback_days,
            validFrom=rule.valid_from,
            validTo=rule.valid_to,
        )
        w.b.link(Rel.FOR_CATEGORY, rule_key, rule.category)
        w.b.link(Rel.FOR_AREA, rule_key, rule.area)
        w.b.link(Rel.LEAD, rule_key, rule.lead)
        for assist in rule.assists:
            w.b.link(Rel.ASSIST, rule_key, assist)
        for level, (target, hours) in enumerate(rule.escalations, start=1):
            w.b.link(Rel.ESCALATE, rule_key, target, level=level, afterHours=hours)
    w.router = _Router(rules, w.parents)


def _stations(w: _World) -> None:
    units = [f"{slug}-{n}" for slug, _, count in d.PLANTS for n in range(1, count + 1)]
    units += [u.slug for u in d.STANDALONE_OIL_GAS_UNITS]
    names = {row["key"]: row["name"] for row in w.b.nodes[Label.ORGANIZATION]}
    stations = []
    for slug in units:
        remote = slug == d.REMOTE_UNIT
        station = w.b.node(
            Label.STATION,
            slug,
            name=f"{names[_o(slug)]}健康驿站",
            services=["健康监测", "健康干预", "健康教育", "健康评估"],
            roundTheClock=remote,
            openedOn=date(2021, 3, 1),
        )
        w.b.link(Rel.PART_OF, station, _o(slug))
        stations.append(station)
    # Two staff per station, two more at the remote Xinjiang one, one more at the first two: 86.
    postings = stations * 2 + [key(Label.STATION, d.REMOTE_UNIT)] * 2 + stations[:2]
    health = _o("health-services")
    for n, station in enumerate(postings, start=1):
        person = _person(w, f"health-staff-{n:02d}", (PersonRole.STAFF,), "健康管理师")
        w.b.link(Rel.STATIONED_AT, person, station)
        w.b.link(Rel.MEMBER_OF, person, health, role="MEMBER")


def _project(
    w: _World,
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
    status = ProjectStatus.COMPLETED if end is not None else ProjectStatus.IN_PROGRESS
    project = w.b.node(
        Label.PROJECT, slug, name=name, kind=kind.value, status=status.value, startDate=start,
        endDate=end, **props,
    )
    if area is not None:
        w.b.link(Rel.LOCATED_IN, project, area)
    if led_by is not None:
        w.b.link(Rel.LED_BY, project, led_by)
    return project


def _area_or_community(slug: str) -> str:
    known = {c.slug for c in d.COMMUNITIES}
    return _community(slug) if slug in known else _area(slug)


def _projects(w: _World) -> None:
    rng = random.Random(404)
    communities = [_community(c.slug) for c in d.COMMUNITIES]
    for slug, name, area, lead, served, start, end in d.LIVELIHOOD_PROJECTS:
        project = _project(w, slug, name, ProjectKind.LIVELIHOOD, start, end,
                           area=_area_or_community(area), led_by=_o(lead), peopleServed=served)
        scope = [c for c in communities if area == d.DISTRICT.slug or w.street_of[c] == _area(area)]
        for community in sorted(rng.sample(scope, min(len(scope), rng.randint(3, 8)))):
            w.b.link(Rel.AFFECTS, project, community)

    programme = _project(w, "specialized-services", "专业化服务进社区", ProjectKind.SERVICE_PROGRAM,
                         date(2019, 10, 1), None, area=_area(d.DISTRICT.slug),
                         led_by=_o(d.CENTER.slug),
                         motto="社区吹哨、专业化公司报到")
    for community in communities:
        w.b.link(Rel.AFFECTS, programme, community)
    _project(w, "health-stations", "健康驿站“项目+技术+服务”派驻", ProjectKind.SERVICE_PROGRAM,
             date(2021, 3, 1), None, led_by=_o("health-services"))
    _project(w, "childcare-program", "员工子女托管服务", ProjectKind.SERVICE_PROGRAM,
             date(2021, 7, 1), None, area=_area(d.DISTRICT.slug), led_by=_o("childcare"))
    yiyuan = _project(w, "yiyuan-renovation", "颐园小区改造提升", ProjectKind.RENOVATION,
                      date(2022, 2, 10), None, area=_community("yiyuan"),
                      led_by=_o("housing-bureau"), demolitionStartedOn=date(2022, 6, 15))
    w.b.link(Rel.AFFECTS, yiyuan, _community("yiyuan"))


def _relocation(w: _World) -> None:
    rng = random.Random(505)
    b = w.b
    dongxin = _area("dongxin")
    start = d.RELOCATION_START
    end = start + timedelta(days=d.RELOCATION_DAYS)
    renovation = _project(w, "dongxin-renovation", "东辛片区改造提升", ProjectKind.RENOVATION,
                          date(2023, 2, 1), None, area=dongxin, led_by=_o(d.GOVERNMENT.slug),
                          provincialUrbanRenewalPilot=True)
    relocation = _project(w, "dongxin-relocation", "东辛片区改造提升直属单位应急搬迁",
                          ProjectKind.RELOCATION, start, end, area=dongxin,
                          led_by=_o(d.CENTER.slug))
    b.link(Rel.PART_OF, relocation, renovation)

    elsewhere = [s for s in d.STREETS if s.slug != "dongxin"]
    new_sites: dict[str, str] = {}
    for unit in d.RELOCATING_UNITS:
        street = rng.choice(elsewhere)
        site = b.node(
            Label.SITE,
            f"new-{unit.slug}",
            name=f"{unit.name.removeprefix('胜利油田')}新址",
            kind=SiteKind.NEW_SITE.value,
            lat=round(street.lat + rng.uniform(-0.02, 0.02), 5),
            lon=round(street.lon + rng.uniform(-0.02, 0.02), 5),
        )
        b.link(Rel.OWNED_BY, site, _o(unit.slug))
        b.link(Rel.LOCATED_IN, site, _area(street.slug))
        new_sites[unit.slug] = site

    owners = [d.RELOCATING_UNITS[n % len(d.RELOCATING_UNITS)] for n in range(d.COMPOUND_COUNT)]
    weights = [rng.uniform(0.5, 1.5) for _ in owners]
    land = [round(d.RELOCATION_LAND_MU * wt / sum(weights), 1) for wt in weights]
    land[-1] = round(d.RELOCATION_LAND_MU - sum(land[:-1]), 1)
    move_days = sorted(rng.randint(3, d.RELOCATION_DAYS - 1) for _ in owners[1:])
    move_days.append(d.RELOCATION_DAYS)
    rng.shuffle(move_days)
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
        b.link(Rel.OWNED_BY, compound, _o(unit.slug))
        b.link(Rel.LOCATED_IN, compound, dongxin)
        b.link(Rel.RELOCATES, relocation, compound, movedOn=start + timedelta(days=day),
               toSite=new_sites[unit.slug])

    plan = [start - timedelta(days=days) for days in (16, 12, 7, 3)]
    plan += sorted(start + timedelta(days=rng.randint(0, d.RELOCATION_DAYS))
                   for _ in range(d.RELOCATION_MEETINGS - len(plan)))
    regulars = [_o(d.CENTER.slug), _o("housing-bureau"), _o(d.GOVERNMENT.slug)]
    for n, held in enumerate(plan, start=1):
        unit = d.RELOCATING_UNITS[(n - 1) % len(d.RELOCATING_UNITS)]
        others = rng.sample([u for u in d.RELOCATING_UNITS if u != unit], rng.randint(1, 3))
        decision = d.RELOCATION_DECISIONS[(n - 1) % len(d.RELOCATION_DECISIONS)]
        meeting = b.node(
            Label.MEETING,
            f"dongxin-{n:02d}",
            title=f"东辛片区直属单位搬迁协调会（第{n}次）",
            kind=MeetingKind.COORDINATION.value,
            heldOn=held,
            decision=decision.format(unit.name),
        )
        b.link(Rel.ABOUT, meeting, relocation)
        attendees = regulars[: 3 if n % 4 == 1 else 2] + [_o(u.slug) for u in (unit, *others)]
        for org in attendees:
            b.link(Rel.ATTENDED_BY, meeting, org)


def _path(
    reported: datetime,
    responded: datetime,
    *,
    reporter: str,
    dispatcher: str,
    lead: str,
    dispatch_note: str,
    resolved: datetime | None = None,
    closed: datetime | None = None,
    resolution: str = "",
    escalation: tuple[datetime, datetime, str] | None = None,
    until: IssueState | None = None,
) -> list[_Step]:
    """The full lifecycle (受理 → 核实 → 分类处理 → … → 结果反馈 → 办结), optionally cut short."""
    steps = [
        _Step(IssueState.RECEIVED, reported, "问题受理", reporter),
        _Step(IssueState.VERIFYING, responded, "审查核实", dispatcher),
        _Step(IssueState.DISPATCHED, responded + timedelta(hours=1),
              f"分类处理：{dispatch_note}", dispatcher),
        _Step(IssueState.ACCEPTED, responded + timedelta(hours=2), "接单", lead),
        _Step(IssueState.IN_PROGRESS, responded + timedelta(hours=3), "开始处置", lead),
    ]
    if escalation is not None:
        blown, resumed, note = escalation
        steps += [
            _Step(IssueState.ESCALATED, blown, f"吹哨：{note}", dispatcher),
            _Step(IssueState.IN_PROGRESS, resumed, "会商后继续处置", lead),
        ]
    if until is not None:
        return steps[: [s.state for s in steps].index(until) + 1]
    if resolved is None or closed is None:
        raise ValueError("a finished lifecycle needs resolved and closed times")
    return [
        *steps,
        _Step(IssueState.RESOLVED, resolved, f"结果反馈：{resolution}", lead),
        _Step(IssueState.CLOSED, closed, "回访办结，服务对象满意", dispatcher),
    ]


def _write_issue(w: _World, issue: _Issue) -> str:
    steps = issue.steps
    reported = steps[0].at
    resolved = [s.at for s in steps if s.state is IssueState.RESOLVED]
    closed = [s.at for s in steps if s.state is IssueState.CLOSED]
    rule = issue.rule
    issue_key = w.b.node(
        Label.ISSUE,
        issue.slug,
        title=issue.title,
        description=issue.description,
        state=steps[-1].state.value,
        channel=issue.channel.value,
        reportedAt=reported,
        respondedAt=steps[1].at if len(steps) > 1 else None,
        resolvedAt=resolved[-1] if resolved else None,
        closedAt=closed[-1] if closed else None,
        satisfaction=issue.satisfaction,
        peopleAffected=issue.people_affected,
        responseDueAt=reported + timedelta(hours=rule.response_hours) if rule else None,
        resolveDueAt=issue.resolve_due
        or (reported + timedelta(days=rule.resolve_days) if rule else None),
        **issue.extra,
    )
    w.b.link(Rel.IN_CATEGORY, issue_key, _cat(issue.category))
    if issue.area is not None:
        w.b.link(Rel.LOCATED_IN, issue_key, issue.area)
    if issue.reporter is not None:
        w.b.link(Rel.REPORTED, issue.reporter, issue_key, at=reported)
    via = rule.key if rule else None
    if issue.lead is not None:
        w.b.link(Rel.ASSIGNED_TO, issue_key, issue.lead, role="LEAD", viaRule=via)
    for assist in dict.fromkeys(a for a in issue.assists if a != issue.lead):
        w.b.link(Rel.ASSIGNED_TO, issue_key, assist, role="ASSIST", viaRule=via)
    w.events.walk(issue_key, steps)
    return issue_key


def _whistle(w: _World, issue_key: str, blown: datetime, reason: str,
             summoned: Sequence[str], rng: random.Random) -> None:
    slug = issue_key.removeprefix("issue/")
    whistle = w.b.node(Label.WHISTLE, slug, blownAt=blown, reason=reason)
    w.b.link(Rel.ABOUT, whistle, issue_key)
    for org in dict.fromkeys(summoned):
        reported = blown + timedelta(minutes=rng.randint(20, 240))
        w.b.link(Rel.SUMMONS, whistle, org, reportedAt=reported)


@dataclass(frozen=True)
class _Joint:
    template: d.JointTemplate
    place: str
    name: str
    area: str


def _joint_places(rng: random.Random) -> list[_Joint]:
    units = [*d.RELOCATING_UNITS, *d.OTHER_DIRECT_UNITS]
    communities = [c for c in d.COMMUNITIES if c.slug != d.UNOBSERVED_COMMUNITY]
    picked: list[_Joint] = []
    used: set[tuple[str, str]] = set()
    while len(picked) < d.JOINT_ISSUES:
        template = d.JOINT_TEMPLATES[len(picked) % len(d.JOINT_TEMPLATES)]
        if template.at_unit:
            unit = rng.choice(units)
            area = _area("dongxin" if unit in d.RELOCATING_UNITS else d.DISTRICT.slug)
            joint = _Joint(template, _o(unit.slug), unit.name, area)
        else:
            community = rng.choice(communities)
            place = _community(community.slug)
            joint = _Joint(template, place, community.name, place)
        if (template.title, joint.place) not in used:
            used.add((template.title, joint.place))
            picked.append(joint)
    return picked


def _joint_issues(w: _World) -> None:
    """50+ issues settled at enterprise–government joint meetings since 2023, three per meeting."""
    rng = random.Random(606)
    center, government = _o(d.CENTER.slug), _o(d.GOVERNMENT.slug)
    picked = _joint_places(rng)
    for n, start in enumerate(range(0, len(picked), 3), start=1):
        held = date(2023, 2, 15) + timedelta(days=28 * (n - 1))
        council = n % 2 == 1
        batch = picked[start : start + 3]
        topic = next(c.name for c in d.CATEGORIES if c.slug == batch[0].template.category)
        meeting = w.b.node(
            Label.MEETING,
            f"joint-{n:02d}",
            title=f"{held.year}年企地联席会（第{n}次）" if council else f"{topic}问题企地座谈会",
            kind=MeetingKind.JOINT.value,
            heldOn=held,
            decision="；".join(f"{j.template.title.format(j.name)}：明确责任单位和完成时限"
                              for j in batch),
        )
        attendees = [center, government] if council else [center]
        for offset, joint in enumerate(batch, start=start + 1):
            issue_key, orgs = _joint_issue(w, rng, offset, joint, held)
            w.b.link(Rel.RESOLVED, meeting, issue_key)
            attendees += orgs
        for org in dict.fromkeys(attendees):
            w.b.link(Rel.ATTENDED_BY, meeting, org)


def _joint_issue(
    w: _World, rng: random.Random, n: int, joint: _Joint, held: date
) -> tuple[str, list[str]]:
    """One joint issue; returns its key and the organizations that came to settle it."""
    center = _o(d.CENTER.slug)
    reported = _on(held - timedelta(days=rng.randint(10, 40)), rng.randint(8, 16),
                   rng.randint(0, 59))
    responded = reported + timedelta(minutes=rng.randint(20, 240))
    rule = w.route(_cat(joint.template.category), joint.area, reported.date())
    assists = (*(_o(a) for a in joint.template.assists), *rule.assists)
    if joint.template.at_unit:
        channel = Channel.VISIT
        reporter: str | None = w.coordinator_of.get(joint.area, w.coordinator_of[_area("dongxin")])
    else:
        channel = rng.choice((Channel.OBSERVER, Channel.OBSERVER, Channel.QR_CODE, Channel.PHONE))
        reporter = w.observer_of[joint.area] if channel is Channel.OBSERVER else None
    escalated = n % 3 == 0
    blown = responded + timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 5))
    resumed = _on(held, 17)
    resolved = resumed + timedelta(days=rng.randint(3, 25), hours=rng.randint(-6, 0))
    title = joint.template.title.format(joint.name)
    issue_key = _write_issue(w, _Issue(
        slug=f"joint-{n:03d}",
        title=title,
        channel=channel,
        category=joint.template.category,
        area=joint.area,
        reporter=reporter,
        lead=rule.lead,
        assists=assists,
        rule=rule,
        satisfaction=rng.choice((4, 5, 5, 5)),
        steps=_path(
            reported, responded, reporter=reporter or center, dispatcher=center, lead=rule.lead,
            dispatch_note="提交企地联席会商", resolved=resolved,
            closed=resolved + timedelta(days=rng.randint(1, 4)), resolution="经企地联合会商解决",
            escalation=(blown, resumed, "专业化公司和政府部门报到") if escalated else None,
        ),
        extra={"jointCoordination": True},
    ))
    if escalated:
        _whistle(w, issue_key, blown, title, (rule.lead, *assists), rng)
    orgs = [rule.lead, *assists]
    if joint.template.at_unit:
        orgs.append(joint.place)
    return issue_key, orgs


def _ruijing(w: _World) -> None:
    """The observer-reported medical-insurance problem of 瑞景社区, settled by a joint meeting."""
    rng = random.Random(707)
    center = _o(d.CENTER.slug)
    community = _community("ruijing")
    observer = w.observer_of[community]
    rule = w.route(_cat("medical-insurance"), community, date(2023, 5, 8))
    bureau, health = _o("medical-insurance-bureau"), _o("health-commission")
    blown = at(2023, 5, 12, 16)
    issue_key = _write_issue(w, _Issue(
        slug="ruijing-medical-insurance",
        title="油田医保在瑞景社区周边无法结算",
        description="瑞景社区居民多年无法使用油田医保结算，困扰近千名油田员工看病就医；"
        "幸福观察员反馈后，企地相关部门会商攻关解决。",
        channel=Channel.OBSERVER,
        category="medical-insurance",
        area=community,
        reporter=observer,
        lead=rule.lead,
        assists=(bureau, health),
        rule=rule,
        satisfaction=5,
        people_affected=1000,
        steps=_path(
            at(2023, 5, 8, 9, 20), at(2023, 5, 8, 10, 5), reporter=observer, dispatcher=center,
            lead=rule.lead, dispatch_note="派单至胜利油田社会保险中心，区医保局协办",
            escalation=(blown, at(2023, 5, 25, 17, 30), "区医保局、区卫健局报到会商"),
            resolved=at(2023, 6, 20, 10), closed=at(2023, 6, 28, 15),
            resolution="瑞景社区周边定点医疗机构开通油田医保直接结算",
        ),
        extra={"jointCoordination": True},
    ))
    _whistle(w, issue_key, blown, "瑞景社区油田医保无法结算", (rule.lead, bureau, health), rng)
    meeting = w.b.node(
        Label.MEETING,
        "ruijing-medical-insurance",
        title="瑞景社区油田医保结算企地座谈会",
        kind=MeetingKind.JOINT.value,
        heldOn=date(2023, 5, 25),
        decision="区医保局将瑞景社区周边定点医疗机构纳入油田医保直接结算范围，自6月20日起执行",
    )
    w.b.link(Rel.RESOLVED, meeting, issue_key)
    for org in (center, rule.lead, bureau, health, _o("district-central-hospital"),
                _o(d.GOVERNMENT.slug)):
        w.b.link(Rel.ATTENDED_BY, meeting, org)


def _employee_services(w: _World) -> None:
    """The two service stories of the 2022 newspaper report, with invented names."""
    caller = _person(w, "former-employee", (PersonRole.RESIDENT,), "离职员工")
    hall = _o("shengjian-hall")
    _write_issue(w, _Issue(
        slug="housing-fund-inquiry",
        title="离职员工查询公积金账户资料",
        description="离职16年的员工从北京来电查询公积金账户，工作人员辗转多家单位找到有关资料。",
        channel=Channel.PHONE,
        category="housing-fund",
        reporter=caller,
        lead=hall,
        satisfaction=5,
        steps=_path(
            at(2022, 1, 12, 10, 30), at(2022, 1, 12, 11), reporter=caller, dispatcher=hall,
            lead=hall, dispatch_note="胜建大厦员工服务大厅承办", resolved=at(2022, 1, 26, 16),
            closed=at(2022, 1, 27, 9), resolution="找到公积金账户资料并告知本人",
        ),
    ))
    xinghe = _community("xinghe")
    resident = _person(w, "xinghe-resident", (PersonRole.RESIDENT,), "兴河小区居民")
    rule = w.route(_cat("property-registration"), xinghe, date(2022, 6, 6))
    _write_issue(w, _Issue(
        slug="xinghe-property-registration",
        title="行动不便老人申请不动产登记需上门办理",
        description="居民之父年事已高、行动不便，无法到窗口办理不动产登记；开通绿色通道上门办理。",
        channel=Channel.ON_SITE,
        category="property-registration",
        area=xinghe,
        reporter=resident,
        lead=rule.lead,
        rule=rule,
        satisfaction=5,
        steps=[
            _Step(IssueState.RECEIVED, at(2022, 6, 6, 9, 10), "窗口受理", resident),
            _Step(IssueState.VERIFYING, at(2022, 6, 6, 9, 15), "核实老人行动不便", rule.lead),
            _Step(IssueState.DISPATCHED, at(2022, 6, 6, 9, 20), "开通绿色通道", rule.lead),
            _Step(IssueState.ACCEPTED, at(2022, 6, 6, 9, 25), "接单", rule.lead),
            _Step(IssueState.IN_PROGRESS, at(2022, 6, 6, 10), "上门采集信息", rule.lead),
            _Step(IssueState.RESOLVED, at(2022, 6, 6, 10, 18), "完成登记，不到20分钟", rule.lead),
            _Step(IssueState.CLOSED, at(2022, 6, 7, 10), "回访办结，全家满意", rule.lead),
        ],
    ))


def _railway(w: _World) -> None:
    """The railway project's multi-channel intake and five-step closed loop; names invented."""
    center = _o("kangyu-service-center")
    people = {
        slug: _person(w, f"kangyu-{slug}", roles, title)
        for slug, roles, title in (
            ("secretary", (PersonRole.STAFF, PersonRole.PARTY_MEMBER), "项目党支部书记"),
            ("tunnel-6-lead", (PersonRole.STAFF,), "隧道六队负责人"),
            ("bridge-2-foreman", (PersonRole.STAFF,), "班组长"),
            ("work-area-2-lead", (PersonRole.STAFF, PersonRole.PARTY_MEMBER), "二工区负责人"),
            ("office-director", (PersonRole.STAFF, PersonRole.PARTY_MEMBER), "综合办公室主任"),
            ("labor-clerk", (PersonRole.STAFF,), "计划部劳资专员"),
            ("safety-officer", (PersonRole.STAFF,), "安全部安全员"),
        )
    }
    for slug, org in (("secretary", "kangyu-party-branch"), ("tunnel-6-lead", "kangyu-tunnel-6"),
                      ("bridge-2-foreman", "kangyu-bridge-2"),
                      ("work-area-2-lead", "kangyu-work-area-2"),
                      ("office-director", "kangyu-office"), ("labor-clerk", "kangyu-planning"),
                      ("safety-officer", "kangyu-safety")):
        role = "LEADER" if slug.endswith("lead") else "MEMBER"
        w.b.link(Rel.MEMBER_OF, people[slug], _o(org), role=role)

    # slug, title, channel, category, reporter, lead, reported, resolved after hours, resolution
    cases = (
        ("heat-relief", "一线工友需要防暑降温物品", Channel.QR_CODE, "heat-relief", "tunnel-6-lead",
         center, at(2023, 7, 18, 9, 40), 30, "第二天下午送来西瓜、绿豆和白糖，17个劳务队全覆盖"),
        ("real-name-registration", "新进场工人需往返项目部录入劳务实名制信息", Channel.ON_SITE,
         "labor-registration", "bridge-2-foreman", _o("kangyu-planning"), at(2023, 7, 24, 8, 30),
         6, "劳资专员到工点现场录入实名制信息"),
        ("remote-shopping", "偏远工点职工购物难", Channel.SUGGESTION_BOX, "shopping",
         "bridge-2-foreman", _o("kangyu-office"), at(2023, 7, 26, 18), 240,
         "在施工一线设置物美价廉的社区超市"),
        ("dormitory-hot-water", "二工区工友宿舍热水供应不足", Channel.PHONE, "worker-dining",
         "tunnel-6-lead", _o("kangyu-work-area-2"), at(2023, 8, 2, 20, 15), 20,
         "更换宿舍热水器并调整供水时段"),
        ("shotcrete-training", "余家梁隧道1号横洞喷浆班组需要安全质量培训", Channel.ON_SITE,
         "safety-training", "work-area-2-lead", _o("kangyu-safety"), at(2023, 8, 8, 22), 14,
         "包保夜巡时安全部到班组现场培训"),
    )
    for slug, title, channel, category, reporter, lead, reported, hours, resolution in cases:
        resolved = reported + timedelta(hours=hours)
        issue_key = _write_issue(w, _Issue(
            slug=f"kangyu-{slug}",
            title=title,
            channel=channel,
            category=category,
            reporter=people[reporter],
            lead=lead,
            satisfaction=5,
            steps=_path(
                reported, reported + timedelta(minutes=40), reporter=people[reporter],
                dispatcher=center, lead=lead, dispatch_note="转责任部门办理", resolved=resolved,
                closed=resolved + timedelta(hours=3), resolution=resolution,
            ),
        ))
        if slug == "heat-relief":
            for team in d.LABOR_TEAMS:
                w.b.link(Rel.AFFECTS, issue_key, _o(f"kangyu-{team.slug}"))

    # Not satisfied with the first answer, the reporter's feedback sends it round again (整改提升).
    office = _o("kangyu-office")
    reported = at(2023, 8, 14, 12, 10)
    first = _path(reported, reported + timedelta(minutes=30), reporter=people["tunnel-6-lead"],
                  dispatcher=center, lead=office, dispatch_note="转综合办公室办理",
                  until=IssueState.IN_PROGRESS)
    _write_issue(w, _Issue(
        slug="kangyu-canteen-menu",
        title="职工餐厅菜品单一",
        channel=Channel.QR_CODE,
        category="worker-dining",
        reporter=people["tunnel-6-lead"],
        lead=office,
        satisfaction=5,
        steps=[
            *first,
            _Step(IssueState.RESOLVED, at(2023, 8, 16, 11), "结果反馈：调整每周菜谱", office),
            _Step(IssueState.REOPENED, at(2023, 8, 18, 9), "整改提升：工友反映仍缺少水果奶类",
                  people["tunnel-6-lead"]),
            _Step(IssueState.IN_PROGRESS, at(2023, 8, 18, 10), "整改提升", office),
            _Step(IssueState.RESOLVED, at(2023, 8, 21, 12), "结果反馈：餐厅每日供应牛奶和新鲜水果",
                  office),
            _Step(IssueState.CLOSED, at(2023, 8, 22, 9), "回访办结，服务对象满意", center),
        ],
    ))


def _branch_visits(w: _World) -> None:
    """The office party branch's four groups, weekly frontline visits and what they raised."""
    rng = random.Random(909)
    branch = _o("huantou-office-branch")
    groups = []
    for n, numeral in enumerate("一二三四", start=1):
        leader = _person(w, f"huantou-leader-{n}", (PersonRole.PARTY_MEMBER,), "班子成员、组长")
        w.b.link(Rel.MEMBER_OF, leader, branch, role="LEADER")
        group = w.b.node(Label.VISIT_GROUP, f"huantou-{n}", name=f"第{numeral}小组",
                         cadence="WEEKLY", programme="机关走一线，服务送基层")
        w.b.link(Rel.LED_BY, group, leader)
        w.b.link(Rel.PART_OF, group, branch)
        groups.append(group)
    visits = []
    for n, visit in enumerate(d.BRANCH_VISITS, start=1):
        visit_key = w.b.node(Label.VISIT, f"huantou-{n:02d}", visitedOn=visit.on,
                             memberCount=visit.members, summary="座谈交流、实地踏查、征集意见建议")
        w.b.link(Rel.CONDUCTED_BY, visit_key, groups[visit.group - 1])
        w.b.link(Rel.VISITED, visit_key, _o(visit.unit))
        visits.append(visit_key)

    for n, (index, title, dept) in enumerate(d.BRANCH_SUGGESTIONS, start=1):
        reported = _on(d.BRANCH_VISITS[index].on, 10, 10 * n)
        issue_key = _write_issue(w, _Issue(
            slug=f"huantou-suggestion-{n}",
            title=title,
            channel=Channel.VISIT,
            category="opinions",
            lead=_o(dept),
            resolve_due=reported + timedelta(days=30),
            steps=_path(reported, reported + timedelta(hours=4), reporter=branch,
                        dispatcher=branch, lead=_o(dept), dispatch_note="带回党支部协调",
                        until=IssueState.IN_PROGRESS),
        ))
        w.b.link(Rel.RAISED_DURING, issue_key, visits[index])

    for n, (index, title, category, dept, on_the_spot) in enumerate(d.BRANCH_PROBLEMS, start=1):
        reported = _on(d.BRANCH_VISITS[index].on, 10, 5 * n)
        if on_the_spot:
            steps = [
                _Step(IssueState.RECEIVED, reported, "座谈中提出", branch),
                _Step(IssueState.RESOLVED, reported + timedelta(minutes=40), "当场予以解决",
                      _o(dept)),
                _Step(IssueState.CLOSED, reported + timedelta(hours=2), "已向服务对象反馈", branch),
            ]
        else:
            resolved = reported + timedelta(days=rng.randint(3, 12))
            steps = _path(reported, reported + timedelta(hours=4), reporter=branch,
                          dispatcher=branch, lead=_o(dept), dispatch_note="带回党支部协调",
                          resolved=resolved, closed=resolved + timedelta(days=1),
                          resolution="规定时限内解决，已向服务对象反馈")
        issue_key = _write_issue(w, _Issue(
            slug=f"huantou-problem-{n:02d}",
            title=title,
            channel=Channel.VISIT,
            category=category,
            lead=_o(dept),
            satisfaction=rng.choice((4, 5, 5)),
            resolve_due=reported + timedelta(days=14),
            steps=steps,
        ))
        w.b.link(Rel.RAISED_DURING, issue_key, visits[index])


def _union(w: _World) -> None:
    """The union's rationalisation proposals: eight collected for the center, two implemented."""
    rng = random.Random(1010)
    union, department = _o("gangqu-mining-union"), _o("gangqu-mining-services")
    center = _o("gangqu-center")
    for n, (title, implemented) in enumerate(d.UNION_SUGGESTIONS, start=1):
        member = _person(w, f"gangqu-member-{n}", (PersonRole.STAFF,), "职工")
        w.b.link(Rel.MEMBER_OF, member, department, role="MEMBER")
        reported = at(2022, 3 + (n - 1) % 6, rng.randint(1, 28), rng.randint(9, 16))
        lead = department if implemented else center
        resolved = reported + timedelta(days=rng.randint(10, 30))
        _write_issue(w, _Issue(
            slug=f"union-suggestion-{n:02d}",
            title=title,
            channel=Channel.SUGGESTION_BOX,
            category="suggestions",
            reporter=member,
            lead=lead,
            satisfaction=5 if implemented else None,
            people_affected=3 if n == 1 else None,
            steps=_path(
                reported, reported + timedelta(days=1), reporter=member, dispatcher=union,
                lead=lead, dispatch_note="部门实施" if implemented else "报送中心层面研究",
                resolved=resolved if implemented else None,
                closed=resolved + timedelta(days=2) if implemented else None,
                resolution="建议已实施并在全中心推广" if implemented else "",
                until=None if implemented else IssueState.DISPATCHED,
            ),
        ))


_SATISFACTION_WEIGHTS = (
    (6, 9, 20, 35, 30),
    (4, 7, 17, 37, 35),
    (3, 5, 14, 36, 42),
    (2, 3, 10, 35, 50),
    (1, 2, 7, 30, 60),
    (1, 1, 4, 24, 70),
)
_RESPONSE_MINUTES = (480, 300, 180, 120, 75, 45)
_RESOLVE_HOURS = (150, 110, 80, 60, 45, 36)
_DEMOLISHED = at(2022, 6, 15)


def _hotline(w: _World) -> None:
    """Historic 12345-hotline issues, lean: no events, but enough timestamps for the three rates."""
    rng = random.Random(1111)
    topics = [(slug, phrases) for slug, _, phrases in d.HOTLINE_TOPICS]
    topic_weights = list(accumulate(weight for _, weight, _ in d.HOTLINE_TOPICS))
    communities = list(d.COMMUNITIES)
    weights = [rng.uniform(0.4, 2.0) for _ in communities]
    before = list(accumulate(weights))
    after = list(accumulate(0.0 if c.slug == "yiyuan" else wt
                            for c, wt in zip(communities, weights, strict=True)))
    for y, (year, count) in enumerate(d.HOTLINE_VOLUME):
        first = at(year, 1, 1, 0)
        span = int((at(year + 1, 1, 1, 0) - first).total_seconds())
        times = sorted(first + timedelta(seconds=rng.randrange(span)) for _ in range(count))
        for n, reported in enumerate(times, start=1):
            slug, phrases = rng.choices(topics, cum_weights=topic_weights)[0]
            cum = before if reported < _DEMOLISHED else after
            community = rng.choices(communities, cum_weights=cum)[0]
            _hotline_issue(w, rng, f"hotline-{year}-{n:05d}", y, reported, slug,
                           f"{community.name}{rng.choice(phrases)}", _community(community.slug))


def _hotline_issue(w: _World, rng: random.Random, slug: str, y: int, reported: datetime,
                   category: str, title: str, area: str) -> None:
    minutes = max(5, int(rng.expovariate(1 / _RESPONSE_MINUTES[y])))
    responded = reported + timedelta(minutes=minutes)
    props: Row = {"title": title, "channel": Channel.HOTLINE.value, "reportedAt": reported,
                  "respondedAt": responded}
    draw = rng.random()
    rule: _Rule | None = None
    if draw < 0.012:
        props["state"] = IssueState.DUPLICATE.value
    elif draw < 0.022:
        props["state"] = IssueState.REJECTED.value
    elif draw < 0.03:
        props["state"] = IssueState.REFERRED_OUT.value
    else:
        rule = w.route(_cat(category), area, reported.date())
        props["responseDueAt"] = reported + timedelta(hours=rule.response_hours)
        props["resolveDueAt"] = reported + timedelta(days=rule.resolve_days)
        resolved = responded + timedelta(hours=rng.gammavariate(2.0, _RESOLVE_HOURS[y] / 2))
        closed = resolved + timedelta(hours=rng.uniform(4, 72))
        if resolved >= CUTOFF:
            props["state"] = IssueState.IN_PROGRESS.value
        else:
            props["resolvedAt"] = resolved
            props["satisfaction"] = rng.choices(range(1, 6), _SATISFACTION_WEIGHTS[y])[0]
            if closed < CUTOFF:
                props["state"], props["closedAt"] = IssueState.CLOSED.value, closed
            else:
                props["state"] = IssueState.RESOLVED.value
    issue_key = w.b.node(Label.ISSUE, slug, **props)
    w.b.link(Rel.IN_CATEGORY, issue_key, _cat(category))
    w.b.link(Rel.LOCATED_IN, issue_key, area)
    if rule is not None:
        w.b.link(Rel.ASSIGNED_TO, issue_key, rule.lead, role="LEAD", viaRule=rule.key)


def _observations(w: _World) -> None:
    for figure in d.FIGURES:
        if w.b.labels.get(figure.about_key) is not figure.about_label:
            raise ValueError(f"{figure.indicator} is about a missing {figure.about_key}")
        observation = w.b.node(
            Label.OBSERVATION,
            figure.indicator.replace("_", "-"),
            indicator=figure.indicator,
            label=figure.label,
            value=float(figure.value),
            qualifier=figure.qualifier.value,
            unit=figure.unit,
            source=figure.source,
        )
        w.b.link(Rel.ABOUT, observation, figure.about_key)


def build_demo_graph() -> DemoGraph:
    """The whole demo graph as rows; pure and deterministic."""
    w = _World()
    _areas(w)
    _organizations(w)
    _categories(w)
    _people(w)
    _rules(w)
    _stations(w)
    _projects(w)
    _relocation(w)
    _ruijing(w)
    _joint_issues(w)
    _employee_services(w)
    _railway(w)
    _branch_visits(w)
    _union(w)
    _hotline(w)
    _observations(w)
    w.events.emit(w.b)
    return w.b.graph()


async def seed(store: Neo4jStore, progress: Progress | None = None) -> SeedReport:
    """Write the demo graph through the store, nodes first; MERGE makes a second run a no-op."""
    started = time.perf_counter()
    graph = build_demo_graph()
    await store.ensure_schema()
    total, done = graph.node_count() + graph.relationship_count(), 0
    nodes: dict[str, int] = {}
    for label, rows in graph.nodes.items():
        nodes[label.value] = await store.upsert_nodes(label, rows)
        done += len(rows)
        if progress is not None:
            progress(label.value, done, total)
    relationships: dict[str, int] = {}
    for (rel, start, end), rows in graph.relationships.items():
        written = await store.upsert_relationships(rel, start, end, rows)
        relationships[rel.value] = relationships.get(rel.value, 0) + written
        done += len(rows)
        if progress is not None:
            progress(f"{start}-{rel}->{end}", done, total)
    return SeedReport(nodes, relationships, time.perf_counter() - started)
