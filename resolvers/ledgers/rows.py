"""Ledger rows: cell conversion, validation and stable keys."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model import (
    IssueState,
    MeetingKind,
    MoveStatus,
    ProjectStatus,
    SiteKind,
    SuggestionStatus,
    VisitStatus,
)
from graph.zone import zone
from resolvers.ledgers.columns import SATISFACTION, Column, Ledger, names_to_values
from resolvers.ledgers.reasons import Lang, explain
from resolvers.reference import KEY, MAX_NAME

# Ledgers are kept in the centers' wall-clock time: the configured zone.
TZ = zone()
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
SEPARATORS = re.compile(r"[、,，;；|]+")
# A meeting's 议定事项 are one per line or ；-separated: commas stay inside a decision.
PART_SEPARATORS = re.compile(r"[;；\r\n]+")
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?\s*秒?)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


@dataclass(frozen=True)
class Problem:
    """Why one cell (or a whole row) was rejected."""

    sheet: str
    row: int
    column: str
    value: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        """The reason in Chinese, naming the row and column."""
        return self.explained("zh")

    def explained(self, lang: Lang) -> str:
        """The reason in `lang`, naming the row and column and what to fix."""
        return explain(self.code, self.params, lang, self.row, self.column)


@dataclass
class Record:
    """One converted ledger row: its key, properties and references by field."""

    ledger: Ledger
    sheet: str
    row: int
    key: str | None = None
    props: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    # Keys of the hidden column export writes beside a reference: they tell same-named nodes apart.
    hints: dict[str, list[str]] = field(default_factory=dict)
    # Texts split into child nodes, by field (a meeting's decisions).
    parts: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Properties the row did not give, filled in by default (an issue's state).
    defaulted: set[str] = field(default_factory=set)
    # Times written as a date alone (办结时间 2024-05-01): some time that day, not midnight.
    date_only: set[str] = field(default_factory=set)


class CellError(ValueError):
    """A cell's value cannot be converted: the problem's code and parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def convert_row(
    ledger: Ledger,
    columns: Sequence[tuple[int, str, Column]],
    cells: Sequence[Any],
    sheet: str,
    row: int,
) -> Record:
    """Convert one row's cells; problems are collected, not raised."""
    record = Record(ledger, sheet, row)
    raw_key: str | None = None
    natural: dict[str, str] = {}
    for index, header, column in columns:
        cell = cells[index] if index < len(cells) else None
        if isinstance(cell, str):
            cell = cell.strip() or None
        if cell is None:
            if column.required:
                record.problems.append(Problem(sheet, row, header, "", "REQUIRED"))
            continue
        try:
            if column.type == "key":
                raw_key = _text(cell)
            elif column.type == "ref":
                # Every reference cell may name several nodes: export writes them all, 、-joined.
                record.refs[column.field] = list(dict.fromkeys(_split(_text(cell))))
                natural[column.field] = _text(cell)
            elif column.type == "refkey":
                record.hints[column.field] = list(dict.fromkeys(_split(_text(cell))))
            elif column.type == "parts":
                texts = [part.strip() for part in PART_SEPARATORS.split(_text(cell))]
                record.parts[column.field] = [text for text in texts if text]
            else:
                value = convert(column, cell)
                record.props[column.field] = value
                if column.type == "datetime" and value.time() == dt.time():
                    record.date_only.add(column.field)
                natural[column.field] = _natural(value)
        except CellError as error:
            problem = Problem(sheet, row, header, shown(cell), error.code, error.params)
            record.problems.append(problem)
    for name, keys in record.hints.items():
        # Without the visible names, the hidden keys are the reference.
        if name not in record.refs:
            record.refs[name] = keys
            natural[name] = "、".join(keys)
    _defaults(ledger, record)
    record.props.update(ledger.fixed)
    _check_dates(record)
    if raw_key is not None:
        record.key = explicit_key(ledger, raw_key)
        if record.key is None:
            record.problems.append(Problem(sheet, row, "编号", raw_key, "BAD_KEY"))
    elif ledger.natural[0] in natural:
        record.key = derived_key(ledger, [natural.get(name, "") for name in ledger.natural])
    return record


def convert(column: Column, cell: Any) -> Any:
    """A cell's value as the property type of its column."""
    if column.type == "text":
        text = _text(cell)
        if column.required and len(text) > MAX_NAME:
            raise CellError("TOO_LONG", limit=MAX_NAME)
        return text
    if column.type == "enum":
        lookup = names_to_values(column.names or {})
        spellings = _split(_text(cell)) if column.many else [_text(cell)]
        values = []
        for spelling in spellings:
            value = lookup.get(spelling) or lookup.get(spelling.lower())
            if value is None:
                choices = "、".join(names[0] for names in (column.names or {}).values())
                raise CellError("UNKNOWN_VALUE", value=spelling, choices=choices)
            values.append(value)
        return list(dict.fromkeys(values)) if column.many else values[0]
    if column.type == "int":
        return _bounded(column, _int(column, cell))
    if column.type == "float":
        return _bounded(column, _float(cell))
    if column.type == "date":
        return _datetime(cell).date()
    if column.type == "datetime":
        return _datetime(cell)
    raise AssertionError(f"unsupported column type {column.type}")


