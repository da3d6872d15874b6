"""Ledger import: plan a file, validate every row, then write valid rows in batches by key."""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anyio import to_thread
from neo4j import AsyncManagedTransaction

from graph.cypher.ledgers import LEDGER_DECISIONS, ledger_unlink
from graph.cypher.writes import UPSERT_NODES, upsert_relationships
from graph.errors import MissingEndpoints
from graph.model import Label
from graph.records import split_temporals
from graph.store import Neo4jStore
from resolvers.ledgers.columns import LEDGERS, ORDER, Column, Ledger
from resolvers.ledgers.history import check_history, guard_history
from resolvers.ledgers.links import linked_in_order, lookup, own_rows, unanswered
from resolvers.ledgers.reader import HEADER_SEARCH, KNOWN_HEADERS, LedgerRefused, Sheet, read
from resolvers.ledgers.reasons import Lang
from resolvers.ledgers.rows import Problem, Record, convert_row

BATCH_SIZE = 2000
Progress = Callable[[int, int], None]
Mapped = list[tuple[int, str, Column]]


@dataclass
class Table:
    """One sheet of the file with the ledger it fills and its columns by position."""

    ledger: Ledger
    sheet: Sheet
    columns: Mapped
    # Headers matching no column of the ledger: listed in the summary, their cells never read.
    unknown: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """A readable file whose every sheet has a known kind and all its required columns."""

    path: Path
    tables: list[Table]

    @property
    def rows(self) -> int:
        """Data rows in the file."""
        return sum(len(table.sheet.rows) for table in self.tables)


@dataclass
class Tally:
    """One ledger's rows: read from the file, valid, written, and skipped as totals or notes."""

    read: int = 0
    valid: int = 0
    written: int = 0
    skipped: int = 0
    unknown: list[str] = field(default_factory=list)
    # The rows skipped: (sheet, row number, the word it starts with: 合计, 备注, 制表人 …).
    skipped_rows: list[tuple[str, int, str]] = field(default_factory=list)


@dataclass
class Summary:
    """What an import did."""

    read: int = 0
    valid: int = 0
    written: int = 0
    rejected: int = 0
    skipped: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    ledgers: dict[str, Tally] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    errors_file: Path | None = None

    @property
    def rate(self) -> float:
        """Rows read per second."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def __str__(self) -> str:
        return (
            f"{self.read} rows read, {self.valid} valid, {self.written} written, "
            f"{self.rejected} rejected, {self.skipped} skipped "
            f"in {self.seconds:.1f}s ({self.rate:,.0f} rows/s)"
        )


def load_mapping(path: Path) -> dict[str, dict[str, str]]:
    """A mapping file: {kind: {header: field}}, or {header: field} for every kind."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise LedgerRefused(
            path, f"列名映射不是可读的 JSON（{error}）", f"not a readable JSON mapping ({error})"
        ) from error
    if not isinstance(data, dict):
        raise LedgerRefused(path, "列名映射必须是 JSON 对象", "the mapping must be a JSON object")
    if all(isinstance(value, dict) for value in data.values()):
        unknown = set(data) - set(LEDGERS)
        if unknown:
            raise LedgerRefused(
                path,
                f"列名映射中有未知的台账种类 {sorted(unknown)}",
                f"unknown kinds {sorted(unknown)}",
            )
        return {kind: {str(k): str(v) for k, v in fields.items()} for kind, fields in data.items()}
    flat = {str(k): str(v) for k, v in data.items()}
    return dict.fromkeys(LEDGERS, flat)


def plan(
    path: Path, kind: str | None = None, mapping: Mapping[str, Mapping[str, str]] | None = None
) -> Plan:
    """Read a file and check its shape; LedgerRefused if any sheet cannot be imported."""
    # A mapping's own headers find the header row as the built-in ones do.
    renamed = {header for fields in (mapping or {}).values() for header in fields}
    sheets = read(path, KNOWN_HEADERS | renamed)
    if not sheets:
        raise LedgerRefused(path, "文件中没有表头行", "the file has no header row")
    tables: list[Table] = []
    for sheet in sheets:
        ledger = _kind_of(sheet, kind, mapping or {}, only=len(sheets) == 1)
        if ledger is None:
            if kind is not None:
                continue
            raise LedgerRefused(
                path,
                f"看不出工作表「{sheet.name}」是哪种台账；请把工作表命名为"
                f"{'、'.join(LEDGERS[k].sheet for k in ORDER)}之一，或指明台账种类"
                "（--kind，上传时填 ledger）",
                f"cannot tell which ledger sheet '{sheet.name}' is; name the sheet after one "
                f"of {', '.join(ORDER)} or name its kind (--kind, or `ledger` in an upload)",
            )
        overrides = (mapping or {}).get(ledger.kind, {})
        known = {name for column in ledger.columns for name in (column.field, *column.headers)}
        unknown = sorted(
            f"{h}→{f}" for h, f in overrides.items() if f not in known and h in sheet.headers
        )
        if unknown:
            raise LedgerRefused(
                path,
                f"列名映射指向{ledger.sheet}台账没有的字段 {unknown}",
                f"the mapping names unknown {ledger.kind} fields {unknown}",
            )
        columns = _columns(ledger, sheet.headers, overrides)
        mapped = {column.field for _, _, column in columns}
        missing = [column.headers[0] for column in ledger.required if column.field not in mapped]
        if missing:
            raise LedgerRefused(
                path,
                f"工作表「{sheet.name}」（{ledger.sheet}台账）缺少必填列 {'、'.join(missing)}"
                f"（表头须在前 {HEADER_SEARCH} 行内），未导入任何数据",
                f"sheet '{sheet.name}' ({ledger.kind}) lacks the required column(s) "
                f"{'、'.join(missing)}; nothing was imported",
            )
        used = {index for index, _, _ in columns}
        ignored = [h for i, h in enumerate(sheet.headers) if h and i not in used]
        tables.append(Table(ledger, sheet, columns, ignored))
    if not tables:
        # Only a named kind skips sheets, so an empty plan always has one.
        wanted = LEDGERS[kind].sheet if kind is not None else ""
        raise LedgerRefused(
            path, f"没有一个工作表是{wanted}台账", f"no sheet holds a {kind} ledger"
        )
    tables.sort(key=lambda table: ORDER.index(table.ledger.kind))
    return Plan(path, tables)


