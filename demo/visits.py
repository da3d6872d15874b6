"""Frontline visits: the 环投 office party branch's four groups and what their visits raised."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import NamedTuple

from demo import keys
from demo.clock import on
from demo.issues import Issue, write_issue
from demo.lifecycle import Step, path
from demo.people import person
from demo.world import World
from graph.model import (
    Channel,
    IssueState,
    Label,
    PersonRole,
    Rel,
    SuggestionStatus,
    VisitStatus,
)


class BranchVisit(NamedTuple):
    """One weekly frontline visit by a group of the office party branch."""

    group: int
    unit: str
    on: date
    members: int


# 7 visits by 4 groups in the two weeks after the plan of 12 November 2020; 39 member-times.
BRANCH_VISITS: tuple[BranchVisit, ...] = (
    BranchVisit(1, "airport-base", date(2020, 11, 17), 6),
    BranchVisit(2, "sanitation-base", date(2020, 11, 18), 5),
    BranchVisit(3, "minwan-apartments", date(2020, 11, 19), 6),
    BranchVisit(4, "huantou-tech", date(2020, 11, 20), 5),
    BranchVisit(1, "sewage-plant", date(2020, 11, 24), 6),
    BranchVisit(2, "huantou-business", date(2020, 11, 25), 5),
    BranchVisit(3, "greening-base", date(2020, 11, 26), 6),
)

# visit index, suggestion, department that took it back; all still being worked on.
BRANCH_SUGGESTIONS: tuple[tuple[int, str, str], ...] = (
    (0, "已承接业务缺少作业机械，建议尽快开展下包单位招标", "huantou-market"),
    (0, "劳务作业队伍年前用工荒，建议统筹劳务人员薪酬、定岗、储备和招聘", "huantou-office"),
    (1, "采购审批手续和材料进场较慢，建议建立合格供方库", "huantou-market"),
    (2, "公寓难以及时获得入住人员变动信息，建议采用信息化手段", "huantou-digital"),
    (3, "工作协调机制有待理顺", "huantou-office"),
    (3, "监事作用发挥不充分", "huantou-office"),
    (3, "办公室人员配备不足", "huantou-office"),
)

# visit index, problem, category, department, solved on the spot.
BRANCH_PROBLEMS: tuple[tuple[int, str, str, str, bool], ...] = (
    (0, "作业人员冬季防寒服未配齐", "equipment", "huantou-office", False),
    (0, "基地值班室网络信号差", "informatization", "huantou-digital", False),
    (1, "环卫车辆停放场地不足", "administration", "huantou-business", False),
    (1, "作业人员休息室缺少饮水设备", "equipment", "huantou-office", True),
    (2, "公寓门禁系统故障", "informatization", "huantou-digital", False),
    (2, "公寓公共区域照明不足", "equipment", "huantou-office", True),
    (3, "新员工入职培训资料缺失", "administration", "huantou-office", True),
    (4, "厂区劳保用品发放不及时", "procurement", "huantou-market", False),
    (4, "化验室设备校验超期", "equipment", "huantou-business", False),
    (5, "事业部考勤制度执行口径不一", "administration", "huantou-office", True),
    (6, "养护工具老化需要更新", "procurement", "huantou-market", False),
)


def build(w: World) -> None:
    """The office party branch's four groups, weekly frontline visits and what they raised."""
    rng = random.Random(909)
    branch = keys.org("huantou-office-branch")
    groups = []
    for n, numeral in enumerate("一二三四", start=1):
        leader = person(w, f"huantou-leader-{n}", (PersonRole.PARTY_MEMBER,), "班子成员、组长")
        w.b.link(Rel.MEMBER_OF, leader, branch, role="LEADER")
        group = w.b.node(
            Label.VISIT_GROUP,
            f"huantou-{n}",
            name=f"第{numeral}小组",
            cadence="WEEKLY",
            programme="机关走一线，服务送基层",
        )
        w.b.link(Rel.LED_BY, group, leader)
        w.b.link(Rel.PART_OF, group, branch)
        groups.append(group)
    visits = []
    for n, visit in enumerate(BRANCH_VISITS, start=1):
        visit_key = w.b.node(
            Label.VISIT,
            f"huantou-{n:02d}",
            status=VisitStatus.DONE.value,
            plannedOn=visit.on,
            visitedOn=visit.on,
            memberCount=visit.members,
            summary="座谈交流、实地踏查、征集意见建议",
            feedback="问题办理情况已向基层单位反馈",
            feedbackOn=visit.on + timedelta(days=14),
        )
        w.b.link(Rel.CONDUCTED_BY, visit_key, groups[visit.group - 1])
        w.b.link(Rel.VISITED, visit_key, keys.org(visit.unit))
        visits.append(visit_key)

    for n, (index, title, dept) in enumerate(BRANCH_SUGGESTIONS, start=1):
        reported = on(BRANCH_VISITS[index].on, 10, 10 * n)
        issue_key = write_issue(
            w,
            Issue(
                slug=f"huantou-suggestion-{n}",
                title=title,
                channel=Channel.VISIT,
                category="opinions",
                lead=keys.org(dept),
                resolve_due=reported + timedelta(days=30),
                steps=path(
                    reported,
                    reported + timedelta(hours=4),
                    reporter=branch,
                    dispatcher=branch,
                    lead=keys.org(dept),
                    dispatch_note="带回党支部协调",
                    until=IssueState.IN_PROGRESS,
                ),
            ),
        )
        w.b.link(Rel.RAISED_DURING, issue_key, visits[index])
        # The suggestion itself, tracked as the issue the department works it through.
        suggestion = w.b.node(
            Label.SUGGESTION,
            f"huantou-{n}",
            title=title,
            status=SuggestionStatus.ADOPTED.value,
            collectedOn=BRANCH_VISITS[index].on,
            adoptedOn=reported.date(),
        )
        w.b.link(Rel.PROPOSED_BY, suggestion, keys.org(BRANCH_VISITS[index].unit))
        w.b.link(Rel.SUBMITTED_TO, suggestion, branch)
        w.b.link(Rel.RAISED_DURING, suggestion, visits[index])
        w.b.link(Rel.TRACKED_AS, suggestion, issue_key)

    for n, (index, title, category, dept, on_the_spot) in enumerate(BRANCH_PROBLEMS, start=1):
        reported = on(BRANCH_VISITS[index].on, 10, 5 * n)
        if on_the_spot:
            steps = [
                Step(IssueState.RECEIVED, reported, "座谈中提出", branch),
                Step(
                    IssueState.RESOLVED,
                    reported + timedelta(minutes=40),
                    "当场予以解决",
                    keys.org(dept),
                ),
                Step(IssueState.CLOSED, reported + timedelta(hours=2), "已向服务对象反馈", branch),
            ]
        else:
            resolved = reported + timedelta(days=rng.randint(3, 12))
            steps = path(
                reported,
                reported + timedelta(hours=4),
                reporter=branch,
                dispatcher=branch,
                lead=keys.org(dept),
                dispatch_note="带回党支部协调",
                resolved=resolved,
                closed=resolved + timedelta(days=1),
                resolution="规定时限内解决，已向服务对象反馈",
            )
        issue_key = write_issue(
            w,
            Issue(
                slug=f"huantou-problem-{n:02d}",
                title=title,
                channel=Channel.VISIT,
                category=category,
                lead=keys.org(dept),
                satisfaction=rng.choice((4, 5, 5)),
                resolve_due=reported + timedelta(days=14),
                steps=steps,
            ),
        )
        w.b.link(Rel.RAISED_DURING, issue_key, visits[index])
