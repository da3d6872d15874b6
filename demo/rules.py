"""The routing rules: one per community, district-wide ones per category, dated exceptions."""

from __future__ import annotations

from datetime import date

from demo import keys
from demo.organizations import CENTER
from demo.places import COMMUNITIES, DISTRICT
from demo.routing import Router, Rule
from demo.world import World
from graph.model import Label, Rel


def build(w: World) -> None:
    """Add the routing rules and make the router from them."""
    district = keys.area(DISTRICT.slug)
    coordination, center = keys.org("regional-coordination"), keys.org(CENTER.slug)
    rules = [
        Rule(
            slug=f"community-{c.slug}",
            name=f"{c.name}：社区吹哨、专业化公司报到",
            category=keys.category("community-services"),
            area=keys.community(c.slug),
            lead=keys.org(f"property-{c.street}"),
            priority=10,
            response_hours=2,
            resolve_days=5,
            feedback_days=1,
            escalations=((coordination, 24), (center, 72), (keys.org("housing-bureau"), 168)),
        )
        for c in COMMUNITIES
    ]
    # category, name, lead, response hours, resolve days, escalation targets, assists
    district_rules: tuple[tuple[str, str, str, int, int, tuple[str, ...], tuple[str, ...]], ...] = (
        ("water", "供水排水", "water-company", 2, 3, ("water-bureau",), ()),
        ("power", "供电", "power-company", 1, 1, ("housing-bureau",), ()),
        ("gas", "燃气", "gas-company", 1, 1, ("housing-bureau",), ()),
        (
            "sanitation",
            "环境卫生",
            "sanitation-company",
            4,
            2,
            ("law-enforcement-bureau",),
            ("law-enforcement-bureau",),
        ),
        ("transport", "交通出行", "transport-bureau", 8, 10, (), ()),
        (
            "medical-insurance",
            "医保结算",
            "social-insurance-center",
            4,
            10,
            ("medical-insurance-bureau",),
            ("medical-insurance-bureau",),
        ),
        ("medical-care", "看病就医", "health-commission", 8, 10, (), ()),
        ("education", "教育", "education-bureau", 8, 15, (), ()),
        ("childcare", "子女托管", "childcare", 4, 7, ("education-bureau",), ()),
        ("dining", "就餐/食堂", "catering-company", 4, 5, ("civil-affairs-bureau",), ()),
        ("employee-services", "员工服务", "employee-services", 2, 3, (), ()),
        ("retiree-services", "离退休服务", "retiree-center", 4, 7, (), ()),
    )
    rules += [
        Rule(
            slug=category,
            name=f"{label}：{DISTRICT.name}",
            category=keys.category(category),
            area=district,
            lead=keys.org(lead),
            priority=20,
            response_hours=hours,
            resolve_days=days,
            feedback_days=2,
            escalations=((coordination, 24), *((keys.org(up), 72) for up in ups)),
            assists=tuple(keys.org(a) for a in assists),
        )
        for category, label, lead, hours, days, ups, assists in district_rules
    ]
    rules += [
        # Until the heating company took over in winter 2020 the center handled heating itself.
        Rule(
            "heating-legacy",
            "供暖（移交前）：东营区",
            keys.category("heating"),
            district,
            center,
            20,
            4,
            3,
            2,
            ((keys.org("housing-bureau"), 72),),
            valid_to=date(2020, 10, 31),
        ),
        Rule(
            "heating",
            "供暖：东营区",
            keys.category("heating"),
            district,
            keys.org("heating-company"),
            20,
            2,
            2,
            2,
            ((coordination, 24), (keys.org("housing-bureau"), 72)),
            valid_from=date(2020, 11, 1),
        ),
        Rule(
            "sewage-dongxin",
            "污水排放：东辛片区改造提升期间",
            keys.category("sewage"),
            keys.area("dongxin"),
            keys.org("water-company"),
            30,
            1,
            2,
            1,
            ((keys.org("water-bureau"), 12), (center, 48)),
            assists=(keys.org("water-bureau"), keys.org("law-enforcement-bureau")),
            valid_from=date(2023, 3, 1),
        ),
        Rule(
            "medical-insurance-ruijing",
            "医保结算：瑞景社区周边定点机构",
            keys.category("medical-insurance"),
            keys.community("ruijing"),
            keys.org("medical-insurance-bureau"),
            40,
            4,
            5,
            1,
            ((keys.org("health-commission"), 48),),
            assists=(keys.org("social-insurance-center"),),
            valid_from=date(2023, 6, 20),
        ),
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
    w.router = Router(rules, w.parents)