def read_ledger(path: Path, kind: str | None = None, mapping: Path | None = None) -> Plan:
    """Plan a file with its optional mapping file, as `lianxin import` and uploads both do."""
    return plan(path, kind, load_mapping(mapping) if mapping is not None else None)


async def import_ledger(
    store: Neo4jStore,
    file: Plan,
    *,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    lang: Lang = "zh",
) -> Summary:
    """Validate every row, then MERGE the valid ones in batches of one transaction each."""
    started = time.monotonic()
    # MERGE on key is only safe and fast with the key constraints in place.
    await store.ensure_schema()
    # Row checks are CPU work in worker threads, so a server's event loop keeps answering.
    records = await to_thread.run_sync(_checked, file)
    # Before linking, so that a row naming a rejected issue row would be rejected too.
    await check_history(store, records)
    own = await to_thread.run_sync(own_rows, records)
    found = await lookup(store, await to_thread.run_sync(unanswered, records, own))
    valid = await to_thread.run_sync(linked_in_order, records, own, found)
    summary = await to_thread.run_sync(_summarize, file, records, valid, dry_run, lang)
    if not dry_run:
        for start in range(0, len(valid), batch_size):
            batch = valid[start : start + batch_size]
            await store.write(_batch_writer(batch))
            summary.written += len(batch)
            for record in batch:
                summary.ledgers[record.ledger.kind].written += 1
            if progress is not None:
                progress(summary.written, len(valid))
    summary.seconds = time.monotonic() - started
    return summary


def _checked(file: Plan) -> list[Record]:
    records = [
        convert_row(table.ledger, table.columns, cells, table.sheet.name, number)
        for table in file.tables
        for number, cells in table.sheet.rows
    ]
    _reject_duplicates(records)
    return records


def _summarize(
    file: Plan, records: Sequence[Record], valid: Sequence[Record], dry_run: bool, lang: Lang
) -> Summary:
    summary = Summary(
        read=len(records), valid=len(valid), rejected=len(records) - len(valid), dry_run=dry_run
    )
    for table in file.tables:
        tally = summary.ledgers.setdefault(table.ledger.kind, Tally())
        tally.skipped += len(table.sheet.skipped)
        sheet = table.sheet
        tally.skipped_rows.extend((sheet.name, row, sheet.why[row]) for row in sheet.skipped)
        tally.unknown.extend(h for h in table.unknown if h not in tally.unknown)
        summary.skipped += len(table.sheet.skipped)
    for record in records:
        summary.ledgers[record.ledger.kind].read += 1
    for record in valid:
        summary.ledgers[record.ledger.kind].valid += 1
    summary.problems = sorted(
        (problem for record in records for problem in record.problems),
        key=lambda p: (p.sheet, p.row),
    )
    summary.errors_file = _report(file.path, summary.problems, lang)
    return summary


def _kind_of(
    sheet: Sheet, kind: str | None, mapping: Mapping[str, Mapping[str, str]], *, only: bool
) -> Ledger | None:
    if kind is not None and only:
        return LEDGERS[kind]
    name = sheet.name.strip().lower()
    for ledger in LEDGERS.values():
        if name in (ledger.kind, ledger.sheet, *ledger.sheet_names):
            return ledger if kind in (None, ledger.kind) else None
    scores = []
    for ledger in LEDGERS.values():
        columns = _columns(ledger, sheet.headers, mapping.get(ledger.kind, {}))
        fields = {column.field for _, _, column in columns}
        if all(column.field in fields for column in ledger.required):
            scores.append((len(fields), ledger))
    scores.sort(key=lambda item: -item[0])
    if not scores or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    best = scores[0][1]
    return best if kind in (None, best.kind) else None


