"""Chinese names of the enum values ledgers hold: what clerks write and what export writes."""

from __future__ import annotations

from graph.model import (
    Channel,
    IssueState,
    MeetingKind,
    MoveStatus,
    OrgKind,
    PersonRole,
    ProjectKind,
    ProjectStatus,
    SiteKind,
    SuggestionStatus,
    VisitStatus,
)

# Chinese names per enum value; the first one is what export writes.
ORG_KINDS: dict[str, tuple[str, ...]] = {
    OrgKind.CENTER: ("服务协调中心", "协调中心"),
    OrgKind.DEPARTMENT: ("部门", "科室"),
    OrgKind.PARTY_COMMITTEE: ("党委", "党组织"),
    OrgKind.DIRECT_UNIT: ("直属单位",),
    OrgKind.OIL_GAS_UNIT: ("油气单位", "油气生产单位"),
    OrgKind.SERVICE_COMPANY: ("专业化公司", "专业化服务公司"),
    OrgKind.GOVERNMENT: ("政府", "区政府"),
    OrgKind.GOV_DEPARTMENT: ("政府部门",),
    OrgKind.REGIONAL_UNIT: ("区域单位",),
    OrgKind.SCHOOL: ("学校",),
    OrgKind.HOSPITAL: ("医院",),
    OrgKind.LABOR_TEAM: ("劳务队", "劳务队伍", "施工队"),
    OrgKind.ENTERPRISE: ("企业",),
}
ROLES: dict[str, tuple[str, ...]] = {
    PersonRole.OBSERVER: ("幸福观察员", "观察员"),
    PersonRole.COORDINATOR: ("协调员",),
    PersonRole.STAFF: ("工作人员", "员工", "联络员"),
    PersonRole.RESIDENT: ("居民",),
    PersonRole.PARTY_MEMBER: ("党员",),
}
CHANNELS: dict[str, tuple[str, ...]] = {
    Channel.QR_CODE: ("码上反映", "扫码", "二维码", "码上服务"),
    Channel.PHONE: ("电话",),
    Channel.ON_SITE: ("现场", "现场反映"),
    Channel.SUGGESTION_BOX: ("意见箱",),
    Channel.VISIT: ("走访",),
    Channel.OBSERVER: ("幸福观察员", "观察员"),
    Channel.HOTLINE: ("政务热线", "12345", "热线", "12345热线"),
}
STATES: dict[str, tuple[str, ...]] = {
    IssueState.RECEIVED: ("已受理", "受理"),
    IssueState.VERIFYING: ("核实中",),
    IssueState.DISPATCHED: ("已派单",),
    IssueState.ACCEPTED: ("已接单",),
    IssueState.IN_PROGRESS: ("办理中", "处理中"),
    IssueState.ESCALATED: ("已升级",),
    IssueState.RESOLVED: ("已办结", "办结"),
    IssueState.CLOSED: ("已关闭", "已归档"),
    IssueState.RETURNED: ("已退回",),
    IssueState.REOPENED: ("重新办理",),
    IssueState.REJECTED: ("不予受理",),
    IssueState.DUPLICATE: ("重复件", "重复"),
    IssueState.REFERRED_OUT: ("已转办", "转办"),
}
PROJECT_KINDS: dict[str, tuple[str, ...]] = {
    ProjectKind.LIVELIHOOD: ("民生工程", "民生项目"),
    ProjectKind.RELOCATION: ("搬迁", "搬迁项目"),
    ProjectKind.RENOVATION: ("改造", "改造项目", "城市更新"),
    ProjectKind.SERVICE_PROGRAM: ("服务项目",),
}
PROJECT_STATUSES: dict[str, tuple[str, ...]] = {
    ProjectStatus.PLANNED: ("计划中", "未开始"),
    ProjectStatus.IN_PROGRESS: ("实施中", "进行中"),
    ProjectStatus.COMPLETED: ("已完成", "完成"),
}
SITE_KINDS: dict[str, tuple[str, ...]] = {
    SiteKind.FACTORY_COMPOUND: ("厂矿大院", "大院"),
    SiteKind.NEW_SITE: ("新址", "新场地"),
}
# Ratings as centers write them; digits 1-5 are accepted too.
SATISFACTION: dict[str, int] = {
    "非常满意": 5,
    "满意": 4,
    "基本满意": 3,
    "不满意": 2,
    "非常不满意": 1,
}
VISIT_STATUSES: dict[str, tuple[str, ...]] = {
    VisitStatus.PLANNED: ("计划", "待走访", "计划中"),
    VisitStatus.DONE: ("已走访", "已完成", "完成"),
    VisitStatus.CANCELLED: ("已取消", "取消"),
}
MEETING_KINDS: dict[str, tuple[str, ...]] = {
    MeetingKind.JOINT: ("联席会", "联席会议"),
    MeetingKind.COORDINATION: ("协调会", "协调会议", "推进会"),
    MeetingKind.SYMPOSIUM: ("座谈会", "交流会"),
}
MOVE_STATUSES: dict[str, tuple[str, ...]] = {
    MoveStatus.PLANNED: ("计划", "待搬迁", "未开始"),
    MoveStatus.IN_PROGRESS: ("搬迁中", "进行中"),
    MoveStatus.DONE: ("已搬迁", "已完成", "完成"),
    MoveStatus.BLOCKED: ("受阻", "暂停"),
}
SUGGESTION_STATUSES: dict[str, tuple[str, ...]] = {
    SuggestionStatus.COLLECTED: ("已征集", "征集", "已收集"),
    SuggestionStatus.ADOPTED: ("已采纳", "采纳"),
    SuggestionStatus.IMPLEMENTED: ("已实施", "实施", "已落实"),
    SuggestionStatus.DECLINED: ("未采纳", "不予采纳"),
}
