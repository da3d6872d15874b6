"""Ledger templates: an xlsx with a kind's headers, an example row and dropdowns from the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.cypher.ledgers import LEDGER_CHOICES
from graph.model import Label
from graph.store import Neo4jStore
from resolvers.ledgers.columns import LEDGERS, Column, Ledger

OPTIONS = "选项"
# Rows a dropdown covers below the headers: more than any ledger a clerk types by hand.
ROWS = 2000
# Names offered per reference column; a longer list is cut, and any name may still be typed.
MAX_CHOICES = 5000
# Residents, visits and issues are too many, and too private, to offer as a list.
UNLISTED = frozenset({Label.PERSON, Label.VISIT, Label.ISSUE})
EXAMPLE_MARK = "示例"
EXAMPLE_NOTE = "示例行：说明每列怎么填。导入时会跳过以「示例」开头的行，可直接删除。"
_EXAMPLES = {
    "text": "（文字）",
    "int": 1,
    "float": 1.5,
    "date": "2024-03-05",
    "datetime": "2024-03-05 09:30",
    "parts": "事项一；事项二",
}


async def choices(store: Neo4jStore, ledger: Ledger) -> dict[str, list[str]]:
    """The dropdown list of each reference and enum column: live names, or the enum's names."""
    lists: dict[str, list[str]] = {}
    names: dict[Label, list[str]] = {}
    for column in ledger.columns:
        if column.type == "enum":
            lists[column.field] = [spellings[0] for spellings in (column.names or {}).values()]
        elif column.type == "ref" and column.target is not None and column.target not in UNLISTED:
            if column.target not in names:
                rows = await store.query(LEDGER_CHOICES[column.target], limit=MAX_CHOICES)
                names[column.target] = [row["name"] for row in rows]
            lists[column.field] = names[column.target]
    return lists


async def write_template(store: Neo4jStore, kind: str, path: Path) -> Path:
    """Write the template of ledger `kind` to `path`."""
    # openpyxl (~13 MB) is loaded by the rare ledger requests only, not by every service.
    import openpyxl  # type: ignore[import-untyped]
    from openpyxl.comments import Comment  # type: ignore[import-untyped]
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    ledger = LEDGERS[kind]
    lists = await choices(store, ledger)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = ledger.sheet
    options = book.create_sheet(OPTIONS)
    options.sheet_state = "hidden"
    sheet.append([column.headers[0] for column in ledger.columns])
    sheet.append([_example(column, lists.get(column.field, [])) for column in ledger.columns])
    sheet.freeze_panes = "A2"
    grey = Font(italic=True, color="808080")
    slot = 0
    for index, column in enumerate(ledger.columns, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(row=1, column=index)
        head.font = Font(bold=True, color="C00000" if column.required else "000000")
        head.fill = PatternFill("solid", fgColor="DDEBF7")
        head.comment = Comment(_note(column), "连心")
        sheet.cell(row=2, column=index).font = grey
        sheet.column_dimensions[letter].width = max(12, 2.2 * len(column.headers[0]) + 4)
        values = lists.get(column.field)
        if values:
            slot += 1
            _dropdown(sheet, options, slot, column, letter, values)
    sheet.cell(row=2, column=1).comment = Comment(EXAMPLE_NOTE, "连心")
    book.save(path)
    return path


def _dropdown(
    sheet: Any, options: Any, slot: int, column: Column, letter: str, values: list[str]
) -> None:
    """A list validation on the column, its values in column `slot` of the hidden 选项 sheet."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    where = get_column_letter(slot)
    options.cell(row=1, column=slot, value=column.headers[0])
    for row, value in enumerate(values, start=2):
        options.cell(row=row, column=slot, value=value)
    rule = DataValidation(
        type="list",
        formula1=f"'{OPTIONS}'!${where}$2:${where}${len(values) + 1}",
        allow_blank=True,
        # Several names, 、-separated, are allowed where the column takes several.
        showErrorMessage=not column.many,
        errorTitle="不在可选范围内",
        error=f"请从下拉列表中选择{column.headers[0]}，或先在连心中添加它",
        promptTitle=column.headers[0],
        prompt="可从下拉列表选择" + ("；多个用、分隔" if column.many else ""),
        showInputMessage=True,
    )
    rule.add(f"{letter}2:{letter}{ROWS}")
    sheet.add_data_validation(rule)


def _example(column: Column, values: list[str]) -> object:
    if column.type == "key":
        return EXAMPLE_MARK
    if column.type in ("enum", "ref"):
        return values[0] if values else f"（{column.headers[0]}名称或编号）"
    return _EXAMPLES.get(column.type)


def _note(column: Column) -> str:
    also = "、".join(column.headers[1:])
    parts = ["必填" if column.required else "选填"]
    if column.type == "ref":
        parts.append("填名称或编号" + ("，多个用、分隔" if column.many else ""))
    elif column.type == "enum":
        parts.append("从下拉列表选择")
    elif column.type in ("date", "datetime"):
        parts.append("如 2024-03-05、2024/3/5 或 2024年3月5日")
    elif column.type == "parts":
        parts.append("每项一行，或用；分隔")
    if also:
        parts.append(f"也可写作：{also}")
    return "；".join(parts)
