"""Reading ledger files: xlsx sheets and CSV in UTF-8 (with or without BOM) or GB18030."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resolvers.ledgers.columns import LEDGERS

ENCODINGS = ("utf-8-sig", "gb18030")
# The header row is looked for among this many first non-empty rows (title rows above it).
HEADER_SEARCH = 10
KNOWN_HEADERS = frozenset(
    header for ledger in LEDGERS.values() for column in ledger.columns for header in column.headers
) | frozenset(
    column.key_column.headers[0] for ledger in LEDGERS.values() for column in ledger.links
)
# Totals, notes and signature rows clerks keep below the data: 合计：3人, 制表人：张三.
FOOTER = re.compile(
    r"(合计|小计|总计|共计|备注|说明|注|制表人|制表|审核人|审核|填表人|填报人|负责人|统计人"
    r"|填报单位|报送单位|示例)\s*(?:[:：]|\s|$)"
)


class LedgerRefused(Exception):
    """The whole file is refused before anything is written (exit code 2)."""

    def __init__(self, path: Path, reason: str, reason_en: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.reason_en = reason_en

    def explained(self, lang: str) -> str:
        """The reason in Chinese, or in English when `lang` is en."""
        return self.reason_en if lang == "en" else self.reason


@dataclass
class Sheet:
    """One table of a ledger file: its name, headers and rows by spreadsheet row number."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    # Totals, notes and signature rows left out, by spreadsheet row number.
    skipped: list[int] = field(default_factory=list)
    # What each skipped row starts with (合计, 备注, 制表人 …), by its row number.
    why: dict[int, str] = field(default_factory=dict)


def read(path: Path, known: frozenset[str] = KNOWN_HEADERS) -> list[Sheet]:
    """The non-empty sheets of an xlsx file, or the one table of a CSV file.

    `known` are the headers that tell the header row from title rows above it.
    """
    if not path.is_file():
        raise LedgerRefused(path, "没有这个文件", "no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, known)
    if suffix in (".csv", ".txt"):
        return [_table(path.stem, csv.reader(io.StringIO(_decode(path), newline="")), known)]
    raise LedgerRefused(
        path,
        "只能导入 .xlsx 或 .csv 台账，请在 Excel 中另存为这两种格式之一",
        "only .xlsx and .csv ledgers can be imported",
    )


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LedgerRefused(
        path,
        "文件既不是 UTF-8 也不是 GB18030 编码的文本，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 工作簿",
        "the file is neither UTF-8 nor GB18030 text; save it from Excel as "
        "'CSV UTF-8' or as an .xlsx workbook",
    )


def _read_xlsx(path: Path, known: frozenset[str]) -> list[Sheet]:
    # openpyxl (~13 MB) is loaded by the rare ledger requests only, not by every service.
    import openpyxl  # type: ignore[import-untyped]

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        # openpyxl raises zipfile, KeyError and XML errors alike for a damaged workbook.
        raise LedgerRefused(
            path,
            f"不是可读的 .xlsx 工作簿（{error}），请用 Excel 打开后重新保存",
            f"not a readable .xlsx workbook ({error})",
        ) from error
    try:
        # Hidden sheets hold helpers, such as a template's 选项 lists, not ledger rows.
        sheets = [
            _table(ws.title, ws.iter_rows(values_only=True), known)
            for ws in book.worksheets
            if getattr(ws, "sheet_state", "visible") == "visible"
        ]
    finally:
        book.close()
    return [sheet for sheet in sheets if sheet.headers]


def _table(name: str, lines: Iterator[Sequence[Any]], known: frozenset[str]) -> Sheet:
    filled: list[tuple[int, list[Any]]] = []
    for number, line in enumerate(lines, start=1):
        cells = [None if cell == "" else cell for cell in line]
        if any(cell is not None for cell in cells):
            filled.append((number, cells))
    if not filled:
        return Sheet(name, [], [])
    at = _header_index(filled, known)
    headers = [_header(cell) for cell in filled[at][1]]
    sheet = Sheet(name, headers, [])
    for number, cells in filled[at + 1 :]:
        word = footer_word(cells)
        if word is not None:
            sheet.skipped.append(number)
            sheet.why[number] = word
        else:
            sheet.rows.append((number, cells))
    return sheet


def _header_index(filled: Sequence[tuple[int, list[Any]]], known: frozenset[str]) -> int:
    """The first of the leading rows holding the most known headers; else the first row."""
    best, most = 0, 0
    for index, (_, cells) in enumerate(filled[:HEADER_SEARCH]):
        found = sum(1 for cell in cells if _header(cell) in known)
        if found > most:
            best, most = index, found
    return best


def is_footer(cells: Sequence[Any]) -> bool:
    """A totals, notes or signature row: its first value starts 合计、备注、制表人 and the like."""
    return footer_word(cells) is not None


def footer_word(cells: Sequence[Any]) -> str | None:
    """The word a totals, notes or signature row starts with (合计, 备注 …); None for data."""
    first = next((cell for cell in cells if cell is not None), None)
    match = FOOTER.match(first.strip()) if isinstance(first, str) else None
    return match.group(1) if match is not None else None


def _header(cell: Any) -> str:
    # Centers mark required columns with * and pad headers with full-width spaces.
    return "" if cell is None else str(cell).strip().strip("*＊").strip()
