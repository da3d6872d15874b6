"""References between ledger rows: each one linked to a row of the file or a node of the graph."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.cypher.ledgers import LEDGER_LOOKUP
from graph.model import Label
from graph.store import Neo4jStore
from resolvers.access.principal import mask_name
from resolvers.ledgers.columns import LEDGERS, ORDER, Column
from resolvers.ledgers.rows import Problem, Record, explicit_key

# A resolved reference: the key it names and, when it names a row of this file, that row.
Target = tuple[str, Record | None]
Targets = dict[tuple[int, str], list[Target]]
# The file's own rows by (kind, key) and by (kind, name).
Own = tuple[dict[tuple[str, str], Record], dict[tuple[str, str], list[Record]]]
# Keys of graph nodes by (label, the value a reference cell holds).
Found = dict[tuple[Any, str], list[str]]
# An ambiguous name's reason lists at most this many of the keys to choose from.
AMBIGUOUS_SHOWN = 5


def own_rows(records: Sequence[Record]) -> Own:
    """The file's keyed rows, by (kind, key) and by (kind, name)."""
    by_key: dict[tuple[str, str], Record] = {}
    by_name: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        if record.key is None:
            continue
        by_key[(record.ledger.kind, record.key)] = record
        name = record.props.get(record.ledger.name_field)
        if isinstance(name, str):
            by_name.setdefault((record.ledger.kind, name), []).append(record)
    return by_key, by_name


def unanswered(records: Sequence[Record], own: Own) -> dict[Any, set[str]]:
    """Reference values no row of the file answers, by the label to look them up in."""
    by_key, by_name = own
    wanted: dict[Any, set[str]] = {}
    for record in records:
        for column in record.ledger.links:
            hints = record.hints.get(column.field, [])
            for value in record.refs.get(column.field, []):
                local = _in_file(column, value, by_key, by_name, hints)
                if local is None and column.target is not None:
                    wanted.setdefault(column.target, set()).add(value)
    return wanted


async def lookup(store: Neo4jStore, wanted: Mapping[Any, set[str]]) -> Found:
    """The graph's nodes each wanted value names, by key or by name."""
    found: Found = {}
    for label, values in wanted.items():
        params = [{"value": value, "keys": _key_forms(label, value)} for value in sorted(values)]
        for row in await store.query(LEDGER_LOOKUP[label], values=params):
            found[(label, row["value"])] = row["byKey"] or row["byName"]
    return found


def linked_in_order(records: Sequence[Record], own: Own, found: Found) -> list[Record]:
    """Link every reference, reject what cannot be linked, and order the rest for writing."""
    targets = _targets(records, own, found)
    _cascade(records, targets)
    return _ordered(records, targets)


def _targets(records: Sequence[Record], own: Own, found: Found) -> Targets:
    by_key, by_name = own
    targets: Targets = {}
    for index, record in enumerate(records):
        for column in record.ledger.links:
            header = column.headers[0]
            hints = record.hints.get(column.field, [])
            for value in record.refs.get(column.field, []):
                # Residents' names never reach a reason, a report or a log: only their mask.
                shown = mask_name(value) if column.target == Label.PERSON else value
                local = _in_file(column, value, by_key, by_name, hints)
                if isinstance(local, list):
                    shared = {"rows": local, "value": shown}
                    problem = Problem(
                        record.sheet, record.row, header, shown, "AMBIGUOUS_IN_FILE", shared
                    )
                    record.problems.append(problem)
                    continue
                if local is not None:
                    assert local.key is not None
                    targets.setdefault((index, column.field), []).append((local.key, local))
                    record.links.setdefault(column.field, []).append(local.key)
                    continue
                keys = _hinted(found.get((column.target, value), []), hints)
                if len(keys) == 1:
                    targets.setdefault((index, column.field), []).append((keys[0], None))
                    record.links.setdefault(column.field, []).append(keys[0])
                    continue
                code = "AMBIGUOUS" if keys else "UNKNOWN_REFERENCE"
                params: dict[str, Any] = {
                    "count": len(keys),
                    "target": str(column.target),
                    "value": shown,
                    "keys": keys[:AMBIGUOUS_SHOWN],
                }
                record.problems.append(
                    Problem(record.sheet, record.row, header, shown, code, params)
                )
    return targets


def _hinted(keys: list[str], hints: Sequence[str]) -> list[str]:
    """The keys a name stands for, narrowed to the hidden keys beside it when they tell."""
    narrowed = [key for key in keys if key in hints]
    return narrowed if narrowed else keys


def _in_file(
    column: Column,
    value: str,
    by_key: Mapping[tuple[str, str], Record],
    by_name: Mapping[tuple[str, str], list[Record]],
    hints: Sequence[str] = (),
) -> Record | list[int] | None:
    """The row of this file a reference names, the rows sharing its name, or None."""
    if column.kind is None:
        return None
    ledger = LEDGERS[column.kind]
    for key in (value, explicit_key(ledger, value)):
        if key is not None and (column.kind, key) in by_key:
            return by_key[(column.kind, key)]
    named = by_name.get((column.kind, value), [])
    named = [record for record in named if record.key in hints] or named
    if len(named) > 1:
        return [record.row for record in named]
    return named[0] if named else None


def _key_forms(label: Any, value: str) -> list[str]:
    ledger = next((ledger for ledger in LEDGERS.values() if ledger.label == label), None)
    forms = [value]
    if ledger is not None and "/" not in value:
        forms.append(f"{ledger.prefix}/{value}")
    return forms


def _cascade(records: Sequence[Record], targets: Targets) -> None:
    # A row naming a rejected row of the file is rejected too, so no batch names a missing node.
    changed = True
    while changed:
        changed = False
        for (index, name), linked in targets.items():
            record = records[index]
            if record.problems:
                continue
            for _, target in linked:
                if target is not None and (target.problems or target is record):
                    code = "SELF_REFERENCE" if target is record else "REJECTED_REFERENCE"
                    params = {"row": target.row, "sheet": target.sheet}
                    column = record.ledger.column(name)
                    record.problems.append(
                        Problem(
                            record.sheet,
                            record.row,
                            column.headers[0],
                            target.key or "",
                            code,
                            params,
                        )
                    )
                    changed = True
                    break


def _ordered(records: Sequence[Record], targets: Targets) -> list[Record]:
    """Valid rows by ledger order, each after the rows of its own ledger it names."""
    index_of = {id(record): index for index, record in enumerate(records)}
    parents: dict[int, list[Record]] = {}
    for (index, _), linked in targets.items():
        record = records[index]
        same = [t for _, t in linked if t is not None and t.ledger is record.ledger]
        parents.setdefault(index, []).extend(same)
    depth: dict[int, int] = {}

    def depth_of(index: int, path: tuple[int, ...]) -> int:
        if index in depth:
            return depth[index]
        if index in path:
            record = records[index]
            record.problems.append(Problem(record.sheet, record.row, "", record.key or "", "CYCLE"))
            return 0
        above = [depth_of(index_of[id(p)], (*path, index)) for p in parents.get(index, [])]
        depth[index] = 1 + max(above) if above else 0
        return depth[index]

    for index in range(len(records)):
        depth_of(index, ())
    _cascade(records, targets)
    valid = [index for index, record in enumerate(records) if not record.problems]
    valid.sort(key=lambda index: (ORDER.index(records[index].ledger.kind), depth[index], index))
    return [records[index] for index in valid]
