"""Field-work ledgers against a real Neo4j: visits, meetings, moves and suggestions, as modelled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

from graph.store import Neo4jStore
from resolvers.ledgers.exporter import export_ledgers
from resolvers.ledgers.importer import Summary, import_ledger, plan
from tests.support.ledgers import (
    MEETINGS,
    fieldwork_book,
    snapshot,
    write_fieldwork_base,
    xlsx,
)

KINDS = ["visits", "meetings", "moves", "suggestions"]


@pytest.fixture
async def base(store: Neo4jStore) -> Neo4jStore:
    """The test store holding what the field-work ledgers name."""
    await write_fieldwork_base(store)
    return store


async def _import(store: Neo4jStore, path: Path) -> Summary:
    return await import_ledger(store, plan(path))


async def _one(store: Neo4jStore, statement: str) -> dict[str, Any]:
    [row] = await store.query(statement)
    return row


async def test_visits_meetings_moves_and_suggestions_write_the_model_s_shapes(
    base: Neo4jStore, tmp_path: Path
) -> None:
    summary = await _import(base, fieldwork_book(tmp_path / "field.xlsx"))
    assert (summary.read, summary.written, summary.rejected) == (7, 7, 0), summary.problems
    visit = await _one(
        base,
        "MATCH (v:Visit {key: 'visit/V1'})-[:CONDUCTED_BY]->(g:VisitGroup), "
        "(v)-[:VISITED]->(o:Organization) "
        "RETURN g.key AS group, o.key AS unit, v.status AS status, v.plannedOn AS planned, "
        "v.visitedOn AS visited, v.memberCount AS members, v.summary AS summary, "
        "COLLECT { MATCH (v)-[:ATTENDED_BY]->(p:Person) RETURN p.key ORDER BY p.key } AS went",
    )
    assert visit == {
        "group": "visit-group/1",
        "unit": "org/airport",
        "status": "DONE",
        "planned": dt.date(2024, 3, 4),
        "visited": dt.date(2024, 3, 5),
        "members": 6,
        "summary": "用工需求",
        "went": ["person/li", "person/wang"],
    }
    planned = await _one(base, "MATCH (v:Visit {key: 'visit/V2'}) RETURN v.status AS s")
    assert planned == {"s": "PLANNED"}
    meeting = await _one(
        base,
        "MATCH (m:Meeting {key: 'meeting/M1'})-[:ABOUT]->(p:Project) "
        "RETURN m.kind AS kind, m.heldOn AS held, m.place AS place, p.key AS project, "
        "m.decision AS legacy, "
        "COLLECT { MATCH (m)-[:ATTENDED_BY]->(o:Organization) RETURN o.key ORDER BY o.key } "
        "AS orgs, "
        "COLLECT { MATCH (m)-[:DECIDED]->(d:Decision) RETURN [d.seq, d.text, d.key] "
        "ORDER BY d.seq } AS decided",
    )
    assert meeting == {
        "kind": "COORDINATION",
        "held": dt.date(2024, 3, 6),
        "place": "东辛会议室",
        "project": "project/dongxin",
        "legacy": None,
        "orgs": ["org/branch", "org/plant-1"],
        "decided": [
            [1, "确定搬迁顺序", "decision/M1-1"],
            [2, "落实新址", "decision/M1-2"],
            [3, "安排资金", "decision/M1-3"],
        ],
    }
    moves = await base.query(
        "MATCH (p:Project)-[:HAS_MOVE]->(m:Move)-[:MOVES]->(o:Organization) "
        "OPTIONAL MATCH (m)-[:FROM_SITE]->(f:Site) OPTIONAL MATCH (m)-[:TO_SITE]->(t:Site) "
        "RETURN m.key AS key, p.key AS project, o.key AS unit, f.kind AS origin, "
        "t.kind AS destination, m.status AS status, m.movedOn AS moved, m.landMu AS land "
        "ORDER BY key"
    )
    assert moves == [
        {
            "key": "move/MV1",
            "project": "project/dongxin",
            "unit": "org/plant-1",
            "origin": "FACTORY_COMPOUND",
            "destination": "NEW_SITE",
            "status": "DONE",
            "moved": dt.date(2024, 4, 10),
            "land": 12.5,
        },
        {
            "key": "move/MV2",
            "project": "project/dongxin",
            "unit": "org/branch",
            "origin": "FACTORY_COMPOUND",
            "destination": None,
            "status": "PLANNED",
            "moved": None,
            "land": None,
        },
    ]
    suggestions = await base.query(
        "MATCH (s:Suggestion)-[:SUBMITTED_TO]->(to:Organization) "
        "RETURN s.key AS key, s.status AS status, to.key AS to, s.benefit AS benefit, "
        "COLLECT { MATCH (s)-[:PROPOSED_BY]->(by) RETURN by.key } AS by, "
        "COLLECT { MATCH (s)-[:RAISED_DURING]->(v:Visit) RETURN v.key } AS during, "
        "COLLECT { MATCH (s)-[:TRACKED_AS]->(i:Issue) RETURN i.key } AS tracked "
        "ORDER BY key"
    )
    assert suggestions == [
        {
            "key": "suggestion/S1",
            "status": "IMPLEMENTED",
            "to": "org/union",
            "benefit": "职工夜间出行",
            "by": ["person/wang"],
            "during": ["visit/V1"],
            "tracked": ["issue/I1"],
        },
        {
            "key": "suggestion/S2",
            "status": "ADOPTED",
            "to": "org/union",
            "benefit": None,
            "by": ["org/airport"],
            "during": [],
            "tracked": [],
        },
    ]
    # A suggestion tracked as an issue leaves that issue where its lifecycle has it.
    issue = await _one(
        base,
        "MATCH (i:Issue {key: 'issue/I1'}) "
        "RETURN i.state AS state, COUNT { (i)-[:HAS_EVENT]->() } AS events",
    )
    assert issue == {"state": "RECEIVED", "events": 0}


async def test_a_field_work_ledger_imported_again_or_exported_and_reimported_changes_nothing(
    base: Neo4jStore, tmp_path: Path
) -> None:
    path = fieldwork_book(tmp_path / "field.xlsx")
    await _import(base, path)
    before = await snapshot(base)
    assert (await _import(base, path)).rejected == 0
    assert await snapshot(base) == before
    exported = tmp_path / "export.xlsx"
    counts = await export_ledgers(base, exported, KINDS)
    assert counts == {"visits": 2, "meetings": 1, "moves": 2, "suggestions": 2}
    book = openpyxl.load_workbook(exported)
    meetings = book["会议"]
    headers = [cell.value for cell in meetings[1]]
    row = dict(zip(headers, [cell.value for cell in meetings[2]], strict=True))
    # Names a clerk reads, the keys beside them in hidden columns.
    assert row["参会单位"] == "机关分部、采油一厂"
    assert row["参会单位编号"] == "org/branch、org/plant-1"
    assert row["议定事项"] == "确定搬迁顺序；落实新址；安排资金"
    assert row["会议类型"] == "协调会"
    hidden = headers.index("参会单位编号") + 1
    assert meetings.column_dimensions[openpyxl.utils.get_column_letter(hidden)].hidden
    book.close()
    summary = await _import(base, exported)
    assert (summary.written, summary.rejected) == (7, 0)
    assert await snapshot(base) == before


async def test_fewer_decisions_replace_a_meeting_s_ledger_decisions_and_keep_others(
    base: Neo4jStore, tmp_path: Path
) -> None:
    await _import(base, xlsx(tmp_path / "m.xlsx", {"会议": MEETINGS}))
    # A decision recorded elsewhere (through the API) is not the ledger's to remove.
    await base.execute(
        "MATCH (m:Meeting {key: 'meeting/M1'}) "
        "CREATE (m)-[:DECIDED]->(:Decision {key: 'decision/api-1', text: '另议', seq: 9})"
    )
    fewer = [MEETINGS[0], [*MEETINGS[1][:6], "确定搬迁顺序；改在新址二区", *MEETINGS[1][7:]]]
    assert (await _import(base, xlsx(tmp_path / "m2.xlsx", {"会议": fewer}))).written == 1
    decided = await base.query(
        "MATCH (:Meeting {key: 'meeting/M1'})-[:DECIDED]->(d:Decision) "
        "RETURN d.key AS key, d.text AS text ORDER BY key"
    )
    assert decided == [
        {"key": "decision/M1-1", "text": "确定搬迁顺序"},
        {"key": "decision/M1-2", "text": "改在新址二区"},
        {"key": "decision/api-1", "text": "另议"},
    ]
    assert not await base.query("MATCH (d:Decision {key: 'decision/M1-3'}) RETURN d.key AS key")


async def test_field_work_rows_naming_nothing_or_dates_out_of_order_are_refused_on_their_row(
    base: Neo4jStore, tmp_path: Path
) -> None:
    moves = [
        ["所属项目", "搬迁单位", "原址"],
        ["东辛搬迁", "采油九厂", "一号大院"],
        ["西辛搬迁", "采油一厂", None],
        ["东辛搬迁", "物业站", None],
    ]
    suggestions = [
        ["建议内容", "提出日期", "采纳日期"],
        ["倒签日期", "2024-03-09", "2024-03-05"],
    ]
    path = xlsx(tmp_path / "bad.xlsx", {"搬迁": moves, "建议": suggestions})
    summary = await _import(base, path)
    assert (summary.written, summary.rejected) == (0, 4)
    reasons = {(p.row, p.code): p.reason for p in summary.problems}
    assert reasons[(2, "UNKNOWN_REFERENCE")].startswith("第 2 行「搬迁单位」：")
    assert "没有叫「采油九厂」的单位" in reasons[(2, "UNKNOWN_REFERENCE")]
    assert "没有叫「西辛搬迁」的项目" in reasons[(3, "UNKNOWN_REFERENCE")]
    ambiguous = reasons[(4, "AMBIGUOUS")]
    assert "2 个单位都叫「物业站」" in ambiguous
    assert "org/station-east、org/station-west" in ambiguous
    assert "早于2024-03-09" in reasons[(2, "BEFORE")]
    assert not await base.query("MATCH (n) WHERE n:Move OR n:Suggestion RETURN n.key AS key")
