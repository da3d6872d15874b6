"""The 12345 hotline: six years of historic issues, routed by the rules."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from itertools import accumulate

from demo import keys
from demo.builder import Row
from demo.clock import TZ, at
from demo.places import COMMUNITIES
from demo.routing import Rule
from demo.world import World
from graph.model import Channel, IssueState, Label, Rel

# Hotline issues still open at this instant stay open; it is the demo's "as of".
CUTOFF = datetime(2025, 1, 1, tzinfo=TZ)

# What residents call the hotline about, per leaf category, with relative frequency.
HOTLINE_TOPICS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("elevator", 9, ("电梯故障停运", "电梯异响", "电梯年检超期")),
    ("building-repair", 10, ("楼顶漏雨", "外墙脱落", "楼道窗户破损")),
    ("parking", 6, ("车辆乱停乱放", "停车位不足", "消防通道被占")),
    ("lighting", 5, ("楼道灯不亮", "路灯损坏")),
    ("water-supply", 9, ("停水未提前通知", "自来水浑浊", "水压不足")),
    ("sewage", 6, ("污水井冒溢", "下水道堵塞", "化粪池外溢")),
    ("drainage", 3, ("雨后积水", "雨水管道淤堵")),
    ("heating", 12, ("暖气不热", "供暖管道漏水", "供暖费缴纳")),
    ("power", 5, ("频繁停电", "电表故障")),
    ("gas", 4, ("燃气管道老化", "燃气表故障")),
    ("garbage", 8, ("垃圾清运不及时", "垃圾桶破损")),
    ("greening", 3, ("树木遮挡采光", "绿地杂草丛生")),
    ("bus", 3, ("公交线路调整", "公交站点撤并")),
    ("roads", 4, ("道路破损", "人行道不平")),
    ("medical-insurance", 3, ("医保异地结算", "医保报销")),
    ("medical-care", 2, ("社区卫生站就医不便",)),
    ("enrollment", 2, ("子女就近入学",)),
    ("childcare", 1, ("子女托管名额",)),
    ("dining", 1, ("社区食堂就餐",)),
    ("housing-fund", 1, ("公积金提取",)),
    ("property-registration", 1, ("不动产登记办理",)),
    ("retiree-services", 2, ("离退休人员待遇", "老年活动场所")),
)

# Hotline issues per year: from 10,000+ (2019) to under 1,000 (2024), strictly declining.
HOTLINE_VOLUME: tuple[tuple[int, int], ...] = (
    (2019, 10462),
    (2020, 8175),
    (2021, 5318),
    (2022, 3046),
    (2023, 1587),
    (2024, 968),
)

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


def build(w: World) -> None:
    """Historic 12345-hotline issues, lean: no events, but enough timestamps for the three rates."""
    rng = random.Random(1111)
    topics = [(slug, phrases) for slug, _, phrases in HOTLINE_TOPICS]
    topic_weights = list(accumulate(weight for _, weight, _ in HOTLINE_TOPICS))
    communities = list(COMMUNITIES)
    weights = [rng.uniform(0.4, 2.0) for _ in communities]
    before = list(accumulate(weights))
    after = list(
        accumulate(
            0.0 if c.slug == "yiyuan" else wt for c, wt in zip(communities, weights, strict=True)
        )
    )
    for y, (year, count) in enumerate(HOTLINE_VOLUME):
        first = at(year, 1, 1, 0)
        span = int((at(year + 1, 1, 1, 0) - first).total_seconds())
        times = sorted(first + timedelta(seconds=rng.randrange(span)) for _ in range(count))
        for n, reported in enumerate(times, start=1):
            slug, phrases = rng.choices(topics, cum_weights=topic_weights)[0]
            cum = before if reported < _DEMOLISHED else after
            community = rng.choices(communities, cum_weights=cum)[0]
            _hotline_issue(
                w,
                rng,
                f"hotline-{year}-{n:05d}",
                y,
                reported,
                slug,
                f"{community.name}{rng.choice(phrases)}",
                keys.community(community.slug),
            )


def _hotline_issue(
    w: World,
    rng: random.Random,
    slug: str,
    y: int,
    reported: datetime,
    category: str,
    title: str,
    area: str,
) -> None:
    minutes = max(5, int(rng.expovariate(1 / _RESPONSE_MINUTES[y])))
    responded = reported + timedelta(minutes=minutes)
    props: Row = {
        "title": title,
        "channel": Channel.HOTLINE.value,
        "reportedAt": reported,
        "respondedAt": responded,
    }
    draw = rng.random()
    rule: Rule | None = None
    if draw < 0.012:
        props["state"] = IssueState.DUPLICATE.value
    elif draw < 0.022:
        props["state"] = IssueState.REJECTED.value
    elif draw < 0.03:
        props["state"] = IssueState.REFERRED_OUT.value
    else:
        rule = w.route(keys.category(category), area, reported.date())
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
    w.b.link(Rel.IN_CATEGORY, issue_key, keys.category(category))
    w.b.link(Rel.LOCATED_IN, issue_key, area)
    if rule is not None:
        w.b.link(Rel.ASSIGNED_TO, issue_key, rule.lead, role="LEAD", viaRule=rule.key)
