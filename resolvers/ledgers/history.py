"""Issue rows against the lifecycle: a ledger does not move an issue that has events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.cypher.ledgers import LEDGER_ISSUE_HISTORY, LOCK_LEDGER_ISSUES
from graph.errors import StoreConflict
from graph.records import to_node
from graph.store import Neo4jStore
from resolvers.ledgers.columns import STATES
from resolvers.ledgers.rows import TZ, Problem, Record, shown

# The fields of an issue its lifecycle steps write, with the header a clerk knows them by.
OWNED = {"state": "办理状态", "resolvedAt": "办结时间", "satisfaction": "满意度"}

# An issue the lifecycle has moved: its key, event count and the fields it owns.
Lived = dict[str, dict[str, Any]]


async def check_history(store: Neo4jStore, records: Sequence[Record]) -> None:
    """Reject the issue rows that would change what the lifecycle owns of an issue with events.

    A field the row left to its default is dropped for such an issue instead: the row did not
    say it, and the lifecycle's value stands.
    """
    keys = _issue_keys(records)
    if not keys:
        return
    lived = _by_key(await store.query(LEDGER_ISSUE_HISTORY, keys=keys))
    for record in records:
        found = lived.get(record.key or "")
        if found is None or record.ledger.kind != "issues":
            continue
        for name in record.defaulted & OWNED.keys():
            del record.props[name]
        record.defaulted -= OWNED.keys()
        _same_day(record, found)
        record.problems.extend(_problems(record, found))


def _same_day(record: Record, lived: Mapping[str, Any]) -> None:
    """A date alone on the day the lifecycle recorded a time means that time, not a change."""
    for name in record.date_only & OWNED.keys():
        value, current = record.props.get(name), lived[name]
        if (
            isinstance(value, dt.datetime)
            and isinstance(current, dt.datetime)
            and current.astimezone(TZ).date() == value.astimezone(TZ).date()
        ):
            record.props[name] = current


async def guard_history(tx: AsyncManagedTransaction, records: Sequence[Record]) -> None:
    """In the writing transaction: lock the batch's issues, then refuse it if one has moved.

    The rows were checked before; this catches a step taken between that check and this write.
    """
    keys = _issue_keys(records)
    if not keys:
        return
    await (await tx.run(LOCK_LEDGER_ISSUES, keys=keys)).consume()
    lived = _by_key(await (await tx.run(LEDGER_ISSUE_HISTORY, keys=keys)).data())
    moved = sorted(
        record.key
        for record in records
        if record.key in lived and _problems(record, lived[record.key])
    )
    if moved:
        raise StoreConflict(
            f"issue(s) {', '.join(moved)} moved in their lifecycle while this ledger was being "
            "imported; this batch was not written: import the file again"
        )


def _issue_keys(records: Sequence[Record]) -> list[str]:
    return sorted({r.key for r in records if r.ledger.kind == "issues" and r.key is not None})


def _by_key(rows: Sequence[Mapping[str, Any]]) -> Lived:
    return {row["key"]: to_node(row) for row in rows}


def _problems(record: Record, lived: Mapping[str, Any]) -> list[Problem]:
    problems = []
    now = _state_name(lived["state"])
    for name, header in OWNED.items():
        value = record.props.get(name)
        if value is None or value == lived[name]:
            continue
        current = lived[name]
        params = {
            "events": lived["events"],
            "now": now,
            "keep": "清空此格" if current is None else f"填写{_cell(name, current)}",
            "keep_en": "leave the cell empty"
            if current is None
            else f"write {_cell(name, current)}",
        }
        cell = _cell(name, value)
        problems.append(Problem(record.sheet, record.row, header, cell, "IN_LIFECYCLE", params))
    return problems


def _cell(name: str, value: Any) -> str:
    if name == "state":
        return _state_name(value)
    # Stored datetimes are at the center's own offset: shown as they are, wall-clock time.
    return shown(value)


def _state_name(state: str) -> str:
    names = STATES.get(state)
    return names[0] if names else state
