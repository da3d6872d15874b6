"""Coordination analytics: networkx over the organizations-and-people graph read from Neo4j."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from graph.cypher.analytics import COORDINATION_GRAPH
from graph.model import Label
from graph.store import Neo4jStore

if TYPE_CHECKING:
    import networkx as nx

# Enough evidence to show why two parties are linked; evidence_count keeps the full tally.
EVIDENCE_PER_LINK = 10
# Exact betweenness costs O(nodes × edges); past this many nodes it is estimated from samples.
EXACT_BETWEENNESS_NODES = 2000
BETWEENNESS_SAMPLES = 400


class LinkKind(StrEnum):
    """Why two parties are linked: the kind of evidence an edge holds."""

    # Two organizations attended the same meeting.
    MEETING = "MEETING"
    # One organization led an issue the other assisted with.
    ISSUE = "ISSUE"
    # A whistle on an issue summoned an organization to the issue's lead.
    WHISTLE = "WHISTLE"
    # A person reported an issue the organization handled (led or assisted).
    REPORTED = "REPORTED"
    # A visit group's leader visited the organization.
    VISIT = "VISIT"
    # A person is a member (contact, staff, leader) of the organization.
    MEMBERSHIP = "MEMBERSHIP"
    # A person staffs a health station the organization runs.
    STATION = "STATION"
    # One organization belongs to the other.
    PART_OF = "PART_OF"


@dataclass(frozen=True)
class Party:
    """An organization or a person in the coordination graph."""

    label: Label
    key: str
    name: str
    kind: str | None
    # A resident who is no public contact: the access rules hide them from VIEWERs.
    private: bool = False

    @property
    def id(self) -> str:
        """The party's node id in the graph: its label and key, as in its global ID."""
        return party_id(self.label, self.key)


@dataclass(frozen=True)
class Evidence:
    """A node that shows why two parties are linked: a meeting, an issue, a visit, ..."""

    kind: LinkKind
    label: Label
    key: str
    title: str
    # The issue the evidence comes from (an issue, a whistle about one), or None when public.
    issue: str | None = None


@dataclass(frozen=True)
class IssueAccess:
    """What the issue row rules read about an issue that evidence comes from."""

    # Assigned organizations and every organization above them.
    organizations: frozenset[str] = frozenset()
    summoned: frozenset[str] = frozenset()
    observers: frozenset[str] = frozenset()
    reporters: frozenset[str] = frozenset()


# Which evidence a reader may see; the graph keeps all of it, each request keeps its own.
EvidenceFilter = Callable[[Evidence], bool]


def every_evidence(evidence: Evidence) -> bool:
    """The filter of a reader who may see every piece of evidence."""
    return True


@dataclass(frozen=True)
class Link:
    """One hop of a path: two parties and the evidence that links them."""

    source: Party
    target: Party
    kinds: tuple[LinkKind, ...]
    evidence: tuple[Evidence, ...]
    evidence_count: int
    weight: float


@dataclass(frozen=True)
class CoordinationPath:
    """The chain linking two parties, or why there is none."""

    source: Party
    target: Party
    found: bool
    parties: tuple[Party, ...]
    links: tuple[Link, ...]
    # When the shortest chain is longer than allowed: its hops and the limit it passed.
    too_far: tuple[int, int] | None = None

    @property
    def hops(self) -> int | None:
        """How many links the chain has; None when there is no chain."""
        return len(self.links) if self.found else None

    def reason(self, source_name: str, target_name: str) -> str | None:
        """Why no chain was found, naming the two parties as the reader sees them."""
        if self.found:
            return None
        if self.too_far is None:
            return f"No chain of coordination links connects {source_name} and {target_name}."
        hops, max_hops = self.too_far
        return (
            f"The shortest chain from {source_name} to {target_name} has {hops} "
            f"hops, more than maxHops ({max_hops})."
        )


@dataclass(frozen=True)
class Coordinator:
    """A party ranked by how many shortest chains pass through it."""

    party: Party
    betweenness: float
    degree: int


@dataclass(frozen=True)
class Centrality:
    """Betweenness of every party, exact or estimated from samples."""

    scores: Mapping[str, float]
    approximate: bool


