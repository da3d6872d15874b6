"""Ledger (台账) fixtures: the sample sheets, the files made from them, the base they need."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]

from graph.model import Label
from graph.store import Neo4jStore

COMMUNITIES = [
    ["小区名称", "所属片区", "户数", "经度", "纬度"],
    ["瑞景社区", "东辛片区", 1200, 118.52, 37.45],
    ["安泰社区", "area/dongxin", "800", "118.5", "37.4"],
]
ORGANIZATIONS = [
    ["编号", "单位名称", "单位类型", "上级单位", "所属社区", "联系人", "联系电话"],
    ["W001", "物业公司", "专业化公司", None, None, "张三", 13800000000],
    [None, "物业一站", "SERVICE_COMPANY", "物业公司", "瑞景社区", "李四", "0546-1234567"],
    [None, "胜利二小", "学校", None, "安泰社区", None, None],
]
PEOPLE = [
    ["姓名", "角色", "所属单位", "观察社区"],
    ["王芳", "幸福观察员、党员", "物业公司", "瑞景社区"],
    ["李强", "协调员", "W001", None],
]
ISSUES = [
    ["问题标题", "问题描述", "反映渠道", "问题类别", "所属社区", "反映时间", "办结时间", "满意度"],
    [
        "食堂就餐难",
        "职工食堂座位不足",
        "政务热线",
        "食堂就餐",
        "瑞景社区",
        "2024-03-01 09:30",
        "2024/3/5",
        5,
    ],
    [
        "医保无法结算",
        None,
        "幸福观察员",
        "category/medical",
        "瑞景社区",
        "2024年3月1日",
        None,
        None,
    ],
    ["污水外溢", None, "电话", "食堂就餐", "安泰社区", dt.datetime(2024, 4, 2, 8, 0), None, "满意"],
]


async def write_base(store: Neo4jStore) -> None:
    """The categories and the 片区 that the sample ledgers name."""
    await store.upsert_nodes(
        Label.CATEGORY,
        [
            {"key": "category/canteen", "name": "食堂就餐"},
            {"key": "category/medical", "name": "医疗医保"},
        ],
    )
    await store.upsert_nodes(
        Label.AREA, [{"key": "area/dongxin", "name": "东辛片区", "level": "STREET"}]
    )


def xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """A workbook at `path` with one sheet per entry of `sheets`."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def csv_file(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8-sig") -> Path:
    """A CSV file at `path` in `encoding`, empty cells for None."""
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out).writerows(["" if cell is None else cell for cell in row] for row in rows)
    return path


def book(tmp_path: Path) -> Path:
    """The workbook holding all four sample ledgers."""
    return xlsx(
        tmp_path / "台账.xlsx",
        {"社区": COMMUNITIES, "单位": ORGANIZATIONS, "人员": PEOPLE, "问题": ISSUES},
    )


