"""Employee services: the two service stories of the 2022 newspaper report."""

from __future__ import annotations

from datetime import date

from demo import keys
from demo.clock import at
from demo.issues import Issue, write_issue
from demo.lifecycle import Step, path
from demo.people import person
from demo.world import World
from graph.model import Channel, IssueState, PersonRole


def build(w: World) -> None:
    """The two service stories of the 2022 newspaper report, with invented names."""
    caller = person(w, "former-employee", (PersonRole.RESIDENT,), "离职员工")
    hall = keys.org("shengjian-hall")
    write_issue(
        w,
        Issue(
            slug="housing-fund-inquiry",
            title="离职员工查询公积金账户资料",
            description="离职16年的员工从北京来电查询公积金账户，工作人员辗转多家单位找到有关资料。",
            channel=Channel.PHONE,
            category="housing-fund",
            reporter=caller,
            lead=hall,
            satisfaction=5,
            steps=path(
                at(2022, 1, 12, 10, 30),
                at(2022, 1, 12, 11),
                reporter=caller,
                dispatcher=hall,
                lead=hall,
                dispatch_note="胜建大厦员工服务大厅承办",
                resolved=at(2022, 1, 26, 16),
                closed=at(2022, 1, 27, 9),
                resolution="找到公积金账户资料并告知本人",
            ),
        ),
    )
    xinghe = keys.community("xinghe")
    resident = person(w, "xinghe-resident", (PersonRole.RESIDENT,), "兴河小区居民")
    rule = w.route(keys.category("property-registration"), xinghe, date(2022, 6, 6))
    write_issue(
        w,
        Issue(
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
                Step(IssueState.RECEIVED, at(2022, 6, 6, 9, 10), "窗口受理", resident),
                Step(IssueState.VERIFYING, at(2022, 6, 6, 9, 15), "核实老人行动不便", rule.lead),
                Step(IssueState.DISPATCHED, at(2022, 6, 6, 9, 20), "开通绿色通道", rule.lead),
                Step(IssueState.ACCEPTED, at(2022, 6, 6, 9, 25), "接单", rule.lead),
                Step(IssueState.IN_PROGRESS, at(2022, 6, 6, 10), "上门采集信息", rule.lead),
                Step(
                    IssueState.RESOLVED, at(2022, 6, 6, 10, 18), "完成登记，不到20分钟", rule.lead
                ),
                Step(IssueState.CLOSED, at(2022, 6, 7, 10), "回访办结，全家满意", rule.lead),
            ],
        ),
    )
