"""Enterprise–government coordination: 瑞景社区's issue and the others settled at joint meetings."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from demo import keys
from demo.categories import CATEGORIES
from demo.clock import at, on
from demo.decisions import decide
from demo.issues import Issue, whistle, write_issue
from demo.lifecycle import path
from demo.organizations import CENTER, GOVERNMENT, OTHER_DIRECT_UNITS, RELOCATING_UNITS
from demo.places import COMMUNITIES, DISTRICT, UNOBSERVED_COMMUNITY
from demo.world import World
from graph.model import Channel, Label, MeetingKind, Rel

JOINT_ISSUES = 53


class JointTemplate(NamedTuple):
    """A kind of problem settled at an enterprise–government meeting."""

    title: str
    category: str
    at_unit: bool
    assists: tuple[str, ...]


# The first two are the report's own examples: canteen dining and sewage discharge.
JOINT_TEMPLATES: tuple[JointTemplate, ...] = (
    JointTemplate("{}职工食堂就餐难", "dining", True, ("civil-affairs-bureau",)),
    JointTemplate("{}生活污水外排", "sewage", False, ("water-bureau", "law-enforcement-bureau")),
    JointTemplate("{}厂区污水外排未接入市政管网", "sewage", True, ("water-bureau",)),
    JointTemplate("{}雨后道路积水", "drainage", False, ("housing-bureau",)),
    JointTemplate("{}冬季供暖温度不达标", "heating", False, ("housing-bureau",)),
    JointTemplate("{}垃圾清运不及时", "garbage", False, ("law-enforcement-bureau",)),
    JointTemplate("{}老旧电梯频繁停运", "elevator", False, ("housing-bureau",)),
    JointTemplate("{}周边公交站点撤并出行不便", "bus", False, ("housing-bureau",)),
    JointTemplate("{}适龄儿童就近入学难", "enrollment", False, ("civil-affairs-bureau",)),
    JointTemplate("{}停车位不足车辆乱停", "parking", False, ("law-enforcement-bureau",)),
    JointTemplate("{}供电线路迁改", "power", True, ("housing-bureau",)),
    JointTemplate("{}燃气管道老化存在隐患", "gas", False, ("housing-bureau",)),
    JointTemplate("{}周边缺少社区卫生服务站", "medical-care", False, ("civil-affairs-bureau",)),
    JointTemplate("{}职工子女托管需求", "childcare", True, ("education-bureau",)),
    JointTemplate("{}二次供水水质浑浊", "water-supply", False, ("water-bureau",)),
)


@dataclass(frozen=True)
class _Joint:
    template: JointTemplate
    place: str
    name: str
    area: str


def build(w: World) -> None:
    """Add the 瑞景社区 issue, then the joint meetings and the issues they settled."""
    _ruijing(w)
    _joint_issues(w)


def _ruijing(w: World) -> None:
    """The observer-reported medical-insurance problem of 瑞景社区, settled by a joint meeting."""
    rng = random.Random(707)
    center = keys.org(CENTER.slug)
    community = keys.community("ruijing")
    observer = w.observer_of[community]
    rule = w.route(keys.category("medical-insurance"), community, date(2023, 5, 8))
    bureau, health = keys.org("medical-insurance-bureau"), keys.org("health-commission")
    blown = at(2023, 5, 12, 16)
    issue_key = write_issue(
        w,
        Issue(
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
            steps=path(
                at(2023, 5, 8, 9, 20),
                at(2023, 5, 8, 10, 5),
                reporter=observer,
                dispatcher=center,
                lead=rule.lead,
                dispatch_note="派单至胜利油田社会保险中心，区医保局协办",
                escalation=(blown, at(2023, 5, 25, 17, 30), "区医保局、区卫健局报到会商"),
                resolved=at(2023, 6, 20, 10),
                closed=at(2023, 6, 28, 15),
                resolution="瑞景社区周边定点医疗机构开通油田医保直接结算",
            ),
            extra={"jointCoordination": True},
        ),
    )
    whistle(w, issue_key, blown, "瑞景社区油田医保无法结算", (rule.lead, bureau, health), rng)
    meeting = w.b.node(
        Label.MEETING,
        "ruijing-medical-insurance",
        title="瑞景社区油田医保结算企地座谈会",
        kind=MeetingKind.JOINT.value,
        heldOn=date(2023, 5, 25),
    )
    decide(
        w,
        meeting,
        1,
        "区医保局将瑞景社区周边定点医疗机构纳入油田医保直接结算范围，自6月20日起执行",
        resolves=(issue_key,),
    )
    for org in (
        center,
        rule.lead,
        bureau,
        health,
        keys.org("district-central-hospital"),
        keys.org(GOVERNMENT.slug),
    ):
        w.b.link(Rel.ATTENDED_BY, meeting, org)


def _joint_issues(w: World) -> None:
    """50+ issues settled at enterprise–government joint meetings since 2023, three per meeting."""
    rng = random.Random(606)
    center, government = keys.org(CENTER.slug), keys.org(GOVERNMENT.slug)
    picked = _joint_places(rng)
    for n, start in enumerate(range(0, len(picked), 3), start=1):
        held = date(2023, 2, 15) + timedelta(days=28 * (n - 1))
        council = n % 2 == 1
        batch = picked[start : start + 3]
        topic = next(c.name for c in CATEGORIES if c.slug == batch[0].template.category)
        meeting = w.b.node(
            Label.MEETING,
            f"joint-{n:02d}",
            title=f"{held.year}年企地联席会（第{n}次）" if council else f"{topic}问题企地座谈会",
            kind=MeetingKind.JOINT.value,
            heldOn=held,
        )
        attendees = [center, government] if council else [center]
        # One decision per issue settled: who is responsible for it, and by when.
        for seq, joint in enumerate(batch, start=1):
            issue_key, orgs = _joint_issue(w, rng, start + seq, joint, held)
            text = f"{joint.template.title.format(joint.name)}：明确责任单位和完成时限"
            decide(w, meeting, seq, text, resolves=(issue_key,))
            attendees += orgs
        for org in dict.fromkeys(attendees):
            w.b.link(Rel.ATTENDED_BY, meeting, org)


def _joint_places(rng: random.Random) -> list[_Joint]:
    units = [*RELOCATING_UNITS, *OTHER_DIRECT_UNITS]
    communities = [c for c in COMMUNITIES if c.slug != UNOBSERVED_COMMUNITY]
    picked: list[_Joint] = []
    used: set[tuple[str, str]] = set()
    while len(picked) < JOINT_ISSUES:
        template = JOINT_TEMPLATES[len(picked) % len(JOINT_TEMPLATES)]
        if template.at_unit:
            unit = rng.choice(units)
            area = keys.area("dongxin" if unit in RELOCATING_UNITS else DISTRICT.slug)
            joint = _Joint(template, keys.org(unit.slug), unit.name, area)
        else:
            community = rng.choice(communities)
            place = keys.community(community.slug)
            joint = _Joint(template, place, community.name, place)
        if (template.title, joint.place) not in used:
            used.add((template.title, joint.place))
            picked.append(joint)
    return picked


def _joint_issue(
    w: World, rng: random.Random, n: int, joint: _Joint, held: date
) -> tuple[str, list[str]]:
    """One joint issue; returns its key and the organizations that came to settle it."""
    center = keys.org(CENTER.slug)
    reported = on(
        held - timedelta(days=rng.randint(10, 40)), rng.randint(8, 16), rng.randint(0, 59)
    )
    responded = reported + timedelta(minutes=rng.randint(20, 240))
    rule = w.route(keys.category(joint.template.category), joint.area, reported.date())
    assists = (*(keys.org(a) for a in joint.template.assists), *rule.assists)
    if joint.template.at_unit:
        channel = Channel.VISIT
        reporter: str | None = w.coordinator_of.get(
            joint.area, w.coordinator_of[keys.area("dongxin")]
        )
    else:
        channel = rng.choice((Channel.OBSERVER, Channel.OBSERVER, Channel.QR_CODE, Channel.PHONE))
        reporter = w.observer_of[joint.area] if channel is Channel.OBSERVER else None
    escalated = n % 3 == 0
    blown = responded + timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 5))
    resumed = on(held, 17)
    resolved = resumed + timedelta(days=rng.randint(3, 25), hours=rng.randint(-6, 0))
    title = joint.template.title.format(joint.name)
    issue_key = write_issue(
        w,
        Issue(
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
            steps=path(
                reported,
                responded,
                reporter=reporter or center,
                dispatcher=center,
                lead=rule.lead,
                dispatch_note="提交企地联席会商",
                resolved=resolved,
                closed=resolved + timedelta(days=rng.randint(1, 4)),
                resolution="经企地联合会商解决",
                escalation=(blown, resumed, "专业化公司和政府部门报到") if escalated else None,
            ),
            extra={"jointCoordination": True},
        ),
    )
    if escalated:
        whistle(w, issue_key, blown, title, (rule.lead, *assists), rng)
    orgs = [rule.lead, *assists]
    if joint.template.at_unit:
        orgs.append(joint.place)
    return issue_key, orgs
