"""The railway project: multi-channel intake and a five-step closed loop; names invented."""

from __future__ import annotations

from datetime import timedelta

from demo import keys
from demo.clock import at
from demo.issues import Issue, write_issue
from demo.lifecycle import Step, path
from demo.organizations import LABOR_TEAMS
from demo.people import person
from demo.world import World
from graph.model import Channel, IssueState, PersonRole, Rel


def build(w: World) -> None:
    """The railway project's multi-channel intake and five-step closed loop; names invented."""
    center = keys.org("kangyu-service-center")
    people = {
        slug: person(w, f"kangyu-{slug}", roles, title)
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
    for slug, org in (
        ("secretary", "kangyu-party-branch"),
        ("tunnel-6-lead", "kangyu-tunnel-6"),
        ("bridge-2-foreman", "kangyu-bridge-2"),
        ("work-area-2-lead", "kangyu-work-area-2"),
        ("office-director", "kangyu-office"),
        ("labor-clerk", "kangyu-planning"),
        ("safety-officer", "kangyu-safety"),
    ):
        role = "LEADER" if slug.endswith("lead") else "MEMBER"
        w.b.link(Rel.MEMBER_OF, people[slug], keys.org(org), role=role)

    # slug, title, channel, category, reporter, lead, reported, resolved after hours, resolution
    cases = (
        (
            "heat-relief",
            "一线工友需要防暑降温物品",
            Channel.QR_CODE,
            "heat-relief",
            "tunnel-6-lead",
            center,
            at(2023, 7, 18, 9, 40),
            30,
            "第二天下午送来西瓜、绿豆和白糖，17个劳务队全覆盖",
        ),
        (
            "real-name-registration",
            "新进场工人需往返项目部录入劳务实名制信息",
            Channel.ON_SITE,
            "labor-registration",
            "bridge-2-foreman",
            keys.org("kangyu-planning"),
            at(2023, 7, 24, 8, 30),
            6,
            "劳资专员到工点现场录入实名制信息",
        ),
        (
            "remote-shopping",
            "偏远工点职工购物难",
            Channel.SUGGESTION_BOX,
            "shopping",
            "bridge-2-foreman",
            keys.org("kangyu-office"),
            at(2023, 7, 26, 18),
            240,
            "在施工一线设置物美价廉的社区超市",
        ),
        (
            "dormitory-hot-water",
            "二工区工友宿舍热水供应不足",
            Channel.PHONE,
            "worker-dining",
            "tunnel-6-lead",
            keys.org("kangyu-work-area-2"),
            at(2023, 8, 2, 20, 15),
            20,
            "更换宿舍热水器并调整供水时段",
        ),
        (
            "shotcrete-training",
            "余家梁隧道1号横洞喷浆班组需要安全质量培训",
            Channel.ON_SITE,
            "safety-training",
            "work-area-2-lead",
            keys.org("kangyu-safety"),
            at(2023, 8, 8, 22),
            14,
            "包保夜巡时安全部到班组现场培训",
        ),
    )
    for slug, title, channel, category, reporter, lead, reported, hours, resolution in cases:
        resolved = reported + timedelta(hours=hours)
        issue_key = write_issue(
            w,
            Issue(
                slug=f"kangyu-{slug}",
                title=title,
                channel=channel,
                category=category,
                reporter=people[reporter],
                lead=lead,
                satisfaction=5,
                steps=path(
                    reported,
                    reported + timedelta(minutes=40),
                    reporter=people[reporter],
                    dispatcher=center,
                    lead=lead,
                    dispatch_note="转责任部门办理",
                    resolved=resolved,
                    closed=resolved + timedelta(hours=3),
                    resolution=resolution,
                ),
            ),
        )
        if slug == "heat-relief":
            for team in LABOR_TEAMS:
                w.b.link(Rel.AFFECTS, issue_key, keys.org(f"kangyu-{team.slug}"))

    # Not satisfied with the first answer, the reporter's feedback sends it round again (整改提升).
    office = keys.org("kangyu-office")
    reported = at(2023, 8, 14, 12, 10)
    first = path(
        reported,
        reported + timedelta(minutes=30),
        reporter=people["tunnel-6-lead"],
        dispatcher=center,
        lead=office,
        dispatch_note="转综合办公室办理",
        until=IssueState.IN_PROGRESS,
    )
    write_issue(
        w,
        Issue(
            slug="kangyu-canteen-menu",
            title="职工餐厅菜品单一",
            channel=Channel.QR_CODE,
            category="worker-dining",
            reporter=people["tunnel-6-lead"],
            lead=office,
            satisfaction=5,
            steps=[
                *first,
                Step(IssueState.RESOLVED, at(2023, 8, 16, 11), "结果反馈：调整每周菜谱", office),
                Step(
                    IssueState.REOPENED,
                    at(2023, 8, 18, 9),
                    "整改提升：工友反映仍缺少水果奶类",
                    people["tunnel-6-lead"],
                ),
                Step(IssueState.IN_PROGRESS, at(2023, 8, 18, 10), "整改提升", office),
                Step(
                    IssueState.RESOLVED,
                    at(2023, 8, 21, 12),
                    "结果反馈：餐厅每日供应牛奶和新鲜水果",
                    office,
                ),
                Step(IssueState.CLOSED, at(2023, 8, 22, 9), "回访办结，服务对象满意", center),
            ],
        ),
    )
