"""Ledger references by the names clerks write, and the export writing them back, on Neo4j."""

from __future__ import annotations

from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from graph.model import Label
from graph.store import Neo4jStore
from resolvers.ledgers.exporter import export_ledgers
from resolvers.ledgers.importer import Summary, import_ledger, plan
from tests.support.ledgers import snapshot, write_fieldwork_base, xlsx

ISSUE_HEADERS = ["编号", "问题标题", "反映渠道", "问题类别", "所属社区", "反映时间", "办理状态"]


@pytest.fixture
async def base(store: Neo4jStore) -> Neo4jStore:
    """The test store holding named units, people, groups, a project and sites."""
    await write_fieldwork_base(store)
    return store


async def _import(store: Neo4jStore, path: Path, **options: object) -> Summary:
    return await import_ledger(store, plan(path), **options)  # type: ignore[arg-type]


def _issues(count: int) -> list[list[object]]:
    rows = [
        [f"N{n}", f"路灯不亮{n}", "电话", "路灯照明", "瑞景社区", "2024-03-05 08:00", "已受理"]
        for n in range(count)
    ]
    return [ISSUE_HEADERS, *rows]


async def test_names_resolve_in_one_read_per_label_however_many_rows(
    base: Neo4jStore, tmp_path: Path
) -> None:
    trips = []
    for count in (2, 60):
        path = xlsx(tmp_path / f"issues-{count}.xlsx", {"问题": _issues(count)})
        base.round_trips = 0
        summary = await _import(base, path)
        assert (summary.written, summary.rejected) == (count, 0)
        trips.append(base.round_trips)
    # Same reads for 60 rows as for 2: names are looked up per label, never per row.
    assert trips[0] == trips[1]
    linked = await base.query(
        "MATCH (i:Issue)-[:IN_CATEGORY]->(c:Category), (i)-[:LOCATED_IN]->(a:Area) "
        "WHERE i.key STARTS WITH 'issue/N' RETURN DISTINCT c.key AS category, a.key AS area"
    )
    assert linked == [{"category": "category/lighting", "area": "community/ruijing"}]


async def test_people_sites_projects_and_groups_are_named_as_clerks_name_them(
    base: Neo4jStore, tmp_path: Path
) -> None:
    people = [["姓名", "所属单位", "观察社区"], ["周敏", "机场基地、工会", "瑞景社区"]]
    sites = [["场地名称", "产权单位", "所属社区"], ["二号大院", "采油一厂", "东辛片区"]]
    visits = [["走访小组", "走访对象", "走访场地", "走访日期", "走访人员"]]
    visits.append(["第一走访小组", "机场基地", "二号大院", "2024-03-05", "王建国、周敏"])
    path = xlsx(tmp_path / "named.xlsx", {"人员": people, "场地": sites, "走访": visits})
    summary = await _import(base, path)
    assert (summary.written, summary.rejected) == (3, 0), summary.problems
    [visit] = await base.query(
        "MATCH (v:Visit)-[:CONDUCTED_BY]->(g:VisitGroup) RETURN g.key AS group, "
        "COLLECT { MATCH (v)-[:VISITED]->(n) RETURN n.name ORDER BY n.name } AS visited, "
        "COLLECT { MATCH (v)-[:ATTENDED_BY]->(p) RETURN p.name ORDER BY p.name } AS went"
    )
    assert visit == {
        "group": "visit-group/1",
        "visited": ["二号大院", "机场基地"],
        "went": ["周敏", "王建国"],
    }


async def test_an_unknown_or_shared_person_name_is_reported_masked_with_the_keys_to_choose(
    base: Neo4jStore, tmp_path: Path
) -> None:
    await base.upsert_nodes(Label.PERSON, [{"key": "person/wang-2", "name": "王建国"}])
    meetings = [
        ["会议名称", "参会人员"],
        ["第二次协调会", "赵铁柱"],
        ["第三次协调会", "王建国"],
    ]
    path = xlsx(tmp_path / "m.xlsx", {"会议": meetings})
    for lang in ("zh", "en"):
        summary = await _import(base, path, lang=lang)
        assert (summary.written, summary.rejected) == (0, 2)
        unknown, shared = summary.problems
        assert unknown.code == "UNKNOWN_REFERENCE" and shared.code == "AMBIGUOUS"
        assert (
            unknown.reason
            == "第 2 行「参会人员」：本文件和系统中都没有叫「赵**」的人员，请核对名称或先导入它"
        )
        assert shared.reason == (
            "第 3 行「参会人员」：系统中有 2 个人员都叫「王**」，"
            "请改填其中一个的编号：person/wang、person/wang-2"
        )
        report = path.with_name(path.name + ".errors.csv").read_text(encoding="utf-8-sig")
        assert "赵**" in report and "王**" in report
        for name in ("赵铁柱", "王建国"):
            assert name not in report
            assert all(name not in p.value + p.explained("en") for p in summary.problems)


async def test_export_writes_names_and_keeps_keys_so_reimport_changes_nothing(
    base: Neo4jStore, tmp_path: Path
) -> None:
    people = [["编号", "姓名", "所属单位"], ["P1", "周敏", "org/station-west"]]
    path = xlsx(tmp_path / "in.xlsx", {"问题": _issues(1), "人员": people})
    assert (await _import(base, path)).written == 2
    before = await snapshot(base)
    exported = tmp_path / "export.xlsx"
    counts = await export_ledgers(base, exported, ["people", "issues"])
    book = openpyxl.load_workbook(exported)
    issue = _rows(book["问题"])["issue/N0"]
    assert (issue["问题类别"], issue["所属社区"], issue["办理状态"]) == (
        "路灯照明",
        "瑞景社区",
        "已受理",
    )
    assert (issue["问题类别编号"], issue["所属社区编号"]) == (
        "category/lighting",
        "community/ruijing",
    )
    person = _rows(book["人员"])["person/P1"]
    # Two units are called 物业站: the hidden key says which one this is.
    assert (person["所属单位"], person["所属单位编号"]) == ("物业站", "org/station-west")
    summary = await _import(base, exported)
    assert (summary.written, summary.rejected) == (sum(counts.values()), 0)
    assert await snapshot(base) == before

    # The visible name wins: a clerk who writes another unit there moves the person.
    sheet = book["人员"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "person/P1")
    row[header.index("所属单位")].value = "机场基地"
    book.save(exported)
    assert (await _import(base, exported)).rejected == 0
    units = await base.query(
        "MATCH (:Person {key: 'person/P1'})-[:MEMBER_OF]->(o) RETURN o.key AS key"
    )
    assert units == [{"key": "org/airport"}]
    # Without the hidden keys, a shared name is ambiguous again and the row says so.
    row[header.index("所属单位")].value = "物业站"
    row[header.index("所属单位编号")].value = None
    book.save(exported)
    summary = await _import(base, exported)
    [problem] = summary.problems
    assert problem.code == "AMBIGUOUS" and problem.column == "所属单位"


def _rows(sheet: object) -> dict[str, dict[str, object]]:
    """An exported sheet's rows by their 编号, as {header: value}."""
    lines = [[cell.value for cell in line] for line in sheet.iter_rows()]  # type: ignore[attr-defined]
    header = lines[0]
    return {line[0]: dict(zip(header, line, strict=True)) for line in lines[1:]}
