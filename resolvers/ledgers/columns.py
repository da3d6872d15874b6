"""Ledger kinds and their columns: Chinese headers, fields, types and enum names."""

from __future__ import annotations

from collections.abc import Mapping

from graph.model import Label, Rel
from resolvers.ledgers.fieldwork import FIELDWORK
from resolvers.ledgers.ledger import Column, Ledger, community, key
from resolvers.ledgers.names import (
    CHANNELS,
    MEETING_KINDS,
    MOVE_STATUSES,
    ORG_KINDS,
    PROJECT_KINDS,
    PROJECT_STATUSES,
    ROLES,
    SATISFACTION,
    SITE_KINDS,
    STATES,
    SUGGESTION_STATUSES,
    VISIT_STATUSES,
)

__all__ = [
    "LEDGERS",
    "MEETING_KINDS",
    "MOVE_STATUSES",
    "ORDER",
    "SATISFACTION",
    "STATES",
    "SUGGESTION_STATUSES",
    "VISIT_STATUSES",
    "Column",
    "Ledger",
    "names_to_values",
]


def _lat() -> Column:
    return Column("lat", ("纬度", "lat"), "float", minimum=-90, maximum=90)


def _lon() -> Column:
    return Column("lon", ("经度", "lon"), "float", minimum=-180, maximum=180)


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
                key(),
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
                key(),
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
                community(),
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
                key(),
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
                community(),
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
                key(),
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
                key(),
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
                community(),
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
                key(),
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
                community(),
                Column("reportedAt", ("反映时间", "reportedAt"), "datetime", required=True),
                Column("resolvedAt", ("办结时间", "resolvedAt"), "datetime"),
                Column("state", ("办理状态", "状态", "state"), "enum", names=STATES),
                Column("satisfaction", ("满意度", "satisfaction"), "int", minimum=1, maximum=5),
            ),
            sheet_names=("问题台账", "诉求台账", "问题清单"),
        ),
        *FIELDWORK,
    )
}

# Import order: a ledger may name rows of the ledgers before it.
ORDER: tuple[str, ...] = (
    "communities",
    "organizations",
    "sites",
    "people",
    "projects",
    "issues",
    "visits",
    "meetings",
    "moves",
    "suggestions",
)


def names_to_values(names: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Every accepted spelling (Chinese name, English value, any case) → the stored value."""
    lookup: dict[str, str] = {}
    for value, chinese in names.items():
        for spelling in (value, value.lower(), *chinese):
            lookup[spelling] = value
    return lookup
