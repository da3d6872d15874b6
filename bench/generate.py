"""A deterministic scale generator: the demo graph plus (k-1) suffixed copies of its parts."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from demo.builder import DemoGraph, RelKey, Row
from demo.seed import build_demo_graph
from graph.model import Label, Rel
from graph.store import Neo4jStore

# Rows per call of the store's bulk writes, i.e. per transaction.
CHUNK = 20_000
# Node write transactions in flight at once: Neo4j runs each one on a single core.
WRITERS = 2
# Copied hotline issues get a lifecycle event trail derived from their timestamps.
EVENT_ORDER = ("reportedAt", "respondedAt", "resolvedAt", "closedAt")
TERMINAL_AT_RESPONSE = {"REJECTED", "DUPLICATE", "REFERRED_OUT"}
SEQ_BASE = 10_000_000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote and how fast."""

    factor: int
    nodes: int
    relationships: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        """Nodes plus relationships written per second."""
        return (self.nodes + self.relationships) / self.seconds if self.seconds else 0.0


def scalable_keys(demo: DemoGraph) -> set[str]:
    """Keys copied per extra factor: hotline issues, regional units and their staff."""
    regional = {
        row["key"] for row in demo.nodes[Label.ORGANIZATION] if row.get("kind") == "REGIONAL_UNIT"
    }
    issues = {
        row["key"] for row in demo.nodes[Label.ISSUE] if row["key"].startswith("issue/hotline-")
    }
    staff = {
        row["start"]
        for row in demo.relationships.get((Rel.MEMBER_OF, Label.PERSON, Label.ORGANIZATION), [])
        if row["end"] in regional
    }
    people = {
        row["key"]
        for row in demo.nodes[Label.PERSON]
        if row["key"] in staff and "OBSERVER" not in row.get("roles", ())
    }
    return regional | issues | people


def _suffix(copy: int) -> str:
    return f"-x{copy}"


def copy_graph(demo: DemoGraph, scalable: set[str], copy: int) -> DemoGraph:
    """Copy number `copy` (1-based) of the scalable nodes and of every row they start."""
    suffix = _suffix(copy)

    def mapped(key: str) -> str:
        return key + suffix if key in scalable else key

    nodes: dict[Label, list[Row]] = {}
    for label, rows in demo.nodes.items():
        copied = [_copy_node(label, row, suffix, copy) for row in rows if row["key"] in scalable]
        if copied:
            nodes[label] = copied
    relationships: dict[RelKey, list[Row]] = {}
    for group, rows in demo.relationships.items():
        copied = [
            {"start": mapped(r["start"]), "end": mapped(r["end"]), "props": r["props"]}
            for r in rows
            if r["start"] in scalable
        ]
        if copied:
            relationships[group] = copied
    events, links = _events(nodes.get(Label.ISSUE, []), copy)
    if events:
        nodes[Label.ISSUE_EVENT] = events
        relationships[(Rel.HAS_EVENT, Label.ISSUE, Label.ISSUE_EVENT)] = links
    return DemoGraph(nodes, relationships)


def _copy_node(label: Label, row: Row, suffix: str, copy: int) -> Row:
    out = {**row, "key": row["key"] + suffix}
    if label is Label.ORGANIZATION or label is Label.PERSON:
        out["name"] = f"{row['name']}{copy}"
    return out


def _events(issues: Sequence[Row], copy: int) -> tuple[list[Row], list[Row]]:
    """A RECEIVED → … event trail per copied issue, numbered after every earlier copy's."""
    events: list[Row] = []
    links: list[Row] = []
    seq = SEQ_BASE + copy * 1_000_000
    for issue in issues:
        steps = _steps(issue)
        previous: str | None = None
        for index, (state, at) in enumerate(steps, start=1):
            seq += 1
            key = f"event/{issue['key'].removeprefix('issue/')}/{index:02d}"
            event: Row = {"key": key, "seq": seq, "at": at, "toState": state, "actor": "org/center"}
            if previous is not None:
                event["fromState"] = previous
            events.append(event)
            links.append({"start": issue["key"], "end": key, "props": {}})
            previous = state
    return events, links


