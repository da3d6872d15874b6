"""Restore a backup into an empty database: check the file, schema first, batched writes, compare.

The file is read whole before anything is written, so a truncated, corrupted or foreign one
is refused with nothing touched. The database is marked incomplete (a `RestoreMark` node, which
/readyz reports) from the first write until the restored graph's counts and checksums have been
compared with the manifest and found equal; a restore that stops part-way leaves the mark.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction, AsyncSession

from graph.backup.format import (
    BackupRefused,
    Contents,
    Tally,
    canonical,
    check,
    endpoint_name,
    lines,
    plain_and_typed,
    scanned,
)
from graph.cypher.backup import (
    ANY_DATA,
    AWAIT_INDEXES,
    CLEAR_BATCH,
    CREATE_NODES,
    CREATE_RELATIONSHIPS,
    DROP_RESTORING_INDEX,
    DROP_ZONE_RECORD,
    MARK_COMPLETE,
    MARK_INCOMPLETE,
    READ_MARK,
    RESTORING_INDEX,
    SCAN_NODES,
    SCAN_RELATIONSHIPS,
    SCHEMA,
    SCHEMA_NAMES,
    UNMARK_RESTORED,
)
from graph.store import Neo4jStore

# (rows written, rows in all)
Progress = Callable[[int, int], None]
BATCH = 2000


@dataclass(frozen=True)
class Restored:
    """What a restore wrote and whether it matches the manifest."""

    manifest: dict[str, Any]
    nodes: int
    relationships: int
    seconds: float
    matches: bool
    differences: list[str]
    cleared_incomplete: bool
    # Seconds spent checking the file, writing the graph, and comparing it with the manifest.
    phases: dict[str, float]

    @property
    def rows(self) -> int:
        """Nodes and relationships written."""
        return self.nodes + self.relationships


async def unfinished_restore(store: Neo4jStore) -> dict[str, Any] | None:
    """The mark of a restore into the store's database that has not finished, if any."""
    [row] = await store.query(READ_MARK)
    return row if row["state"] is not None else None


async def incomplete_restore(session: AsyncSession) -> dict[str, Any] | None:
    """The mark of a restore that has not finished, if the database holds one."""
    row = await (await session.run(READ_MARK)).single(strict=True)
    return dict(row) if row["state"] is not None else None


async def restore_backup(
    driver: AsyncDriver, database: str, path: Path, *, progress: Progress | None = None
) -> Restored:
    """Restore `path` into `database`, which must be empty (or hold an unfinished restore)."""
    started = time.monotonic()
    contents = check(path)
    checked = time.monotonic()
    async with driver.session(database=database) as session:
        cleared = await _make_room(session, path)
        await (await session.run(MARK_INCOMPLETE, file=path.name)).consume()
        await _schema(session, contents)
        await (await session.run(RESTORING_INDEX)).consume()
        await (await session.run(AWAIT_INDEXES, seconds=300)).consume()
        total = contents.nodes + contents.relationships
        await _load(session, path, total, progress)
        await (await session.run(UNMARK_RESTORED)).consume()
        await (await session.run(DROP_RESTORING_INDEX)).consume()
        await (await session.run(AWAIT_INDEXES, seconds=300)).consume()
        loaded = time.monotonic()
        differences = await compare(session, contents)
        if not differences:
            await (await session.run(MARK_COMPLETE)).consume()
    return Restored(
        contents.manifest,
        contents.nodes,
        contents.relationships,
        time.monotonic() - started,
        not differences,
        differences,
        cleared,
        {
            "check": checked - started,
            "write": loaded - checked,
            "compare": time.monotonic() - loaded,
        },
    )


async def _make_room(session: AsyncSession, path: Path) -> bool:
    """Refuse a database with data; empty one that holds only an unfinished restore."""
    has_data = (await (await session.run(ANY_DATA)).single(strict=True))["data"]
    if not has_data:
        await (await session.run(DROP_ZONE_RECORD)).consume()
        return False
    if await incomplete_restore(session) is None:
        raise BackupRefused(
            f"目标数据库不是空的，不能把 {path.name} 恢复进去：请换一个空数据库"
            "（LIANXIN_NEO4J_URI / LIANXIN_NEO4J_DATABASE），或先清空它。"
        )
    while (await (await session.run(CLEAR_BATCH, batch=10000)).single(strict=True))["deleted"]:
        pass
    return True


async def _schema(session: AsyncSession, contents: Contents) -> None:
    names = set((await (await session.run(SCHEMA_NAMES)).single(strict=True))["names"])
    for statement in contents.schema:
        # A name already present (after an unfinished restore) is the same index again.
        if not any(f"`{name}`" in statement.split(" FOR ")[0] for name in names):
            await (await session.run(statement)).consume()


async def _load(session: AsyncSession, path: Path, total: int, progress: Progress | None) -> int:
    nodes: list[dict[str, Any]] = []
    relationships: list[dict[str, Any]] = []
    written = shown = 0
    for line in lines(path):
        if "n" in line:
            props, typed = plain_and_typed(line["p"])
            nodes.append({"id": line["n"], "labels": line["l"], "props": props, "typed": typed})
            if len(nodes) == BATCH:
                written += await _write(session, CREATE_NODES, nodes)
        elif "r" in line:
            if nodes:
                written += await _write(session, CREATE_NODES, nodes)
            props, typed = plain_and_typed(line["p"])
            relationships.append(
                {
                    "type": line["t"],
                    "start": line["s"],
                    "end": line["e"],
                    "props": props,
                    "typed": typed,
                }
            )
            if len(relationships) == BATCH:
                written += await _write(session, CREATE_RELATIONSHIPS, relationships)
        else:
            continue
        if progress is not None and written - shown >= BATCH * 5:
            progress(written, total)
            shown = written
    written += await _write(session, CREATE_NODES, nodes)
    written += await _write(session, CREATE_RELATIONSHIPS, relationships)
    if progress is not None:
        progress(written, total)
    return written


async def _write(session: AsyncSession, statement: str, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    count = len(rows)

    async def work(tx: AsyncManagedTransaction) -> None:
        await (await tx.run(statement, rows=rows)).consume()

    await session.execute_write(work)
    rows.clear()
    return count


async def compare(session: AsyncSession, contents: Contents) -> list[str]:
    """How the database differs from the manifest: counts, checksums and schema; [] when equal."""
    tally = Tally()
    async for record in await session.run(SCAN_NODES):
        tally.node(record["labels"], canonical(scanned(record["props"])))
    async for record in await session.run(SCAN_RELATIONSHIPS):
        body = canonical(scanned(record["props"]))
        start, end = endpoint_name(record["startName"]), endpoint_name(record["endName"])
        tally.relationship(record["type"], body, start, end)
    found = tally.as_manifest()
    differences = [
        f"{kind} {name}"
        for kind in ("labels", "types")
        for name in sorted(set(found[kind]) | set(contents.manifest[kind]))
        if found[kind].get(name) != contents.manifest[kind].get(name)
    ]
    schema = {row["statement"] for show in SCHEMA for row in await (await session.run(show)).data()}
    differences += [f"schema {statement}" for statement in sorted(set(contents.schema) - schema)]
    return differences
