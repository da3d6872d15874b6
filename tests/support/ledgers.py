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
