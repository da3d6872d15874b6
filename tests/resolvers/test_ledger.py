"""Ledger (台账) import and export against a real Neo4j: idempotent, validated, all-or-nothing."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

import cli
from graph.errors import StoreConflict, StoreError
from graph.model import Label
from graph.store import Neo4jStore
from resolvers.ledgers.exporter import export_ledgers
from resolvers.ledgers.importer import Summary, import_ledger, load_mapping, plan
from resolvers.ledgers.reader import LedgerRefused
from resolvers.lifecycle import Lifecycle
from tests.support.ledgers import (
    CLERK_DATA_ROWS,
    CLERK_FOOTER,
    CLERK_HEADERS,
    CLERK_PRIVATE,
    CLERK_ROWS,
    COMMUNITIES,
    ISSUES,
    ORGANIZATIONS,
    PEOPLE,
    book,
    clerk_book,
    csv_file,
    snapshot,
    write_base,
    xlsx,
)


@pytest.fixture
async def base(store: Neo4jStore) -> Neo4jStore:
    """The test store holding the categories and the 片区 ledgers name."""
    await write_base(store)
    return store


async def _import(store: Neo4jStore, path: Path, **options: Any) -> Summary:
    kind = options.pop("kind", None)
    return await import_ledger(store, plan(path, kind), **options)


def _errors(path: Path) -> list[dict[str, str]]:
    report = path.with_name(path.name + ".errors.csv")
    with report.open(encoding="utf-8-sig", newline="") as rows:
        return list(csv.DictReader(rows))


async def test_a_workbook_imports_every_ledger_with_its_links(
    base: Neo4jStore, tmp_path: Path
) -> None:
    summary = await _import(base, book(tmp_path))
    assert (summary.read, summary.valid, summary.written, summary.rejected) == (10, 10, 10, 0)
    assert summary.errors_file is None
    counts = await base.count_by_label()
    assert (counts["Community"], counts["Organization"], counts["Person"], counts["Issue"]) == (
        2,
        3,
        2,
        3,
    )
    rels = await base.count_by_relationship()
    # Two communities in the 片区 and one company station under its company.
    assert rels["PART_OF"] == 3
    assert rels["MEMBER_OF"] == 2 and rels["OBSERVES"] == 1
    assert rels["IN_CATEGORY"] == 3 and rels["LOCATED_IN"] == 5
    [company] = await base.get_nodes(Label.ORGANIZATION, ["org/W001"])
    assert company is not None
    assert company["contactPhone"] == "13800000000" and company["kind"] == "SERVICE_COMPANY"
    rows = await base.query(
        "MATCH (i:Issue)-[:IN_CATEGORY]->(c) RETURN i.title AS title, i.state AS state, "
        "i.channel AS channel, i.reportedAt AS at, i.satisfaction AS rating, c.key AS category "
        "ORDER BY title"
    )
    by_title = {row["title"]: row for row in rows}
    canteen = by_title["食堂就餐难"]
    assert (canteen["state"], canteen["channel"], canteen["rating"]) == ("RESOLVED", "HOTLINE", 5)
    assert canteen["at"].to_native() == dt.datetime(
        2024, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )
    assert by_title["医保无法结算"]["state"] == "RECEIVED"
    assert by_title["医保无法结算"]["category"] == "category/medical"
    assert by_title["污水外溢"]["rating"] == 4
    [observer] = await base.query(
        "MATCH (p:Person {name: '王芳'})-[:OBSERVES]->(c:Community) RETURN p.roles AS roles, "
        "c.name AS community"
    )
    assert observer == {"roles": ["OBSERVER", "PARTY_MEMBER"], "community": "瑞景社区"}


async def test_importing_the_same_file_twice_changes_nothing(
    base: Neo4jStore, tmp_path: Path
) -> None:
    path = book(tmp_path)
    await _import(base, path)
    first = await snapshot(base)
    again = await _import(base, path)
    assert again.written == 10
    assert await snapshot(base) == first


async def test_a_dry_run_validates_and_writes_nothing(base: Neo4jStore, tmp_path: Path) -> None:
    before = await snapshot(base)
    summary = await _import(base, book(tmp_path), dry_run=True)
    assert (summary.valid, summary.written) == (10, 0)
    assert await snapshot(base) == before


async def test_a_crash_after_the_first_batch_then_a_rerun_equals_one_clean_import(
    base: Neo4jStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = book(tmp_path)
    write = base.write
    calls = 0

    async def crash_on_second(work: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise StoreError("connection lost")
        return await write(work)

    monkeypatch.setattr(base, "write", crash_on_second)
    with pytest.raises(StoreError):
        await _import(base, path, batch_size=4)
    partial = await base.count_by_label()
    # Only the first batch (the communities and two organizations) committed.
    assert sum(partial[label] for label in ("Organization", "Person", "Issue")) == 2
    monkeypatch.setattr(base, "write", write)
    await _import(base, path, batch_size=4)
    rerun = await snapshot(base)

    await base.clear()
    await write_base(base)
    await _import(base, path, batch_size=1000)
    assert await snapshot(base) == rerun


async def test_csv_ledgers_in_gb18030_or_utf8_give_the_same_graph(
    base: Neo4jStore, tmp_path: Path
) -> None:
    graphs = []
    for encoding in ("gb18030", "utf-8-sig", "utf-8"):
        await base.clear()
        await write_base(base)
        await _import(
            base, csv_file(tmp_path / f"communities-{encoding}.csv", COMMUNITIES, encoding)
        )
        summary = await _import(
            base, csv_file(tmp_path / f"issues-{encoding}.csv", ISSUES, encoding)
        )
        assert (summary.written, summary.rejected) == (3, 0)
        graphs.append(await snapshot(base))
    # Keys derive from the row text, not the file's bytes: every encoding gives the same graph.
    assert graphs[0] == graphs[1] == graphs[2]
    titles = {node["props"].get("title") for node in graphs[0][0] if "Issue" in node["labels"]}
    assert titles == {"食堂就餐难", "医保无法结算", "污水外溢"}


async def test_missing_required_columns_refuse_the_whole_file(
    base: Neo4jStore, tmp_path: Path
) -> None:
    organizations = [[cell for i, cell in enumerate(row) if i != 2] for row in ORGANIZATIONS]
    path = xlsx(tmp_path / "bad.xlsx", {"社区": COMMUNITIES, "单位": organizations})
    before = await snapshot(base)
    with pytest.raises(LedgerRefused, match="单位类型"):
        plan(path)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["import", str(path)])
    assert exit_.value.code == 2
    assert await snapshot(base) == before


async def test_bad_rows_are_reported_by_row_and_column_and_the_good_ones_written(
    base: Neo4jStore, tmp_path: Path
) -> None:
    await _import(base, csv_file(tmp_path / "communities.csv", COMMUNITIES))
    issues = [
        ["编号", "问题标题", "反映渠道", "问题类别", "所属社区", "反映时间", "满意度"],
        ["Q1", "好问题", "电话", "食堂就餐", "瑞景社区", "2024-03-01", ""],
        ["Q2", "坏日期", "电话", "食堂就餐", "瑞景社区", "2024-13-45", ""],
        ["Q3", "坏渠道", "飞鸽传书", "食堂就餐", "瑞景社区", "2024-03-01", ""],
        ["Q4", "重复甲", "电话", "食堂就餐", "瑞景社区", "2024-03-01", ""],
        ["Q4", "重复乙", "电话", "食堂就餐", "瑞景社区", "2024-03-02", ""],
        ["Q5", "无此社区", "电话", "食堂就餐", "幸福社区", "2024-03-01", ""],
        ["Q6", "满意度过高", "电话", "食堂就餐", "瑞景社区", "2024-03-01", "7"],
        ["Q 7", "坏编号", "电话", "食堂就餐", "瑞景社区", "2024-03-01", ""],
    ]
    path = csv_file(tmp_path / "issues.csv", issues)
    summary = await _import(base, path)
    assert (summary.read, summary.written, summary.rejected) == (8, 1, 7)
    report = [(row["行号"], row["列"], row["值"]) for row in _errors(path)]
    assert report == [
        ("3", "反映时间", "2024-13-45"),
        ("4", "反映渠道", "飞鸽传书"),
        ("5", "编号", "issue/Q4"),
        ("6", "编号", "issue/Q4"),
        ("7", "所属社区", "幸福社区"),
        ("8", "满意度", "7"),
        ("9", "编号", "Q 7"),
    ]
    duplicate = _errors(path)[2]
    assert duplicate["代码"] == "DUPLICATE_KEY" and "编号重复" in duplicate["原因"]
    assert "第 5、6 行" in duplicate["原因"]
    [issue] = await base.query("MATCH (i:Issue) RETURN i.key AS key")
    assert issue["key"] == "issue/Q1"
    # A clean re-run removes the stale report.
    good = csv_file(tmp_path / "issues.csv", issues[:2])
    assert (await _import(base, good)).errors_file is None
    assert not (tmp_path / "issues.csv.errors.csv").exists()


async def test_a_row_naming_a_rejected_row_is_rejected_too(
    base: Neo4jStore, tmp_path: Path
) -> None:
    organizations = [
        ["单位名称", "单位类型", "上级单位"],
        ["物业公司", "不存在的类型", None],
        ["物业一站", "专业化公司", "物业公司"],
        ["胜利二小", "学校", None],
    ]
    path = csv_file(tmp_path / "orgs.csv", organizations)
    summary = await _import(base, path)
    assert (summary.written, summary.rejected) == (1, 2)
    assert [(row["行号"], row["列"]) for row in _errors(path)] == [
        ("2", "单位类型"),
        ("3", "上级单位"),
    ]


async def test_a_mapping_file_renames_columns(base: Neo4jStore, tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps({"organizations": {"机构全称": "name", "机构类别": "kind"}}), encoding="utf-8"
    )
    # The mapping's headers are found under a title row, as the built-in ones are.
    rows = [["2024年机构名录"], [], ["机构全称", "机构类别"], ["区中心医院", "医院"]]
    path = csv_file(tmp_path / "orgs.csv", rows)
    summary = await import_ledger(base, plan(path, "organizations", load_mapping(mapping)))
    assert summary.written == 1
    [row] = await base.query("MATCH (o:Organization) RETURN o.name AS name, o.kind AS kind")
    assert row == {"name": "区中心医院", "kind": "HOSPITAL"}


async def test_export_then_import_changes_nothing(base: Neo4jStore, tmp_path: Path) -> None:
    sites = [
        ["场地名称", "产权单位", "所属社区", "经度", "纬度", "占地面积(亩)"],
        ["一号大院", "物业公司", "安泰社区", 118.51, 37.41, 42.5],
    ]
    projects = [
        ["项目名称", "项目类型", "项目状态", "开始日期", "结束日期", "牵头单位", "服务人数"],
        ["胜利二小扩建", "民生工程", "已完成", "2023/9/1", "2024年7月31日", "胜利二小", 1200],
    ]
    path = xlsx(
        tmp_path / "台账.xlsx",
        {
            "社区": COMMUNITIES,
            "单位": ORGANIZATIONS,
            "人员": PEOPLE,
            "问题": ISSUES,
            "场地": sites,
            "项目": projects,
        },
    )
    assert (await _import(base, path)).written == 12
    original = await snapshot(base)
    exported = tmp_path / "export.xlsx"
    counts = await export_ledgers(base, exported)
    assert counts == {
        "communities": 2,
        "organizations": 3,
        "sites": 1,
        "people": 2,
        "projects": 1,
        "issues": 3,
        "visits": 0,
        "meetings": 0,
        "moves": 0,
        "suggestions": 0,
    }
    book = openpyxl.load_workbook(exported, read_only=True)
    assert book.sheetnames == [
        "社区",
        "单位",
        "场地",
        "人员",
        "项目",
        "问题",
        "走访",
        "会议",
        "搬迁",
        "建议",
    ]
    book.close()
    assert (await _import(base, exported)).rejected == 0
    assert await snapshot(base) == original

    await base.clear()
    await write_base(base)
    await _import(base, exported)
    assert await snapshot(base) == original


LIVED = ["编号", "问题标题", "反映渠道", "问题类别", "所属社区", "反映时间"]


async def _lived_issue(store: Neo4jStore, tmp_path: Path) -> Lifecycle:
    """Issue Q1, imported from a ledger, then resolved and rated 4 (closed) in Lianxin."""
    await _import(store, csv_file(tmp_path / "communities.csv", COMMUNITIES))
    row = ["Q1", "路灯不亮", "电话", "食堂就餐", "瑞景社区", "2024-03-01 09:30"]
    await _import(store, csv_file(tmp_path / "q1.csv", [LIVED, row]))
    lifecycle = Lifecycle(store, actor="person/clerk")
    await lifecycle.resolve("issue/Q1", "修好了")
    await lifecycle.record_feedback("issue/Q1", 4, None)
    return lifecycle


async def _issue_history(store: Neo4jStore) -> tuple[str, int, int]:
    [row] = await store.query(
        "MATCH (i:Issue {key: 'issue/Q1'}) "
        "RETURN i.state AS state, i.satisfaction AS rating, COUNT { (i)-[:HAS_EVENT]->() } AS n"
    )
    return row["state"], row["rating"], row["n"]


async def test_a_ledger_row_cannot_move_an_issue_that_has_events(
    base: Neo4jStore, tmp_path: Path
) -> None:
    await _lived_issue(base, tmp_path)
    assert await _issue_history(base) == ("CLOSED", 4, 2)
    before = await snapshot(base)
    old = [
        [*LIVED, "办理状态", "满意度"],
        ["Q1", "路灯不亮", "电话", "食堂就餐", "瑞景社区", "2024-03-01 09:30", "已受理", 2],
    ]
    for dry_run in (True, False):
        path = csv_file(tmp_path / "old.csv", old)
        summary = await _import(base, path, dry_run=dry_run)
        assert (summary.valid, summary.written, summary.rejected) == (0, 0, 1)
        report = _errors(path)
        assert [(row["行号"], row["列"], row["值"]) for row in report] == [
            ("2", "办理状态", "已受理"),
            ("2", "满意度", "2"),
        ]
        assert "当前已关闭" in report[0]["原因"] and "填写已关闭" in report[0]["原因"]
        assert "填写4" in report[1]["原因"]
        assert await snapshot(base) == before


async def test_a_ledger_row_repeating_what_the_lifecycle_wrote_is_accepted(
    base: Neo4jStore, tmp_path: Path
) -> None:
    await _lived_issue(base, tmp_path)
    before = await snapshot(base)
    same = [
        [*LIVED, "办理状态", "满意度"],
        ["Q1", "路灯不亮", "电话", "食堂就餐", "瑞景社区", "2024-03-01 09:30", "已关闭", 4],
    ]
    assert (await _import(base, csv_file(tmp_path / "same.csv", same))).rejected == 0
    # Without a 办理状态 column the row leaves the state to the lifecycle, not to the default.
    row = ["Q1", "路灯不亮（更正）", "电话", "食堂就餐", "瑞景社区", "2024-03-01 09:30"]
    summary = await _import(base, csv_file(tmp_path / "title.csv", [LIVED, row]))
    assert (summary.written, summary.rejected) == (1, 0)
    assert await _issue_history(base) == ("CLOSED", 4, 2)
    [issue] = await base.get_nodes(Label.ISSUE, ["issue/Q1"])
    assert issue is not None and issue["title"] == "路灯不亮（更正）"
    # What export writes of a lived issue imports back unchanged.
    await _import(base, csv_file(tmp_path / "same.csv", same))
    assert await snapshot(base) == before
    exported = await export_ledgers(base, tmp_path / "export.xlsx", ["issues"])
    assert exported == {"issues": 1}
    assert (await _import(base, tmp_path / "export.xlsx")).rejected == 0
    assert await snapshot(base) == before


async def test_a_step_taken_during_an_import_refuses_the_batch_that_would_undo_it(
    base: Neo4jStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _import(base, csv_file(tmp_path / "communities.csv", COMMUNITIES))
    row = ["Q1", "路灯不亮", "电话", "食堂就餐", "瑞景社区", "2024-03-01", "已办结"]
    path = csv_file(tmp_path / "q1.csv", [[*LIVED, "办理状态"], row])
    await _import(base, path)
    lifecycle = Lifecycle(base, actor="person/clerk")
    await lifecycle.record_feedback("issue/Q1", 2, None)
    # RESOLVED again, as the row says: the check before writing passes.
    await lifecycle.start("issue/Q1")
    await lifecycle.resolve("issue/Q1")
    write = base.write
    stepped = False

    async def step_first(work: Any) -> Any:
        nonlocal stepped
        if not stepped:
            stepped = True
            await lifecycle.close("issue/Q1")
        return await write(work)

    monkeypatch.setattr(base, "write", step_first)
    with pytest.raises(StoreConflict, match="issue/Q1"):
        await _import(base, path)
    assert (await _issue_history(base))[0] == "CLOSED"


async def test_a_clerk_workbook_imports_exactly_its_data_rows_under_a_title(
    base: Neo4jStore, tmp_path: Path
) -> None:
    await _import(base, csv_file(tmp_path / "communities.csv", COMMUNITIES))
    path = clerk_book(tmp_path / "问题台账.xlsx")
    [table] = plan(path).tables
    # The headers are found on row 3 under the merged title, and rows keep their sheet numbers.
    assert table.ledger.kind == "issues"
    assert [number for number, _ in table.sheet.rows] == CLERK_DATA_ROWS
    footer_rows = list(range(CLERK_DATA_ROWS[-1] + 1, CLERK_DATA_ROWS[-1] + 1 + len(CLERK_FOOTER)))
    assert table.sheet.skipped == footer_rows
    summary = await _import(base, path)
    assert (summary.read, summary.written, summary.rejected) == (len(CLERK_ROWS), 3, 0)
    assert summary.skipped == len(CLERK_FOOTER) == summary.ledgers["issues"].skipped
    titles = {row["title"] for row in await base.query("MATCH (i:Issue) RETURN i.title AS title")}
    assert titles == {row[CLERK_HEADERS.index("问题标题")] for row in CLERK_ROWS}
    assert not await base.query("MATCH (p:Person) RETURN p.key AS key")


async def test_a_bad_row_under_a_title_is_reported_by_its_sheet_row(
    base: Neo4jStore, tmp_path: Path
) -> None:
    await _import(base, csv_file(tmp_path / "communities.csv", COMMUNITIES))
    path = clerk_book(tmp_path / "问题台账.xlsx")
    workbook = openpyxl.load_workbook(path)
    when = CLERK_HEADERS.index("反映时间") + 1
    workbook.active.cell(row=CLERK_DATA_ROWS[1], column=when, value="2024-13-45")
    workbook.save(path)
    summary = await _import(base, path)
    assert (summary.written, summary.rejected) == (2, 1)
    [problem] = _errors(path)
    assert (problem["行号"], problem["列"]) == (str(CLERK_DATA_ROWS[1]), "反映时间")


async def test_unknown_columns_are_listed_and_residents_data_never_reported(
    base: Neo4jStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await _import(base, csv_file(tmp_path / "communities.csv", COMMUNITIES))
    path = clerk_book(tmp_path / "问题台账.xlsx")
    summary = await _import(base, path, dry_run=True)
    assert summary.ledgers["issues"].unknown == ["序号", "反映人", "联系电话", "备注"]
    assert cli.print_summary(summary) == 0
    printed = capsys.readouterr().out
    assert "序号、反映人、联系电话、备注" in printed
    # The clerk reads the counts in Chinese, by the sheet's own name; English on request.
    assert "问题：读取 3 行" in printed and "跳过 5 行" in printed
    assert cli.print_summary(summary, "en") == 0
    assert "issues: 3 read" in capsys.readouterr().out
    private = [str(row[CLERK_HEADERS.index(h)]) for row in CLERK_ROWS for h in CLERK_PRIVATE]
    assert all(value not in printed + str(summary) for value in private if value != "None")


async def test_reasons_are_chinese_naming_row_and_column_and_english_on_request(
    base: Neo4jStore, tmp_path: Path
) -> None:
    await _import(base, csv_file(tmp_path / "communities.csv", COMMUNITIES))
    issues = [
        ["问题标题", "反映渠道", "问题类别", "所属社区", "反映时间", "满意度"],
        ["坏日期", "电话", "食堂就餐", "瑞景社区", "2024-13-45", ""],
        ["坏渠道", "飞鸽传书", "食堂就餐", "瑞景社区", "2024-03-01", ""],
        ["无此社区", "电话", "食堂就餐", "幸福社区", "2024-03-01", ""],
        ["满意度过高", "电话", "食堂就餐", "瑞景社区", "2024-03-01", "7"],
    ]
    path = csv_file(tmp_path / "issues.csv", issues)
    await _import(base, path)
    report = _errors(path)
    assert [row["代码"] for row in report] == [
        "NOT_DATE",
        "UNKNOWN_VALUE",
        "UNKNOWN_REFERENCE",
        "TOO_LARGE",
    ]
    for row in report:
        assert row["原因"].startswith(f"第 {row['行号']} 行「{row['列']}」：")
    assert "不是日期" in report[0]["原因"] and "2024年3月1日" in report[0]["原因"]
    assert "飞鸽传书" in report[1]["原因"] and "政务热线" in report[1]["原因"]
    assert "没有叫「幸福社区」的社区或片区" in report[2]["原因"]
    assert "不能大于 5" in report[3]["原因"]
    await _import(base, path, lang="en")
    english = _errors(path)
    assert [row["代码"] for row in english] == [row["代码"] for row in report]
    assert english[0]["原因"].startswith("row 2, column 反映时间: '2024-13-45' is not a date")


async def test_a_date_only_resolution_on_the_report_day_is_not_before_it(
    base: Neo4jStore, tmp_path: Path
) -> None:
    await _import(base, csv_file(tmp_path / "communities.csv", COMMUNITIES))
    issues = [
        ["编号", "问题标题", "反映渠道", "所属社区", "反映时间", "办结时间"],
        ["D1", "当天办结", "电话", "瑞景社区", "2024-05-01 15:20", "2024-05-01"],
        ["D2", "前一天办结", "电话", "瑞景社区", "2024-05-01 15:20", "2024-04-30"],
        ["D3", "早于时刻", "电话", "瑞景社区", "2024-05-01 15:20", "2024-05-01 09:00"],
    ]
    path = csv_file(tmp_path / "issues.csv", issues)
    summary = await _import(base, path)
    assert (summary.written, summary.rejected) == (1, 2)
    assert [(row["行号"], row["代码"]) for row in _errors(path)] == [
        ("3", "BEFORE"),
        ("4", "BEFORE"),
    ]
    [issue] = await base.query(
        "MATCH (i:Issue {key: 'issue/D1'}) RETURN i.reportedAt AS at, i.resolvedAt AS done"
    )
    assert issue["done"] == issue["at"]
    # Importing the file again changes nothing.
    before = await snapshot(base)
    await _import(base, path)
    assert await snapshot(base) == before


async def test_a_date_only_resolution_on_the_day_the_lifecycle_resolved_it_is_no_change(
    base: Neo4jStore, tmp_path: Path
) -> None:
    await _import(base, csv_file(tmp_path / "communities.csv", COMMUNITIES))
    row = ["Q1", "路灯不亮", "电话", "食堂就餐", "瑞景社区", "2024-03-01 09:30"]
    await _import(base, csv_file(tmp_path / "q1.csv", [LIVED, row]))
    resolved = dt.datetime(2024, 3, 4, 16, 45, tzinfo=dt.UTC)
    await Lifecycle(base, actor="person/clerk", clock=lambda: resolved).resolve("issue/Q1")
    before = await snapshot(base)
    # The clerk's 办结时间 is the day alone: it means the lifecycle's 16:45 that day.
    same_day = [[*LIVED, "办理状态", "办结时间"], [*row, "已办结", "2024年3月5日"]]
    summary = await _import(base, csv_file(tmp_path / "day.csv", same_day))
    assert (summary.written, summary.rejected) == (1, 0), summary.problems
    assert await snapshot(base) == before
    other_day = [[*LIVED, "办理状态", "办结时间"], [*row, "已办结", "2024年3月4日"]]
    summary = await _import(base, csv_file(tmp_path / "other.csv", other_day))
    [problem] = summary.problems
    assert (problem.code, problem.column) == ("IN_LIFECYCLE", "办结时间")
    assert await snapshot(base) == before
