"""Coordination analytics for one request: the app's cached graph and checked arguments."""

from __future__ import annotations

from dataclasses import dataclass

from graph.analytics import (
    Centrality,
    CoordinationGraph,
    CoordinationPath,
    Coordinator,
    Snapshot,
    party_id,
)
from graph.model import Label, OrgKind
from graph.store import Neo4jStore
from resolvers.errors import BadUserInput, NotFound

MAX_HOPS = 12
MAX_COORDINATORS = 100


@dataclass(frozen=True)
class PartyRef:
    """An organization or a person named by a request."""

    label: Label
    key: str


@dataclass(frozen=True)
class PathAnswer:
    """A coordination path and the graph it was found in."""

    snapshot: Snapshot
    path: CoordinationPath


@dataclass(frozen=True)
class Ranking:
    """Key coordinators and the graph they were ranked in."""

    snapshot: Snapshot
    centrality: Centrality
    coordinators: list[Coordinator]


def coordination_graph(cache: CoordinationGraph | None) -> CoordinationGraph:
    """The app's cached graph, or a fresh one when the app keeps none (scripts, tests)."""
    return cache or CoordinationGraph()


async def coordination_path(
    store: Neo4jStore,
    cache: CoordinationGraph | None,
    source: PartyRef,
    target: PartyRef,
    max_hops: int,
) -> PathAnswer:
    """The shortest chain of coordination links between two parties, within max_hops."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise BadUserInput(f"maxHops must be between 1 and {MAX_HOPS}", field="maxHops")
    snapshot = await coordination_graph(cache).get(store)
    ids = []
    for party in (source, target):
        node = party_id(party.label, party.key)
        if snapshot.party(node) is None:
            raise NotFound(f"no {party.label} with key {party.key!r}", key=party.key)
        ids.append(node)
    return PathAnswer(snapshot, snapshot.path(ids[0], ids[1], max_hops))


async def key_coordinators(
    store: Neo4jStore, cache: CoordinationGraph | None, limit: int, kind: OrgKind | None
) -> Ranking:
    """The parties with the highest betweenness, optionally organizations of one kind."""
    if not 1 <= limit <= MAX_COORDINATORS:
        raise BadUserInput(f"limit must be between 1 and {MAX_COORDINATORS}", field="limit")
    snapshot, centrality = await coordination_graph(cache).centrality(store)
    ranked = snapshot.rank(centrality, limit, kind.value if kind is not None else None)
    return Ranking(snapshot, centrality, ranked)
