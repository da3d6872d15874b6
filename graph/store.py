"""Neo4jStore: the only way Lianxin talks to Neo4j."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from neo4j import AsyncDriver, AsyncManagedTransaction, AsyncSession
from neo4j.exceptions import ConstraintError, DriverError, Neo4jError

from graph.batches import batches, require_keys, temporal_kinds
from graph.cypher import aggregate as aggregate_cypher
from graph.cypher import nodes as nodes_cypher
from graph.cypher import paging as paging_cypher
from graph.cypher.access import FULL_ACCESS
from graph.cypher.analytics import COORDINATION_VERSION
from graph.cypher.backup import GATE_CONSTRAINT
from graph.cypher.order import KEY_ORDER, Sort
from graph.cypher.reference import replace_links
from graph.cypher.schema import AWAIT_INDEXES, INDEXES, KEY_CONSTRAINTS, SHOW_SCHEMA
from graph.cypher.stats import (
    COUNT_BY_LABEL,
    COUNT_BY_RELATIONSHIP,
    DOMAIN_STATS,
    RELOCATION_SUMMARIES,
)
from graph.cypher.where import LABEL_COUNT, Compiled
from graph.cypher.writes import (
    DELETE_ALL,
    UPSERT_NODES,
    write_nodes,
    write_relationships,
)
from graph.errors import (
    MissingEndpoints,
    StoreConflict,
    StoreError,
    StoreUnavailable,
)
from graph.gate import pass_gate
from graph.issue_writes import Moved, Report, Reported, Transition
from graph.model import Label, Rel
from graph.outage import answered, count_round_trip, met, outage_of, spent
from graph.pages import Position, page_shape
from graph.pages import Viewer as Viewer
from graph.records import Node, Projected, read_nodes, split_temporals, to_node
from graph.zone import move_into_zone, zone

T = TypeVar("T")
Row = Mapping[str, Any]
Direction = Literal["OUT", "IN", "BOTH"]

FULL_VIEWER: Viewer = {"role": FULL_ACCESS, "org": None, "person": None}


@dataclass(frozen=True)
class Link:
    """The links of one type a node must have to one label: (target key, props) pairs."""

    rel: Rel
    target: Label
    targets: Sequence[tuple[str, Mapping[str, Any]]]
    direction: Literal["OUT", "IN"] = "OUT"


class Neo4jStore:
    """Batched reads and idempotent writes against one Neo4j database."""

    def __init__(self, driver: AsyncDriver, database: str) -> None:
        self.driver = driver
        self.database = database
        # Every transaction function run counts once; tests use it to prove there is no N+1.
        self.round_trips = 0
        # Sessions open now, each holding one of the driver's pooled connections.
        self.sessions_in_use = 0

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        # A request that met an outage does not wait for it again: one wait per request.
        outage = spent()
        if outage is not None:
            raise type(outage)(str(outage))
        self.sessions_in_use += 1
        try:
            async with self.driver.session(database=self.database) as session:
                yield session
        except ConstraintError as error:
            raise StoreConflict(error.message or str(error)) from error
        except (Neo4jError, DriverError) as error:
            unavailable = outage_of(error)
            if unavailable is None:
                raise StoreError(str(error)) from error
            raise met(unavailable) from error
        finally:
            self.sessions_in_use -= 1

    async def read(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        """Run a read transaction function (routed to readers on a cluster)."""
        self.round_trips += 1
        count_round_trip()
        async with self._session() as session:
            return await answered(session.execute_read, work)

    async def write(
        self,
        work: Callable[[AsyncManagedTransaction], Awaitable[T]],
        *,
        gates_itself: bool = False,
    ) -> T:
        """Run a write transaction function; it commits whole or not at all.

        With `gates_itself` the work's first statement opens with the gate's lock (GATE_FIRST).
        """
        self.round_trips += 1
        count_round_trip()

        async def gated(tx: AsyncManagedTransaction) -> T:
            # First, so that a backup's barrier holds the write back before it touches anything.
            await pass_gate(tx)
            return await work(tx)

        async with self._session() as session:
            return await answered(session.execute_write, work if gates_itself else gated)

    async def query(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """Run one read statement and return its records as dicts."""

        async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
            result = await tx.run(statement, params)
            return await result.data()

        return await self.read(work)

    async def execute(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        """Run one write statement in its own transaction and return its records as dicts."""

        async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
            result = await tx.run(statement, params)
            return await result.data()

        return await self.write(work)

    async def version(self) -> str:
        """A token that changes whenever any transaction commits to this database."""
        # The bookmark of a trivial read names the last committed transaction, so unlike node
        # and relationship counts it also changes on renames and links replaced one for one.
        self.round_trips += 1
        count_round_trip()
        async with self._session() as session:
            await (await session.run(COORDINATION_VERSION)).consume()
            bookmarks = (await session.last_bookmarks()).raw_values
        if not bookmarks:
            # No bookmark means no way to tell versions apart: never reuse anything cached.
            return f"unversioned-{time.monotonic_ns()}"
        return hashlib.sha256("|".join(sorted(bookmarks)).encode()).hexdigest()[:16]

    async def ping(self) -> None:
        """Raise StoreUnavailable unless Neo4j answers now (no retries)."""
        try:
            await self.driver.verify_connectivity()
        except (Neo4jError, DriverError, OSError) as error:
            raise outage_of(error) or StoreUnavailable(f"Neo4j is unreachable: {error}") from error

    async def ensure_schema(self, timeout_seconds: int = 300) -> None:
        """Create missing constraints and indexes, await them, move datetimes into the zone."""
        async with self._session() as session:
            for statement in (*KEY_CONSTRAINTS, *INDEXES, GATE_CONSTRAINT):
                await (await session.run(statement)).consume()
            await (await session.run(AWAIT_INDEXES, seconds=timeout_seconds)).consume()
            await move_into_zone(session, zone().key)

    async def schema_names(self) -> set[str]:
        """Names of the constraints and indexes present."""
        return {row["name"] for row in await self.query(SHOW_SCHEMA)}

    async def upsert_nodes(self, label: Label, rows: Sequence[Row]) -> int:
        """MERGE nodes on `key` and set their properties, all rows in one transaction."""
        return await self._write_nodes(label, rows, create=False)

    async def create_nodes(self, label: Label, rows: Sequence[Row]) -> int:
        """CREATE nodes with keys known to be new; an existing key fails the whole call."""
        return await self._write_nodes(label, rows, create=True)

    async def _write_nodes(self, label: Label, rows: Sequence[Row], *, create: bool) -> int:
        require_keys(rows)

        async def work(tx: AsyncManagedTransaction) -> int:
            for batch in batches(rows):
                params = [{"key": row["key"], **split_temporals(row)} for row in batch]
                statement = write_nodes(label, temporal_kinds(params), create)
                await (await tx.run(statement, rows=params)).consume()
            return len(rows)

        return await self.write(work) if rows else 0

    async def upsert_relationships(
        self, rel: Rel, start: Label, end: Label, rows: Sequence[Row]
    ) -> int:
        """MERGE one relationship per (start, end) pair; none if any endpoint is missing."""
        return await self._write_relationships(rel, start, end, rows, create=False)

    async def create_relationships(
        self, rel: Rel, start: Label, end: Label, rows: Sequence[Row]
    ) -> int:
        """CREATE relationships known to be new; none if any endpoint is missing."""
        return await self._write_relationships(rel, start, end, rows, create=True)

    async def _write_relationships(
        self, rel: Rel, start: Label, end: Label, rows: Sequence[Row], *, create: bool
    ) -> int:
        async def work(tx: AsyncManagedTransaction) -> int:
            written = 0
            for batch in batches(rows):
                params = [
                    {"start": r["start"], "end": r["end"], **split_temporals(r.get("props") or {})}
                    for r in batch
                ]
                kinds = temporal_kinds(params)
                statement = write_relationships(rel, start, end, kinds, create)
                record = await (await tx.run(statement, rows=params)).single(strict=True)
                written += record["written"]
            if written != len(rows):
                raise MissingEndpoints(
                    f"{len(rows) - written} of {len(rows)} {rel} rows name a missing "
                    f"{start} or {end} node; nothing was written"
                )
            return written

        return await self.write(work) if rows else 0

    async def get_nodes(
        self, label: Label, keys: Sequence[str], *, viewer: Viewer | None = None
    ) -> list[Node | None]:
        """Nodes by key, aligned with `keys`; None where no node has that key or it is hidden."""
        if not keys:
            return []
        viewer = viewer or FULL_VIEWER
        statement = nodes_cypher.get_nodes(label, viewer["role"])
        rows = await self.query(statement, keys=list(dict.fromkeys(keys)), viewer=viewer)
        found = {row["key"]: to_node(row["node"]) for row in rows if row["node"] is not None}
        return [found.get(key) for key in keys]

    async def neighbors(
        self,
        label: Label,
        keys: Sequence[str],
        rel: Rel,
        direction: Direction = "OUT",
        target: Label | None = None,
        *,
        viewer: Viewer | None = None,
    ) -> list[list[Node]]:
        """Neighbours of each keyed node over one relationship type, aligned with `keys`."""
        if not keys:
            return []
        viewer = viewer or FULL_VIEWER
        statement = nodes_cypher.neighbors(label, rel, direction, target, viewer["role"])
        rows = await self.query(statement, keys=list(dict.fromkeys(keys)), viewer=viewer)
        grouped: dict[str, list[Node]] = {}
        for row in rows:
            node = to_node(row["node"])
            node["_rel"] = to_node(row["rel"])
            grouped.setdefault(row["key"], []).append(node)
        return [grouped.get(key, []) for key in keys]

    async def page(
        self,
        label: Label,
        *,
        order: tuple[Sort, ...],
        limit: int,
        cursor: Position | None,
        filters: Mapping[str, Any],
        with_total: bool,
        viewer: Viewer | None = None,
        where: Compiled | None = None,
        offset: int = 0,
        with_nodes: bool = True,
        props: Projected | None = None,
    ) -> tuple[list[Node], int | None]:
        """Up to `limit` nodes past the cursor (or `offset`) in `order`, and the total if asked.

        `order` is the sort keys in fetch direction, ending with the key (graph.cypher.order).
        With `props`, the nodes hold only those properties (and always the key).
        """
        viewer = viewer or FULL_VIEWER
        shape, params = page_shape(
            label, order, limit, cursor, filters, viewer, where, offset=offset, props=props
        )
        [row] = await self.query(paging_cypher.page(shape, with_total, with_nodes), **params)
        return read_nodes(row["nodes"], props), row["total"]

    async def aggregate(
        self,
        label: Label,
        *,
        filters: Mapping[str, Any],
        where: Compiled | None,
        viewer: Viewer,
        figures: dict[str, tuple[str, ...]],
        by: str | None = None,
        limit: int = 0,
    ) -> list[dict[str, Any]]:
        """Count and figures of the rows a page of this filter lists: one row, or one per group."""
        shape, params = page_shape(label, KEY_ORDER, limit, None, filters, viewer, where)
        if by is None:
            return await self.query(aggregate_cypher.totals(shape, figures), **params)
        return await self.query(aggregate_cypher.groups(shape, by, figures), **params)

    async def related_pages(
        self,
        parent: Label,
        keys: Sequence[str],
        rel: Rel,
        direction: Literal["OUT", "IN"],
        target: Label,
        *,
        order: tuple[Sort, ...],
        limit: int,
        cursor: Position | None,
        filters: Mapping[str, Any],
        with_total: bool = True,
        viewer: Viewer | None = None,
        where: Compiled | None = None,
        with_nodes: bool = True,
        props: Projected | None = None,
    ) -> list[tuple[list[Node], int | None]]:
        """For each parent key, a keyset page of its related nodes, and their total if asked."""
        if not keys:
            return []
        viewer = viewer or FULL_VIEWER
        shape, params = page_shape(
            target, order, limit, cursor, filters, viewer, where, props=props
        )
        statement = paging_cypher.related_page(
            parent, rel, direction, shape, with_total, with_nodes
        )
        rows = await self.query(statement, keys=list(dict.fromkeys(keys)), **params)
        found = {row["parentKey"]: (read_nodes(row["nodes"], props), row["total"]) for row in rows}
        return [found.get(key, ([], 0 if with_total else None)) for key in keys]

    async def report_issue(
        self,
        key: str,
        *,
        at: dt.datetime,
        props: Mapping[str, Any],
        client_request_id: str | None,
        category: str,
        area: str,
        reporter: str | None,
        event: Mapping[str, Any],
        resident: Mapping[str, str] | None = None,
        viewer: Viewer | None = None,
    ) -> Reported:
        """Create an issue in RECEIVED with its links and first event, in one statement.

        A used client request id writes nothing and answers the first issue (created=False);
        a missing category, area or reporter raises NodeMissing. Answered as `viewer` sees it.
        """
        report = Report(
            key, at, props, client_request_id, category, area, reporter, event, resident, viewer
        )
        return await self.write(report.run_alone, gates_itself=True)

    async def transition_issue(
        self,
        key: str,
        *,
        allowed_from: Collection[str],
        to: str,
        at: dt.datetime,
        event: Mapping[str, Any],
        props: Mapping[str, Any] | None = None,
        increments: Sequence[str] = (),
        then: Sequence[tuple[str, Mapping[str, Any]]] = (),
    ) -> Moved:
        """Move an issue to `to` if its state is in `allowed_from`, with its event, atomically.

        `then` holds further statements (assignments, whistles) run in the same transaction,
        each returning a count that must not be zero. An event with a `clientStepId` already
        used on the issue for this step writes nothing (a retry).
        Returns the issue as the transaction left it.
        """
        move = Transition(
            key, frozenset(allowed_from), to, at, event, props or {}, increments, then
        )
        return await self.write(move.run)

    async def upsert_entity(self, label: Label, row: Row, links: Sequence[Link] = ()) -> None:
        """MERGE one node and set exactly the given links, all in one transaction."""
        require_keys([row])
        node = {"key": row["key"], **split_temporals(row)}

        async def work(tx: AsyncManagedTransaction) -> None:
            await (await tx.run(UPSERT_NODES[label], rows=[node])).consume()
            for link in links:
                statement = replace_links(label, link.rel, link.target, link.direction)
                targets = [{"key": key, "props": props} for key, props in link.targets]
                result = await tx.run(statement, key=row["key"], links=targets)
                linked = (await result.single(strict=True))["linked"]
                if linked != len(targets):
                    raise MissingEndpoints(
                        f"{len(targets) - linked} {link.rel} target(s) among "
                        f"{[key for key, _ in link.targets]} do not exist; nothing was written"
                    )

        await self.write(work)

    async def label_count(self, label: Label) -> int:
        """How many nodes carry `label`, from Neo4j's count store."""
        rows = await self.query(LABEL_COUNT.format(label=Label(label)))
        count: int = rows[0]["count"]
        return count

    async def count_by_label(self) -> dict[str, int]:
        """Node count per label."""
        rows = await self.query(COUNT_BY_LABEL)
        return dict(rows[0]["counts"])

    async def count_by_relationship(self) -> dict[str, int]:
        """Relationship count per type."""
        rows = await self.query(COUNT_BY_RELATIONSHIP)
        return dict(rows[0]["counts"])

    async def domain_stats(self) -> dict[str, Any]:
        """Headline counts of the graph (communities, units, observers, stations, ...)."""
        [row] = await self.query(DOMAIN_STATS)
        return row

    async def relocation_summaries(self) -> list[dict[str, Any]]:
        """Units, compounds, land, meetings and days of every relocation project."""
        return await self.query(RELOCATION_SUMMARIES)

    async def clear(self) -> None:
        """Delete every node and relationship (tests and `seed --reset` only)."""
        async with self._session() as session:
            await (await session.run(DELETE_ALL)).consume()