def party_id(label: Label | str, key: str) -> str:
    """The node id of a party: `Organization:key` or `Person:key`."""
    return f"{Label(label)}:{key}"


class Snapshot:
    """The coordination graph as read at one version, and what was computed from it."""

    def __init__(
        self,
        version: str,
        graph: Any,
        built_at: dt.datetime,
        issues: Mapping[str, IssueAccess] | None = None,
        evidence_per_link: int = EVIDENCE_PER_LINK,
    ) -> None:
        self.version = version
        self.graph = graph
        self.built_at = built_at
        self.issues: Mapping[str, IssueAccess] = issues or {}
        self.evidence_per_link = evidence_per_link
        self.centrality: Centrality | None = None
        self._public: Snapshot | None = None

    def public(self) -> Snapshot:
        """The graph without private residents, built once: what a VIEWER's answers use."""
        if self._public is None:
            kept = [node for node, party in self.graph.nodes(data="party") if not party.private]
            if len(kept) == self.node_count:
                self._public = self
            else:
                graph = self.graph.subgraph(kept).copy()
                public = Snapshot(
                    self.version, graph, self.built_at, self.issues, self.evidence_per_link
                )
                public._public = public
                self._public = public
        return self._public

    @property
    def node_count(self) -> int:
        """Parties in the graph."""
        count: int = self.graph.number_of_nodes()
        return count

    @property
    def edge_count(self) -> int:
        """Linked pairs in the graph."""
        count: int = self.graph.number_of_edges()
        return count

    def party(self, node: str) -> Party | None:
        """The party with this node id, if the graph has it."""
        if node not in self.graph:
            return None
        party: Party = self.graph.nodes[node]["party"]
        return party

    def path(
        self, source: str, target: str, max_hops: int, shows: EvidenceFilter = every_evidence
    ) -> CoordinationPath:
        """The fewest-hop chain from source to target, strongest ties first among equals.

        Each link keeps the first `evidence_per_link` pieces of evidence that `shows` passes.
        """
        start, end = self._require(source), self._require(target)
        # Each hop costs 1 plus its weight scaled below 1/n: a whole chain's weights sum to
        # less than one hop, so strength only ever decides between chains of equal length.
        scale = 1.0 / max(self.node_count, 1)

        def cost(u: str, v: str, data: Mapping[str, Any]) -> float:
            weight: float = data["weight"]
            return 1.0 + weight * scale

        # Imported on first use: networkx weighs ~20 MB that most requests never need.
        import networkx as nx

        try:
            _, nodes = nx.bidirectional_dijkstra(self.graph, source, target, weight=cost)
        except nx.NetworkXNoPath:
            return CoordinationPath(start, end, False, (), ())
        if len(nodes) - 1 > max_hops:
            return CoordinationPath(start, end, False, (), (), (len(nodes) - 1, max_hops))
        parties = tuple(self.graph.nodes[node]["party"] for node in nodes)
        links = tuple(self._link(u, v, shows) for u, v in itertools.pairwise(nodes))
        return CoordinationPath(start, end, True, parties, links)

    def rank(self, centrality: Centrality, limit: int, kind: str | None) -> list[Coordinator]:
        """The parties most chains pass through, optionally only organizations of one kind."""
        candidates = [
            Coordinator(party, centrality.scores.get(node, 0.0), self.graph.degree[node])
            for node, party in self.graph.nodes(data="party")
            if kind is None or (party.label is Label.ORGANIZATION and party.kind == kind)
        ]
        candidates.sort(key=lambda c: (-c.betweenness, -c.degree, c.party.id))
        return candidates[:limit]

    def _require(self, node: str) -> Party:
        party = self.party(node)
        if party is None:
            raise KeyError(node)
        return party

    def _link(self, u: str, v: str, shows: EvidenceFilter) -> Link:
        data = self.graph.edges[u, v]
        shown = (evidence for evidence in data["evidence"] if shows(evidence))
        return Link(
            source=self.graph.nodes[u]["party"],
            target=self.graph.nodes[v]["party"],
            kinds=data["kinds"],
            evidence=tuple(itertools.islice(shown, self.evidence_per_link)),
            evidence_count=data["evidence_count"],
            weight=data["weight"],
        )


