"""The deterministic demo graph: built purely in memory, then loaded idempotently via the store."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from demo import (
    categories,
    coordination,
    employee_services,
    hotline,
    observations,
    organizations,
    people,
    places,
    projects,
    railway,
    regional_units,
    relocation,
    rules,
    stations,
    union,
    unit_visits,
    visits,
)
from demo.builder import DemoGraph
from demo.world import World
from graph.store import Neo4jStore

__all__ = ["DemoGraph", "Progress", "SeedReport", "build_demo_graph", "seed"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SeedReport:
    """Rows written per label and per relationship type, and how long it took."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    seconds: float


def build_demo_graph() -> DemoGraph:
    """The whole demo graph as rows; pure and deterministic."""
    w = World()
    # The order is part of the output: sections look up what earlier ones added, and they all
    # draw from the same seeded name generator.
    places.build(w)
    organizations.build(w)
    regional_units.build(w)
    categories.build(w)
    people.build(w)
    rules.build(w)
    stations.build(w)
    projects.build(w)
    relocation.build(w)
    coordination.build(w)
    employee_services.build(w)
    railway.build(w)
    visits.build(w)
    unit_visits.build(w)
    union.build(w)
    hotline.build(w)
    observations.build(w)
    w.events.emit(w.b)
    return w.b.graph()


async def seed(store: Neo4jStore, progress: Progress | None = None) -> SeedReport:
    """Write the demo graph through the store, nodes first; MERGE makes a second run a no-op."""
    started = time.perf_counter()
    graph = build_demo_graph()
    await store.ensure_schema()
    total, done = graph.node_count() + graph.relationship_count(), 0
    nodes: dict[str, int] = {}
    for label, rows in graph.nodes.items():
        nodes[label.value] = await store.upsert_nodes(label, rows)
        done += len(rows)
        if progress is not None:
            progress(label.value, done, total)
    relationships: dict[str, int] = {}
    for (rel, start, end), rows in graph.relationships.items():
        written = await store.upsert_relationships(rel, start, end, rows)
        relationships[rel.value] = relationships.get(rel.value, 0) + written
        done += len(rows)
        if progress is not None:
            progress(f"{start}-{rel}->{end}", done, total)
    return SeedReport(nodes, relationships, time.perf_counter() - started)
