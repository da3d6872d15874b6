"""A clerk's workbook, kept as centers keep it, imports exactly its data rows (real Neo4j)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

import cli
from graph.store import Neo4jStore
from graph.zone import zone
from resolvers.ledgers.importer import import_ledger, plan
from tests.support.ledgers import snapshot, write_fieldwork_base

ISSUE_HEADERS = [
    "序号",
    "问题标题",
    "反映渠道",
    "问题类别",
    "所属社区",
    "反映时间",
    "办结时间",
    "办理状态",
    "反映人",
    "联系电话",
    "备注",
]
ISSUE_ROWS = [
    [1, "路灯不亮", "走访", "路灯照明", "瑞景社区", "2024年3月5日", "2024年3月5日", "已办结",
     "赵大妈", 13912345678, "已回访"],
    [2, "食堂排队", "电话", "食堂就餐", "东辛片区", "2024/3/5", None, None,
     "钱师傅", "0546-7654321", None],
    [3, "医保结算慢", "政务热线", "医疗医保", "瑞景社区", "2024.3.5", None, "办理中",
     None, None, "转医保中心"],
]  # fmt: skip
VISIT_HEADERS = ["序号", "走访小组", "走访对象", "走访日期", "参加人数", "走访人员", "交流内容"]
VISIT_HEADERS += ["反映人", "联系电话", "备注"]
VISIT_ROWS = [
    [1, "第一走访小组", "机场基地", "2024年3月5日", 6, "王建国、李红", "用工需求",
     "孙师傅", "13700000000", None],
    [2, "第一走访小组", "采油一厂", "2024/3/12", 5, "王建国", "食堂就餐", None, None, "回访"],
]  # fmt: skip
PRIVATE = ["赵大妈", "13912345678", "钱师傅", "0546-7654321", "孙师傅", "13700000000"]


def clerk_workbook(path: Path) -> Path:
    """问题台账 and 走访台账 as clerks keep them: titles, merged cells, totals, notes, signers."""
    book = openpyxl.Workbook()
    issues = book.active
    issues.title = "问题台账"
    issues.append(["东辛服务协调中心 2024年3月问题台账"])
    issues.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(ISSUE_HEADERS))
    issues.append([])
    for row in [ISSUE_HEADERS, *ISSUE_ROWS]:
        issues.append(row)
    issues.append(["合计", "3件"])
    issues.append(["备注：本表按月报送，反映人信息仅供回访"])
    issues.append([None, None, None, "制表人：张三", None, None, None, "审核人：李四"])
    visits = book.create_sheet("走访台账")
    visits.append(["机关分部一线走访记录"])
    visits.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(VISIT_HEADERS))
    visits.append(["填报单位：机关分部（2024年3月）"])
    visits.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(VISIT_HEADERS))
    for row in [VISIT_HEADERS, *VISIT_ROWS]:
        visits.append(row)
    visits.append(["合计", None, None, None, 11])
    visits.append(["制表人：李红"])
    book.save(path)
    return path


@pytest.fixture
async def base(store: Neo4jStore) -> Neo4jStore:
    """The graph the clerk's names refer to: categories, communities, units, a visit group."""
    await write_fieldwork_base(store)
    return store


async def test_a_clerk_workbook_imports_exactly_its_data_rows_with_a_chinese_report(
    base: Neo4jStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = clerk_workbook(tmp_path / "三月台账.xlsx")
    before = await base.query("MATCH (n) RETURN count(n) AS n")
    summary = await import_ledger(base, plan(path))
    assert (summary.read, summary.written, summary.rejected) == (5, 5, 0), summary.problems
    assert summary.skipped == 5 and summary.errors_file is None
    assert cli.print_summary(summary) == 0
    printed = re.sub(r"用时 [\d.]+ 秒", "用时 … 秒", capsys.readouterr().out)
    assert printed.splitlines() == [
        "lianxin: 读取 5 行，有效 5 行，写入 5 行，拒绝 0 行，"
        "跳过 5 行（合计、备注、签名等），用时 … 秒",
        "  问题：读取 3 行，有效 3 行，写入 3 行，跳过 3 行",
        "  问题：未导入的合计、备注、签名行：第 7 行（合计）、第 8 行（备注）、第 9 行（制表人）",
        "  问题：以下列未导入（连心不认识这些列名）：序号、反映人、联系电话、备注",
        "  走访：读取 2 行，有效 2 行，写入 2 行，跳过 2 行",
        "  走访：未导入的合计、备注、签名行：第 6 行（合计）、第 7 行（制表人）",
        "  走访：以下列未导入（连心不认识这些列名）：序号、反映人、联系电话、备注",
    ]
    assert not any(value in printed for value in PRIVATE)

    # Exactly the data rows, linked to what their names name, their text dates read.
    issues = await base.query(
        "MATCH (i:Issue)-[:IN_CATEGORY]->(c:Category), (i)-[:LOCATED_IN]->(a:Area) "
        "WHERE i.key <> 'issue/I1' "
        "RETURN i.title AS title, c.key AS category, a.key AS area, i.state AS state, "
        "i.reportedAt AS at, i.resolvedAt AS done ORDER BY title"
    )
    day = dt.datetime(2024, 3, 5, tzinfo=zone())
    assert [(i["title"], i["category"], i["area"], i["state"]) for i in issues] == [
        ("医保结算慢", "category/medical", "community/ruijing", "IN_PROGRESS"),
        ("路灯不亮", "category/lighting", "community/ruijing", "RESOLVED"),
        ("食堂排队", "category/canteen", "area/dongxin", "RECEIVED"),
    ]
    assert all(i["at"] == day for i in issues)
    assert issues[1]["done"] == day
    visits = await base.query(
        "MATCH (v:Visit)-[:CONDUCTED_BY]->(:VisitGroup {key: 'visit-group/1'}), "
        "(v)-[:VISITED]->(o:Organization) "
        "RETURN o.key AS unit, v.visitedOn AS on, v.memberCount AS members, v.status AS status, "
        "COUNT { (v)-[:ATTENDED_BY]->(:Person) } AS went ORDER BY on"
    )
    assert visits == [
        {"unit": "org/airport", "on": dt.date(2024, 3, 5), "members": 6, "status": "DONE",
         "went": 2},
        {"unit": "org/plant-1", "on": dt.date(2024, 3, 12), "members": 5, "status": "DONE",
         "went": 1},
    ]  # fmt: skip
    after = await base.query("MATCH (n) RETURN count(n) AS n")
    assert after[0]["n"] == before[0]["n"] + 5
    # No totals row became a person or an issue, and nothing private was stored.
    stored = await snapshot(base)
    assert not any(value in str(stored) for value in [*PRIVATE, "3件", "张三", "合计"])
    await import_ledger(base, plan(path))
    assert await snapshot(base) == stored
