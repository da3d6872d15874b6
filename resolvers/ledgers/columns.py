"""Ledger kinds and their columns: Chinese headers, fields, types and enum names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from graph.model import (
    Channel,
    IssueState,
    Label,
    OrgKind,
    PersonRole,
    ProjectKind,
    ProjectStatus,
    Rel,
    SiteKind,
)

ColumnType = Literal["key", "text", "int", "float", "date", "datetime", "enum", "ref"]

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


@dataclass(frozen=True)
class Column:
    """One ledger column: its headers (the first is canonical), field, type and rules."""

    field: str
    headers: tuple[str, ...]
    type: ColumnType
    required: bool = False
    names: Mapping[str, tuple[str, ...]] | None = None
    many: bool = False
    rel: Rel | None = None
    target: Label | None = None
    # The ledger kind in the same file a reference may name, before looking in the graph.
    kind: str | None = None
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Ledger:
    """One kind of ledger: the label it fills and its columns."""

    kind: str
    label: Label
    sheet: str
    prefix: str
    natural: tuple[str, ...]
    columns: tuple[Column, ...]
    fixed: Mapping[str, Any] = field(default_factory=dict)
    sheet_names: tuple[str, ...] = ()

    def column(self, name: str) -> Column:
        """The column filling field `name`."""
        return next(c for c in self.columns if c.field == name)

    @property
    def links(self) -> tuple[Column, ...]:
        """The reference columns, written as relationships."""
        return tuple(c for c in self.columns if c.type == "ref")

    @property
    def required(self) -> tuple[Column, ...]:
        """The columns a file must have."""
        return tuple(c for c in self.columns if c.required)


def _key() -> Column:
    return Column("key", ("编号", "编码", "key"), "key")


def _lat() -> Column:
    return Column("lat", ("纬度", "lat"), "float", minimum=-90, maximum=90)


def _lon() -> Column:
    return Column("lon", ("经度", "lon"), "float", minimum=-180, maximum=180)


def _community(rel: Rel = Rel.LOCATED_IN, many: bool = False) -> Column:
    return Column(
        "community",
        ("所属社区", "社区", "小区"),
        "ref",
        rel=rel,
        target=Label.AREA,
        kind="communities",
        many=many,
    )


LEDGERS: dict[str, Ledger] = {
    ledger.kind: ledger
    for ledger in (
        Ledger(
            "communities",
            Label.COMMUNITY,
            "社区",
            "community",
            ("name", "parent"),
            (
                _key(),
                Column("name", ("小区名称", "社区名称", "name"), "text", required=True),
                Column(
                    "parent",
                    ("所属片区", "所属街道", "片区"),
                    "ref",
                    rel=Rel.PART_OF,
                    target=Label.AREA,
                ),
                Column("households", ("户数", "households"), "int", minimum=0),
                _lon(),
                _lat(),
            ),
            fixed={"level": "COMMUNITY"},
            sheet_names=("小区", "社区台账", "小区台账", "移交小区"),
        ),
        Ledger(
            "organizations",
            Label.ORGANIZATION,
            "单位",
            "org",
            ("name", "community"),
            (
                _key(),
                Column("name", ("单位名称", "name"), "text", required=True),
                Column("kind", ("单位类型", "kind"), "enum", required=True, names=ORG_KINDS),
                Column(
                    "parent",
                    ("上级单位", "parent"),
                    "ref",
                    rel=Rel.PART_OF,
                    target=Label.ORGANIZATION,
                    kind="organizations",
                ),
                _community(),
                Column("contactName", ("联系人", "contactName"), "text"),
                Column("contactPhone", ("联系电话", "contactPhone"), "text"),
            ),
            sheet_names=("单位台账", "区域单位"),
        ),
        Ledger(
            "sites",
            Label.SITE,
            "场地",
            "site",
            ("name", "community"),
            (
                _key(),
                Column("name", ("场地名称", "name"), "text", required=True),
                Column("kind", ("场地类型", "kind"), "enum", names=SITE_KINDS),
                Column(
                    "owner",
                    ("产权单位", "所属单位", "owner"),
                    "ref",
                    rel=Rel.OWNED_BY,
                    target=Label.ORGANIZATION,
                    kind="organizations",
                ),
                _community(),
                _lon(),
                _lat(),
                Column(
                    "landMu",
                    ("占地面积(亩)", "占地面积（亩）", "占地面积", "landMu"),
                    "float",
                    minimum=0,
                ),
            ),
            sheet_names=("场地台账", "厂矿大院"),
        ),
        Ledger(
            "people",
            Label.PERSON,
            "人员",
            "person",
            ("name", "organizations"),
            (
                _key(),
                Column("name", ("姓名", "name"), "text", required=True),
                Column("roles", ("角色", "roles"), "enum", names=ROLES, many=True),
                Column("title", ("职务", "title"), "text"),
                Column("phone", ("联系电话", "phone"), "text"),
                Column(
                    "organizations",
                    ("所属单位", "organizations"),
                    "ref",
                    rel=Rel.MEMBER_OF,
                    target=Label.ORGANIZATION,
                    kind="organizations",
                    many=True,
                ),
                Column(
                    "observes",
                    ("观察社区", "observes"),
                    "ref",
                    rel=Rel.OBSERVES,
                    target=Label.AREA,
                    kind="communities",
                    many=True,
                ),
            ),
            sheet_names=("人员台账", "幸福观察员"),
        ),
        Ledger(
            "projects",
            Label.PROJECT,
            "项目",
            "project",
            ("name",),
            (
                _key(),
                Column("name", ("项目名称", "name"), "text", required=True),
                Column("kind", ("项目类型", "kind"), "enum", required=True, names=PROJECT_KINDS),
                Column("status", ("项目状态", "状态", "status"), "enum", names=PROJECT_STATUSES),
                Column("startDate", ("开始日期", "startDate"), "date"),
                Column("endDate", ("结束日期", "endDate"), "date"),
                Column("peopleServed", ("服务人数", "peopleServed"), "int", minimum=0),
                Column(
                    "ledBy",
                    ("牵头单位", "ledBy"),
                    "ref",
                    rel=Rel.LED_BY,
                    target=Label.ORGANIZATION,
                    kind="organizations",
                ),
                _community(),
            ),
            sheet_names=("项目台账", "民生工程"),
        ),
        Ledger(
            "issues",
            Label.ISSUE,
            "问题",
            "issue",
            ("title", "community", "reportedAt"),
            (
                _key(),
                Column("title", ("问题标题", "标题", "title"), "text", required=True),
                Column("description", ("问题描述", "description"), "text"),
                Column("channel", ("反映渠道", "channel"), "enum", required=True, names=CHANNELS),
                Column(
                    "category",
                    ("问题类别", "category"),
                    "ref",
                    rel=Rel.IN_CATEGORY,
                    target=Label.CATEGORY,
                ),
                _community(),
                Column("reportedAt", ("反映时间", "reportedAt"), "datetime", required=True),
                Column("resolvedAt", ("办结时间", "resolvedAt"), "datetime"),
                Column("state", ("办理状态", "状态", "state"), "enum", names=STATES),
                Column("satisfaction", ("满意度", "satisfaction"), "int", minimum=1, maximum=5),
            ),
            sheet_names=("问题台账", "诉求台账", "问题清单"),
        ),
    )
}

# Import order: a ledger may name rows of the ledgers before it.
ORDER: tuple[str, ...] = ("communities", "organizations", "sites", "people", "projects", "issues")


def names_to_values(names: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Every accepted spelling (Chinese name, English value, any case) → the stored value."""
    lookup: dict[str, str] = {}
    for value, chinese in names.items():
        for spelling in (value, value.lower(), *chinese):
            lookup[spelling] = value
    return lookup
