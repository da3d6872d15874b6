"""Ledger templates from a real Neo4j: headers, an example row, dropdowns of the live names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest
from anyio import to_thread

import cli
from graph.store import Neo4jStore
from resolvers.ledgers.columns import LEDGERS, STATES, VISIT_STATUSES
from resolvers.ledgers.importer import import_ledger, plan
from settings import Settings
from tests.support.ledgers import write_fieldwork_base


@pytest.fixture
async def base(store: Neo4jStore) -> Neo4jStore:
    """The test store holding named units, groups, categories and communities."""
    await write_fieldwork_base(store)
    return store


def _dropdowns(sheet: Any, options: Any) -> dict[str, list[str]]:
    """Each validated column's header and the values its list offers on the 选项 sheet."""
    headers = [cell.value for cell in sheet[1]]
    found = {}
    for rule in sheet.data_validations.dataValidation:
        assert rule.type == "list" and rule.formula1.startswith("'选项'!")
        column = str(rule.sqref).split(":")[0].rstrip("0123456789")
        cells = options[rule.formula1.split("!")[1].replace("$", "")]
        found[headers[openpyxl.utils.column_index_from_string(column) - 1]] = [
            row[0].value for row in cells
        ]
    return found


async def test_the_cli_writes_headers_an_example_and_dropdowns_from_the_graph(
    base: Neo4jStore, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "问题模板.xlsx"
    args = cli.parser().parse_args(["ledger", "template", "issues", "--out", str(out)])
    # The command runs its own event loop, as it does from a shell.
    await to_thread.run_sync(args.run, args, settings)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["问题", "选项"]
    assert book["选项"].sheet_state == "hidden"
    sheet = book["问题"]
    ledger = LEDGERS["issues"]
    assert [cell.value for cell in sheet[1]] == [c.headers[0] for c in ledger.columns]
    example = [cell for cell in sheet[2]]
    assert example[0].value == "示例" and example[0].font.italic
    assert "导入时会跳过" in example[0].comment.text
    assert "必填" in sheet.cell(row=1, column=2).comment.text
    lists = _dropdowns(sheet, book["选项"])
    assert lists["问题类别"] == ["医疗医保", "路灯照明", "食堂就餐"]
    assert {"瑞景社区", "东辛片区"} <= set(lists["所属社区"])
    assert lists["办理状态"] == [names[0] for names in STATES.values()]
    assert "政务热线" in lists["反映渠道"]
    # The example row shows a real choice, and importing the untouched template writes nothing.
    assert example[ledger.columns.index(ledger.column("category"))].value == "医疗医保"
    summary = await import_ledger(base, plan(out))
    assert (summary.read, summary.written, summary.skipped) == (0, 0, 1)


async def test_a_field_work_template_offers_groups_units_and_statuses(
    base: Neo4jStore, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "visits.xlsx"
    args = cli.parser().parse_args(["ledger", "template", "visits", "--out", str(out)])
    await to_thread.run_sync(args.run, args, settings)
    book = openpyxl.load_workbook(out)
    lists = _dropdowns(book["走访"], book["选项"])
    assert lists["走访小组"] == ["第一走访小组"]
    assert lists["状态"] == [names[0] for names in VISIT_STATUSES.values()]
    assert "机场基地" in lists["走访对象"] and "物业站" in lists["走访对象"]
    # Residents are never listed.
    assert "走访人员" not in lists