async def snapshot(store: Neo4jStore) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every node and relationship with its properties, in a stable order."""
    nodes = await store.query(
        "MATCH (n) RETURN n.key AS key, labels(n) AS labels, properties(n) AS props ORDER BY key"
    )
    rels = await store.query(
        "MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS type, b.key AS b, "
        "properties(r) AS props ORDER BY a, type, b"
    )
    return nodes, rels


# Rows of a clerk's 问题台账 as centers keep it: the data rows, then totals, notes and signatures.
CLERK_HEADERS = [
    "序号",
    "问题标题",
    "反映渠道",
    "问题类别",
    "所属社区",
    "反映时间",
    "反映人",
    "联系电话",
    "备注",
]
CLERK_ROWS = [
    [
        1,
        "食堂就餐难",
        "政务热线",
        "食堂就餐",
        "瑞景社区",
        "2024-03-01 09:30",
        "赵大妈",
        13912345678,
        "已回访",
    ],
    [
        2,
        "医保无法结算",
        "电话",
        "category/medical",
        "瑞景社区",
        "2024/3/2",
        "钱师傅",
        "0546-7654321",
        None,
    ],
    [3, "污水外溢", "走访", "食堂就餐", "安泰社区", "2024年3月3日", None, None, None],
]
CLERK_FOOTER = [
    ["合计", "3人", None, None, None, None, None, None, None],
    ["小计：3件", None, None, None, None, None, None, None, None],
    ["备注：本表按月报送", None, None, None, None, None, None, None, None],
    ["说明", "反映时间以受理为准", None, None, None, None, None, None, None],
    [None, None, None, "制表人：张三", None, None, "审核人：李四", None, None],
]
# The sheet's real row numbers: a merged title on row 1, a blank row 2, the headers on row 3.
CLERK_DATA_ROWS = [4, 5, 6]
CLERK_PRIVATE = ["反映人", "联系电话"]


def clerk_book(path: Path) -> Path:
    """A 问题台账 workbook kept as a clerk keeps it: merged title, blank row, footer rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "问题台账"
    sheet.append(["2024年3月 服务协调中心问题台账"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(CLERK_HEADERS))
    sheet.append([])
    for row in [CLERK_HEADERS, *CLERK_ROWS, *CLERK_FOOTER]:
        sheet.append(row)
    workbook.save(path)
    return path


async def write_fieldwork_base(store: Neo4jStore) -> None:
    """What field-work ledgers name: a visit group, units, people, a project, sites, an issue."""
    await write_base(store)
    await store.upsert_nodes(
        Label.COMMUNITY, [{"key": "community/ruijing", "name": "瑞景社区", "level": "COMMUNITY"}]
    )
    await store.upsert_nodes(Label.CATEGORY, [{"key": "category/lighting", "name": "路灯照明"}])
    await store.upsert_nodes(
        Label.ORGANIZATION,
        [
            {"key": "org/airport", "name": "机场基地", "kind": "REGIONAL_UNIT"},
            {"key": "org/plant-1", "name": "采油一厂", "kind": "OIL_GAS_UNIT"},
            {"key": "org/branch", "name": "机关分部", "kind": "PARTY_COMMITTEE"},
            {"key": "org/union", "name": "工会", "kind": "DEPARTMENT"},
            # Two units of the same name: only their keys tell them apart.
            {"key": "org/station-east", "name": "物业站", "kind": "SERVICE_COMPANY"},
            {"key": "org/station-west", "name": "物业站", "kind": "SERVICE_COMPANY"},
        ],
    )
    await store.upsert_nodes(
        Label.PERSON,
        [{"key": "person/wang", "name": "王建国"}, {"key": "person/li", "name": "李红"}],
    )
    await store.upsert_nodes(
        Label.VISIT_GROUP, [{"key": "visit-group/1", "name": "第一走访小组", "cadence": "WEEKLY"}]
    )
    await store.upsert_nodes(
        Label.PROJECT, [{"key": "project/dongxin", "name": "东辛搬迁", "kind": "RELOCATION"}]
    )
    await store.upsert_nodes(
        Label.SITE,
        [
            {"key": "site/compound-1", "name": "一号大院", "kind": "FACTORY_COMPOUND"},
            {"key": "site/new-1", "name": "新址一区", "kind": "NEW_SITE"},
        ],
    )
    await store.upsert_nodes(
        Label.ISSUE,
        [
            {
                "key": "issue/I1",
                "title": "路灯不亮",
                "state": "RECEIVED",
                "channel": "VISIT",
                "reportedAt": dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.UTC),
            }
        ],
    )


# Field-work sheets as clerks keep them: names, not keys, and dates written every way.
VISITS = [
    [
        "编号",
        "走访小组",
        "走访对象",
        "计划日期",
        "走访日期",
        "参加人数",
        "走访人员",
        "交流内容",
        "状态",
    ],
    [
        "V1",
        "第一走访小组",
        "机场基地",
        "2024/3/4",
        "2024年3月5日",
        6,
        "王建国、李红",
        "用工需求",
        "已走访",
    ],
    ["V2", "visit-group/1", "采油一厂", "2024.3.10", None, 5, None, None, None],
]
MEETINGS = [
    ["编号", "会议名称", "会议类型", "会议日期", "地点", "参会单位", "议定事项", "关于项目"],
    [
        "M1",
        "东辛搬迁第一次协调会",
        "协调会",
        "2024-03-06",
        "东辛会议室",
        "采油一厂、机关分部",
        "确定搬迁顺序；落实新址\n安排资金",
        "东辛搬迁",
    ],
]
MOVES = [
    [
        "编号",
        "所属项目",
        "搬迁单位",
        "原址",
        "新址",
        "计划日期",
        "实际日期",
        "状态",
        "腾退土地（亩）",
    ],
    [
        "MV1",
        "东辛搬迁",
        "采油一厂",
        "一号大院",
        "新址一区",
        "2024-04-01",
        "2024-04-10",
        "已搬迁",
        12.5,
    ],
    ["MV2", "project/dongxin", "机关分部", "一号大院", None, "2024-05-01", None, None, None],
]
SUGGESTIONS = [
    [
        "编号",
        "建议内容",
        "提出人",
        "提出单位",
        "报送单位",
        "状态",
        "提出日期",
        "采纳日期",
        "实施日期",
        "受益情况",
        "来源走访",
        "跟踪问题",
    ],
    [
        "S1",
        "增设路灯",
        "王建国",
        None,
        "工会",
        None,
        "2024-03-05",
        "2024-03-08",
        "2024-04-01",
        "职工夜间出行",
        "V1",
        "issue/I1",
    ],
    [
        "S2",
        "食堂延时",
        None,
        "机场基地",
        "工会",
        "已采纳",
        "2024-03-05",
        "2024/3/9",
        None,
        None,
        None,
        None,
    ],
]


def fieldwork_book(path: Path) -> Path:
    """A workbook of the four field-work ledgers."""
    return xlsx(path, {"走访": VISITS, "会议": MEETINGS, "搬迁": MOVES, "建议": SUGGESTIONS})