def _steps(issue: Row) -> list[tuple[str, dt.datetime]]:
    state = issue.get("state", "RECEIVED")
    at = {name: issue[name] for name in EVENT_ORDER if issue.get(name) is not None}
    steps: list[tuple[str, dt.datetime]] = [("RECEIVED", at["reportedAt"])]
    if state in TERMINAL_AT_RESPONSE:
        steps.append((state, at.get("respondedAt", at["reportedAt"])))
        return steps
    if "respondedAt" in at:
        steps.append(("DISPATCHED", at["respondedAt"]))
    if "resolvedAt" in at:
        steps.append(("RESOLVED", at["resolvedAt"]))
    if "closedAt" in at:
        steps.append(("CLOSED", at["closedAt"]))
    elif state not in {s for s, _ in steps}:
        steps.append((state, steps[-1][1]))
    return steps


def graphs(factor: int) -> Iterator[DemoGraph]:
    """The demo graph, then its copies 1..factor-1, one at a time to keep memory flat."""
    demo = build_demo_graph()
    yield demo
    scalable = scalable_keys(demo)
    for copy in range(1, factor):
        yield copy_graph(demo, scalable, copy)


def _chunks(rows: Sequence[Row], size: int) -> Iterator[Sequence[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


async def load(
    store: Neo4jStore,
    factor: int,
    progress: Progress | None = None,
    chunk: int = CHUNK,
    writers: int = WRITERS,
) -> LoadReport:
    """Write the scaled graph through the batched store path, `chunk` rows per transaction."""
    await store.ensure_schema()
    started = time.perf_counter()
    nodes = relationships = 0
    for index, graph in enumerate(graphs(factor)):
        # The demo part is merged like a seed; every copy's keys are made here and are new, and
        # the key constraints refuse a second load of them instead of duplicating relationships.
        copy = index > 0
        write_nodes = store.create_nodes if copy else store.upsert_nodes
        write_relationships = store.create_relationships if copy else store.upsert_relationships
        # Node groups of one graph touch disjoint keys, so they run side by side. Relationship
        # writes go one at a time, after every node of their graph: two of them adding to one
        # dense node (a category, a community) deadlock on its relationship-group locks.
        nodes += await _together(
            writers,
            (
                _call(write_nodes, label, part)
                for label, rows in graph.nodes.items()
                for part in _chunks(rows, chunk)
            ),
        )
        relationships += await _together(
            1,
            (
                _call(write_relationships, rel, start, end, part)
                for (rel, start, end), rows in graph.relationships.items()
                for part in _chunks(rows, chunk)
            ),
        )
        if progress is not None:
            progress(index + 1, factor)
    return LoadReport(factor, nodes, relationships, time.perf_counter() - started)


def _call(write: Callable[..., Awaitable[int]], *args: object) -> Callable[[], Awaitable[int]]:
    return lambda: write(*args)


async def _together(writers: int, calls: Iterable[Callable[[], Awaitable[int]]]) -> int:
    """Run the calls, at most `writers` at once; the rows they wrote."""
    semaphore = asyncio.Semaphore(writers)
    written = 0

    async def one(call: Callable[[], Awaitable[int]]) -> None:
        nonlocal written
        async with semaphore:
            rows = await call()
        written += rows

    # A TaskGroup cancels the other writes as soon as one fails.
    async with asyncio.TaskGroup() as group:
        for call in calls:
            group.create_task(one(call))
    return written


def expected_counts(factor: int) -> dict[str, Any]:
    """Rows a load of `factor` writes, without writing them (for --dry-run)."""
    nodes = relationships = 0
    for graph in graphs(factor):
        nodes += graph.node_count()
        relationships += graph.relationship_count()
    return {"factor": factor, "nodes": nodes, "relationships": relationships}