def explicit_key(ledger: Ledger, code: str) -> str | None:
    """The key for an explicit 编号: used as is when it is a full key, else under the prefix."""
    key = code if "/" in code else f"{ledger.prefix}/{code}"
    return key if KEY.fullmatch(key) else None


def derived_key(ledger: Ledger, natural: Sequence[str]) -> str:
    """A stable key from the natural key: the same row text always gives the same key."""
    text = "\x1f".join([ledger.kind, *(_normal(part) for part in natural)])
    return f"{ledger.prefix}/ledger-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _defaults(ledger: Ledger, record: Record) -> None:
    props = record.props
    if ledger.kind == "issues" and "state" not in props and "reportedAt" in props:
        resolved = "resolvedAt" in props
        props["state"] = IssueState.RESOLVED.value if resolved else IssueState.RECEIVED.value
        record.defaulted.add("state")
    elif ledger.kind == "projects" and "kind" in props:
        props.setdefault("status", ProjectStatus.PLANNED.value)
    elif ledger.kind == "sites" and "name" in props:
        props.setdefault("kind", SiteKind.FACTORY_COMPOUND.value)
    elif ledger.kind == "visits":
        done = "visitedOn" in props
        props.setdefault("status", (VisitStatus.DONE if done else VisitStatus.PLANNED).value)
    elif ledger.kind == "meetings" and "title" in props:
        props.setdefault("kind", MeetingKind.JOINT.value)
    elif ledger.kind == "moves":
        done = "movedOn" in props
        props.setdefault("status", (MoveStatus.DONE if done else MoveStatus.PLANNED).value)
    elif ledger.kind == "suggestions" and "title" in props:
        status = SuggestionStatus.COLLECTED
        if "implementedOn" in props:
            status = SuggestionStatus.IMPLEMENTED
        elif "adoptedOn" in props:
            status = SuggestionStatus.ADOPTED
        props.setdefault("status", status.value)


def _check_dates(record: Record) -> None:
    for start, end, header in (
        ("reportedAt", "resolvedAt", "办结时间"),
        ("startDate", "endDate", "结束日期"),
        ("collectedOn", "adoptedOn", "采纳日期"),
        ("adoptedOn", "implementedOn", "实施日期"),
        ("collectedOn", "implementedOn", "实施日期"),
    ):
        first, last = record.props.get(start), record.props.get(end)
        if _same_day(first, last):
            # A date written without a time (办结时间 2024-03-01) means some time that day, so it
            # is not before a time that day; it is kept as the start, never before it.
            record.props[end] = first
            continue
        if first is not None and last is not None and last < first:
            record.problems.append(
                Problem(
                    record.sheet, record.row, header, shown(last), "BEFORE", {"first": shown(first)}
                )
            )


def _same_day(first: Any, last: Any) -> bool:
    """Whether `last` is a date-only value (midnight) on the day of the later `first`."""
    if not isinstance(first, dt.datetime) or not isinstance(last, dt.datetime):
        return False
    return last.time() == dt.time() and last.date() == first.date() and last < first


def _text(cell: Any) -> str:
    # Excel stores codes and phone numbers typed as digits as floats: 13800000000.0.
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | dt.date):
        return cell.isoformat()
    return unicodedata.normalize("NFC", str(cell)).strip()


def _split(text: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(text) if part.strip()]


def _int(column: Column, cell: Any) -> int:
    if isinstance(cell, bool):
        raise CellError("NOT_WHOLE_NUMBER", value=_text(cell))
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    text = _text(cell).replace(",", "")
    if column.field == "satisfaction" and text in SATISFACTION:
        return SATISFACTION[text]
    try:
        return int(text)
    except ValueError:
        raise CellError("NOT_WHOLE_NUMBER", value=text) from None


def _float(cell: Any) -> float:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    text = _text(cell).replace(",", "")
    try:
        return float(text)
    except ValueError:
        raise CellError("NOT_NUMBER", value=text) from None


def _bounded(column: Column, value: Any) -> Any:
    if column.minimum is not None and value < column.minimum:
        raise CellError("TOO_SMALL", limit=f"{column.minimum:g}")
    if column.maximum is not None and value > column.maximum:
        raise CellError("TOO_LARGE", limit=f"{column.maximum:g}")
    return value


def _datetime(cell: Any) -> dt.datetime:
    if isinstance(cell, dt.datetime):
        return cell if cell.tzinfo is not None else cell.replace(tzinfo=TZ)
    if isinstance(cell, dt.date):
        return dt.datetime(cell.year, cell.month, cell.day, tzinfo=TZ)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        # An Excel serial date (days since 1899-12-30) in a cell not formatted as a date.
        if not 1 <= cell < 2958466:
            raise CellError("NOT_DATE", value=cell)
        return (EXCEL_EPOCH + dt.timedelta(days=float(cell))).replace(tzinfo=TZ)
    text = _text(cell)
    if text.isdigit() and len(text) <= 5:
        return _datetime(int(text))
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    try:
        if match is not None:
            year, month, day, *clock = (int(part) if part else 0 for part in match.groups())
            hour, minute, second = (*clock, 0, 0, 0)[:3]
            return dt.datetime(year, month, day, hour, minute, second, tzinfo=TZ)
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CellError("NOT_DATE", value=text) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=TZ)


def _natural(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def shown(value: Any) -> str:
    """A value as a clerk would write it in a cell."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return _text(value) if value is not None else ""
