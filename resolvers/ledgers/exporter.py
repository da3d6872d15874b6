"""Ledger export: one sheet per kind with the default Chinese headers, ready to re-import.

A reference column holds the names a clerk reads (路灯照明, 瑞景社区); beside it a hidden column
headed like 问题类别编号 keeps the keys, so that same-named nodes stay apart on re-import. The
visible names win: a name edited by the clerk is looked up as any name is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graph.cypher.ledgers import ledger_rows
from graph.records import native
from graph.store import Neo4jStore
from resolvers.ledgers.columns import LEDGERS, ORDER, Column, Ledger
from resolvers.ledgers.rows import TZ


async def export_ledgers(
    store: Neo4jStore, path: Path, kinds: Sequence[str] = ORDER
) -> dict[str, int]:
    """Write the chosen ledgers to an xlsx workbook; rows written per kind."""
    # openpyxl (~13 MB) is loaded by the rare ledger requests only, not by every service.
    import openpyxl  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    book = openpyxl.Workbook(write_only=True)
    counts: dict[str, int] = {}
    for kind in ORDER:
        if kind not in kinds:
            continue
        ledger = LEDGERS[kind]
        sheet = book.create_sheet(ledger.sheet)
        headers = layout(ledger)
        for index, column in enumerate(headers, start=1):
            if column.type == "refkey":
                sheet.column_dimensions[get_column_letter(index)].hidden = True
        sheet.append([column.headers[0] for column in headers])
        rows = await store.query(ledger_rows(ledger.label, _links(ledger)))
        for row in rows:
            sheet.append([_cell(column, row) for column in headers])
        counts[kind] = len(rows)
    book.save(path)
    return counts


def layout(ledger: Ledger) -> list[Column]:
    """The exported columns: each reference column followed by its hidden key column."""
    return [
        part
        for column in ledger.columns
        for part in ((column, column.key_column) if column.type == "ref" else (column,))
    ]


def _links(ledger: Ledger) -> tuple[tuple[str, Any, Any, bool], ...]:
    return tuple((c.field, c.rel, c.target, c.incoming) for c in ledger.links)


def _cell(column: Column, row: dict[str, Any]) -> Any:
    if column.type == "key":
        return row["props"]["key"]
    if column.type in ("ref", "refkey"):
        # All targets, even in a one-target column: import replaces links with what is written.
        targets = row[column.field]
        shown = [t["key"] if column.type == "refkey" else t["name"] or t["key"] for t in targets]
        return "、".join(shown) or None
    if column.type == "parts":
        return "；".join(row[column.field]) or None
    value = native(row["props"].get(column.field))
    if value is None:
        return None
    if column.type == "enum":
        names = column.names or {}
        values = value if isinstance(value, list) else [value]
        return "、".join(names[v][0] if v in names else v for v in values) or None
    if isinstance(value, dt.datetime):
        # Excel has no time zones: write the center's wall-clock time, as the import reads it.
        local = (value.astimezone(TZ) if value.tzinfo is not None else value).replace(tzinfo=None)
        # Excel keeps milliseconds at best: finer instants go out as ISO text to stay exact.
        return local.isoformat(sep=" ") if local.microsecond else local
    return value
