"""Reading ledger files: xlsx sheets and CSV in UTF-8 (with or without BOM) or GB18030."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]

ENCODINGS = ("utf-8-sig", "gb18030")


class LedgerRefused(Exception):
    """The whole file is refused before anything is written (exit code 2)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class Sheet:
    """One table of a ledger file: its name, headers and rows by spreadsheet row number."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[Any]]]


def read(path: Path) -> list[Sheet]:
    """The non-empty sheets of an xlsx file, or the one table of a CSV file."""
    if not path.is_file():
        raise LedgerRefused(path, "no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return [_table(path.stem, csv.reader(io.StringIO(_decode(path), newline="")))]
    raise LedgerRefused(path, "only .xlsx and .csv ledgers can be imported")


def _decode(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LedgerRefused(
        path,
        "the file is neither UTF-8 nor GB18030 text; save it from Excel as "
        "'CSV UTF-8' or as an .xlsx workbook",
    )


def _read_xlsx(path: Path) -> list[Sheet]:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        # openpyxl raises zipfile, KeyError and XML errors alike for a damaged workbook.
        raise LedgerRefused(path, f"not a readable .xlsx workbook ({error})") from error
    try:
        sheets = [_table(ws.title, ws.iter_rows(values_only=True)) for ws in book.worksheets]
    finally:
        book.close()
    return [sheet for sheet in sheets if sheet.headers]


def _table(name: str, lines: Iterator[Sequence[Any]]) -> Sheet:
    headers: list[str] = []
    rows: list[tuple[int, list[Any]]] = []
    for number, line in enumerate(lines, start=1):
        cells = [None if cell == "" else cell for cell in line]
        if not any(cell is not None for cell in cells):
            continue
        if not headers:
            headers = [_header(cell) for cell in cells]
            continue
        rows.append((number, cells))
    return Sheet(name, headers, rows)


def _header(cell: Any) -> str:
    # Centers mark required columns with * and pad headers with full-width spaces.
    return "" if cell is None else str(cell).strip().strip("*＊").strip()