def _columns(ledger: Ledger, headers: Sequence[str], overrides: Mapping[str, str]) -> Mapped:
    by_header = {header: column for column in ledger.columns for header in column.headers}
    # The hidden key column export writes beside each reference column: 所属社区编号.
    by_header.update({c.key_column.headers[0]: c.key_column for c in ledger.links})
    fields = {column.field: column for column in ledger.columns}
    columns: Mapped = []
    taken: set[tuple[str, str]] = set()
    for index, header in enumerate(headers):
        target = overrides.get(header)
        column = fields.get(target) or by_header.get(target or "") if target else None
        column = column or by_header.get(header)
        # A second header for a field already mapped (编号 and 编码 both) is left out.
        if column is not None and (column.field, column.type) not in taken:
            columns.append((index, header, column))
            taken.add((column.field, column.type))
    return columns


def _reject_duplicates(records: Sequence[Record]) -> None:
    seen: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        if record.key is not None:
            seen.setdefault((record.ledger.kind, record.key), []).append(record)
    for (_, key), same in seen.items():
        if len(same) > 1:
            rows = [record.row for record in same]
            for record in same:
                problem = Problem(
                    record.sheet, record.row, "编号", key, "DUPLICATE_KEY", {"rows": rows}
                )
                record.problems.append(problem)


def _batch_writer(batch: Sequence[Record]) -> Callable[[AsyncManagedTransaction], Any]:
    """One transaction: the batch's nodes, then exactly the links each row names."""
    ledger_rows: dict[str, list[Record]] = {}
    for record in batch:
        ledger_rows.setdefault(record.ledger.kind, []).append(record)

    async def work(tx: AsyncManagedTransaction) -> None:
        await guard_history(tx, ledger_rows.get("issues", []))
        for kind in ORDER:
            rows = ledger_rows.get(kind, [])
            if not rows:
                continue
            ledger = LEDGERS[kind]
            nodes = [{"key": r.key, **split_temporals(r.props)} for r in rows]
            await (await tx.run(UPSERT_NODES[ledger.label], rows=nodes)).consume()
            for column in ledger.links:
                assert column.rel is not None and column.target is not None
                named = [
                    (r.key, r.links[column.field])
                    for r in rows
                    if r.key and column.field in r.links
                ]
                if not named:
                    continue
                unlink = ledger_unlink(column.rel, ledger.label, column.target, column.incoming)
                stale = [{"start": key, "ends": ends} for key, ends in named]
                await (await tx.run(unlink, rows=stale)).consume()
                # An incoming link runs from the named node to the row's: (:Project)-[:HAS_MOVE]->.
                ends_of = (column.target, ledger.label) if column.incoming else None
                start, end = ends_of or (ledger.label, column.target)
                link = upsert_relationships(column.rel, start, end)
                pairs = [
                    {**_ends(key, target, column.incoming), **split_temporals({})}
                    for key, ends in named
                    for target in ends
                ]
                record = await (await tx.run(link, rows=pairs)).single(strict=True)
                if record["written"] != len(pairs):
                    raise MissingEndpoints(
                        f"{len(pairs) - record['written']} {column.rel} links of this batch name "
                        "a node that no longer exists; the batch was not written"
                    )

            if ledger.label is Label.MEETING:
                await _write_decisions(tx, rows)

    return work


def _ends(row: str, target: str, incoming: bool) -> dict[str, str]:
    return {"start": target, "end": row} if incoming else {"start": row, "end": target}


async def _write_decisions(tx: AsyncManagedTransaction, rows: Sequence[Record]) -> None:
    """A meeting row's 议定事项 as its Decision nodes, one per item, keyed by its place."""
    given = [
        {
            "meeting": r.key,
            "prefix": decision_prefix(r.key),
            "decisions": [
                {"key": f"{decision_prefix(r.key)}{seq}", "text": text, "seq": seq}
                for seq, text in enumerate(r.parts["decisions"], start=1)
            ],
        }
        for r in rows
        if r.key is not None and "decisions" in r.parts
    ]
    if given:
        await (await tx.run(LEDGER_DECISIONS, rows=given)).consume()


def decision_prefix(meeting: str) -> str:
    """Keys of a meeting's ledger decisions: decision/M1-1, decision/M1-2 for meeting/M1."""
    return f"decision/{meeting.split('/', 1)[-1]}-"


def _report(path: Path, problems: Sequence[Problem], lang: Lang) -> Path | None:
    """Write `<file>.errors.csv` beside the input (UTF-8 with BOM, for Excel); None if clean."""
    target = path.with_name(path.name + ".errors.csv")
    if not problems:
        target.unlink(missing_ok=True)
        return None
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["行号", "工作表", "列", "值", "原因", "代码"])
        for p in problems:
            writer.writerow([p.row, p.sheet, p.column, p.value, p.explained(lang), p.code])
    return target