class CoordinationGraph:
    """The app's cache of the coordination graph and its betweenness, one build per version."""

    def __init__(self, evidence_per_link: int = EVIDENCE_PER_LINK) -> None:
        self.evidence_per_link = evidence_per_link
        self.builds = 0
        self._snapshot: Snapshot | None = None
        # Concurrent requests that find the cache stale wait for one rebuild, not one each.
        self._lock = asyncio.Lock()

    async def get(self, store: Neo4jStore) -> Snapshot:
        """The graph as of the database's current version, rebuilt only if that changed."""
        version = await read_version(store)
        cached = self._snapshot
        if cached is not None and cached.version == version:
            return cached
        async with self._lock:
            cached = self._snapshot
            if cached is not None and cached.version == version:
                return cached
            [row] = await store.query(COORDINATION_GRAPH, evidencePerLink=self.evidence_per_link)
            graph = await asyncio.to_thread(build_graph, row["parties"], row["links"])
            self._snapshot = Snapshot(
                version,
                graph,
                dt.datetime.now(dt.UTC),
                read_issues(row["issues"]),
                self.evidence_per_link,
            )
            self.builds += 1
            return self._snapshot

    async def centrality(
        self, store: Neo4jStore, *, public: bool = False
    ) -> tuple[Snapshot, Centrality]:
        """The current graph (or its public part) and its betweenness, each once per version."""
        snapshot = await self.get(store)
        if public:
            snapshot = snapshot.public()
        if snapshot.centrality is None:
            async with self._lock:
                if snapshot.centrality is None:
                    snapshot.centrality = await asyncio.to_thread(betweenness, snapshot.graph)
        return snapshot, snapshot.centrality


async def read_version(store: Neo4jStore) -> str:
    """A token that changes whenever any transaction commits to the store's database."""
    return await store.version()


def build_graph(
    parties: Sequence[Mapping[str, Any]], links: Sequence[Mapping[str, Any]]
) -> nx.Graph[str]:
    """The networkx graph of parties and evidenced links, in a stable order."""
    import networkx as nx  # on first use, as in Snapshot.path

    # Sorted input makes equal-cost paths and tied rankings the same on every build.
    graph: nx.Graph[str] = nx.Graph()
    for row in sorted(parties, key=lambda row: row["id"]):
        name = row["name"] or row["key"]
        party = Party(Label(row["label"]), row["key"], name, row["kind"], bool(row["private"]))
        graph.add_node(party.id, party=party)
    for row in sorted(links, key=lambda row: (row["a"], row["b"])):
        # By kind and key, public evidence and evidence from issues interleaved as one list.
        evidence = tuple(
            sorted(
                (
                    Evidence(
                        LinkKind(e["kind"]), Label(e["label"]), e["key"], e["title"], e.get("issue")
                    )
                    for e in row["evidence"]
                ),
                key=lambda e: (e.kind, e.key, e.title),
            )
        )
        graph.add_edge(
            row["a"],
            row["b"],
            kinds=tuple(sorted(LinkKind(kind) for kind in row["kinds"])),
            evidence=evidence,
            evidence_count=row["evidenceCount"],
            # More evidence, stronger tie, shorter edge: one meeting 0.5, three 0.25.
            weight=1.0 / (1 + row["evidenceCount"]),
        )
    return graph


def read_issues(rows: Sequence[Mapping[str, Any]]) -> dict[str, IssueAccess]:
    """What the row rules read about each issue evidence comes from, by issue key."""
    return {
        row["key"]: IssueAccess(
            organizations=frozenset(row["organizations"]),
            summoned=frozenset(row["summoned"]),
            observers=frozenset(row["observers"]),
            reporters=frozenset(row["reporters"]),
        )
        for row in rows
    }


def betweenness(graph: Any) -> Centrality:
    """Normalized, unweighted betweenness; sampled with a fixed seed on large graphs."""
    import networkx as nx  # on first use, as in Snapshot.path

    # Unweighted: a key coordinator sits on many fewest-hop chains, whatever their strength.
    if graph.number_of_nodes() <= EXACT_BETWEENNESS_NODES:
        return Centrality(nx.betweenness_centrality(graph, normalized=True), approximate=False)
    scores = nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLES, normalized=True, seed=0)
    return Centrality(scores, approximate=True)
