"""Take a backup: the whole graph at one moment, streamed to a compressed file in bounded memory.

A pass reads the schema, every node and every relationship, each in one streamed statement,
and writes them as it reads. It saw one moment when the database's last committed transaction
is the same after it as before it (graph.gate). A pass that met writes is thrown away and taken
again; after OPTIMISTIC such passes the next ones run behind the gate's barrier, so Lianxin's
writes wait for one pass and readers not at all. Writes the barrier cannot hold (another
program's) that keep coming through BARRIER_PASSES passes make the backup give up.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

from graph.backup.format import FORMAT, VERSION, Tally, canonical, endpoint_name, scanned
from graph.cypher.backup import COUNT_GRAPH, SCAN_NODES, SCAN_RELATIONSHIPS, SCHEMA, SERVER
from graph.cypher.feed import EVENT_LOG_HEAD
from graph.gate import barrier, last_commit

# (nodes done, relationships done, nodes in all, relationships in all)
Progress = Callable[[int, int, int, int], None]
# Records the driver pulls at a time: memory stays bounded however large the graph.
FETCH = 2000
# A backup inside the service lets requests in between this many lines.
YIELD_EVERY = 200
OPTIMISTIC = 2
BARRIER_PASSES = 3


class BackupFailed(Exception):
    """No pass saw one moment; the message says why and what to do, in Chinese."""


@dataclass(frozen=True)
class Taken:
    """A finished backup: where, what it holds, how it was taken."""

    path: Path
    manifest: dict[str, Any]
    seconds: float
    attempts: int
    barrier: bool

    @property
    def rows(self) -> int:
        """Nodes and relationships written."""
        return int(self.manifest["nodes"]) + int(self.manifest["relationships"])


def lianxin_version() -> str:
    """The installed Lianxin's version."""
    try:
        return version("lianxin")
    except PackageNotFoundError:
        return "unknown"


async def take_backup(
    driver: AsyncDriver,
    database: str,
    out: Path,
    *,
    progress: Progress | None = None,
) -> Taken:
    """Write the graph to `out` (via `out.partial`, renamed when whole) and return what it holds."""
    started = time.monotonic()
    partial = out.with_name(out.name + ".partial")
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        for attempt in range(1, OPTIMISTIC + BARRIER_PASSES + 1):
            held = attempt > OPTIMISTIC
            manifest = await _pass(driver, database, partial, held, progress)
            if manifest is not None:
                os.replace(partial, out)
                seconds = time.monotonic() - started
                return Taken(out, manifest, seconds, attempt, held)
    finally:
        partial.unlink(missing_ok=True)
    raise BackupFailed(
        f"备份时数据库一直有写入（{OPTIMISTIC + BARRIER_PASSES} 遍读取都遇到了写入，其中有不经过"
        "连心的写入），没有写出备份：请暂停其他程序对数据库的写入后重试。"
    )


async def _pass(
    driver: AsyncDriver, database: str, partial: Path, held: bool, progress: Progress | None
) -> dict[str, Any] | None:
    """One pass; None when a write committed during it (its file is then worthless)."""
    if held:
        async with barrier(driver, database):
            return await _checked_scan(driver, database, partial, progress)
    return await _checked_scan(driver, database, partial, progress)


async def _checked_scan(
    driver: AsyncDriver, database: str, partial: Path, progress: Progress | None
) -> dict[str, Any] | None:
    before = await last_commit(driver, database)
    manifest = await _scan(driver, database, partial, progress)
    return manifest if before and await last_commit(driver, database) == before else None


async def _scan(
    driver: AsyncDriver, database: str, partial: Path, progress: Progress | None
) -> dict[str, Any]:
    at = dt.datetime.now(dt.UTC)
    async with driver.session(database=database, fetch_size=FETCH) as session:
        server = await (await session.run(SERVER)).single(strict=True)
        totals = await (await session.run(COUNT_GRAPH)).single(strict=True)
        head = await (await session.run(EVENT_LOG_HEAD)).single(strict=True)
        schema = [
            row["statement"] for show in SCHEMA for row in await (await session.run(show)).data()
        ]
        header = {
            "format": FORMAT,
            "version": VERSION,
            "lianxin": lianxin_version(),
            "neo4j": server["version"],
            "edition": server["edition"],
            "database": database,
        }
        with gzip.open(partial, "wb", compresslevel=3) as raw:
            sink = _Sink(raw)
            sink.line(header)
            for statement in schema:
                sink.line({"schema": statement})
            tally = Tally()
            nodes = relationships = 0
            all_nodes, all_rels = totals["nodes"], totals["relationships"]
            shown = time.monotonic()
            async for record in await session.run(SCAN_NODES):
                # One canonical text of the properties serves the line and its checksum.
                body = canonical(scanned(record["props"]))
                node = {"n": record["id"], "l": record["labels"]}
                sink.write(_dumps(node)[:-2] + b',"p":' + body + b"}\n")
                tally.node(record["labels"], body)
                nodes += 1
                if nodes % YIELD_EVERY == 0:
                    await asyncio.sleep(0)
                if progress is not None and time.monotonic() - shown > 0.5:
                    progress(nodes, 0, all_nodes, all_rels)
                    shown = time.monotonic()
            async for record in await session.run(SCAN_RELATIONSHIPS):
                body = canonical(scanned(record["props"]))
                start, end = endpoint_name(record["startName"]), endpoint_name(record["endName"])
                ends = {"s": record["start"], "e": record["end"], "sn": start, "en": end}
                rel = {"r": record["id"], "t": record["type"], **ends}
                sink.write(_dumps(rel)[:-2] + b',"p":' + body + b"}\n")
                tally.relationship(record["type"], body, start, end)
                relationships += 1
                if relationships % YIELD_EVERY == 0:
                    await asyncio.sleep(0)
                if progress is not None and time.monotonic() - shown > 0.5:
                    progress(nodes, relationships, all_nodes, all_rels)
                    shown = time.monotonic()
            if progress is not None:
                progress(nodes, relationships, nodes, relationships)
            manifest = {
                **header,
                "at": at.isoformat(),
                "lastEventSeq": head["head"],
                "nodes": nodes,
                "relationships": relationships,
                "schema": len(schema),
                **tally.as_manifest(),
            }
            raw.write(_dumps({"manifest": manifest, "sha256": sink.sha.hexdigest()}))
    return manifest


class _Sink:
    """Lines into the compressed file, each also fed to the file's digest."""

    def __init__(self, raw: gzip.GzipFile) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()

    def line(self, value: Any) -> None:
        self.write(_dumps(value))

    def write(self, data: bytes) -> None:
        self.sha.update(data)
        self.raw.write(data)


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
